package org.meditwin.nlp;

/**
 * Whether a pipeline component runs with its trained model or falls back to rules.
 *
 * @param component {@code deid-names} or {@code clinical-ner}
 * @param modelLoaded true when the trained head is in use
 * @param detail PHI-free explanation (model version, or why the rules are used instead)
 */
public record ComponentStatus(String component, boolean modelLoaded, String detail) {}
