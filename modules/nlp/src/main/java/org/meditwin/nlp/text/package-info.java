/** Offsets-preserving tokens and sentences shared by the PII and clinical NER pipelines. */
package org.meditwin.nlp.text;
