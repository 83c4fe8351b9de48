/** Dev-split evaluation of the NLP pipeline (PII per type with F2, strict NER F1). */
package org.meditwin.nlp.eval;
