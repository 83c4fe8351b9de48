package org.meditwin.nlp.pii;

/**
 * One replaced span: where it was in the original text and where its replacement is in the masked
 * text.
 */
public record Replacement(
    int start, int end, PiiType type, int maskedStart, int maskedEnd, String replacement) {}
