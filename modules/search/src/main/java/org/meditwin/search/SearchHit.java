package org.meditwin.search;

/**
 * One retrieved chunk.
 *
 * @param chunkId {@code documentId#chunkIndex}
 * @param score mode-specific score (BM25, cosine in [0,1], or fused), higher is better
 * @param snippet best passage of the chunk with query terms highlighted
 * @param metadata citation fields (source, url, focus, question type) and filters
 */
public record SearchHit(
    String chunkId,
    String documentId,
    int chunkIndex,
    float score,
    String title,
    String text,
    Snippet snippet,
    DocumentMetadata metadata) {}
