package org.meditwin.search;

/**
 * One piece of a document sized for the encoder.
 *
 * @param index position of the chunk in its document, from 0
 * @param text the chunk text (whole sentences, unless a single sentence exceeded the budget)
 * @param start character offset of the chunk in the original text
 * @param end character offset just past the chunk
 * @param tokens estimated token count (see {@link Chunker#countTokens(String)})
 */
public record Chunk(int index, String text, int start, int end, int tokens) {}
