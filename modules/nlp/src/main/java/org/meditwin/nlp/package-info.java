/**
 * Clinical NLP: {@link org.meditwin.nlp.ClinicalNlp} is the entry point. PII detection and
 * anonymisation (redact, type, reversible pseudonyms through an encrypted vault) live in {@code
 * pii}; clinical entities, lexicons and ConText assertion in {@code ner}; trained token heads in
 * {@code tagger}; head training in {@code train}; dev-set evaluation in {@code eval}.
 */
package org.meditwin.nlp;
