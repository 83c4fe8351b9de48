package org.meditwin.inference.generate;

/**
 * A cited source: {@code [number]} in the answer refers to {@code sourceId}.
 *
 * @param number 1-based marker used in the text
 * @param quote the exact source sentence used (extractive answers), or empty
 */
public record Citation(int number, String sourceId, String title, String url, String quote) {}
