/**
 * Token-classification heads over bge word features: window-wise feature extraction, constrained
 * BIO (Viterbi) decoding, and loading of trained heads from the model registry.
 */
package org.meditwin.nlp.tagger;
