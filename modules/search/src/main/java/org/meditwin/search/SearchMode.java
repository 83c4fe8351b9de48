package org.meditwin.search;

/** Retrieval mode. */
public enum SearchMode {
  /** Lexical BM25 over title and text. */
  BM25,
  /** HNSW k-nearest-neighbour search over chunk embeddings (cosine). */
  DENSE,
  /** Both, fused (see {@link FusionMethod}). */
  HYBRID
}
