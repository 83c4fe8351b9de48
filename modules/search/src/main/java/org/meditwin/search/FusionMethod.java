package org.meditwin.search;

/**
 * How HYBRID combines the BM25 and dense rankings (ADR 0062 has the numbers behind the default).
 */
public enum FusionMethod {
  /** Reciprocal rank fusion: {@code sum 1/(60 + rank)}. */
  RRF,
  /** Min-max normalised scores, {@code w * bm25 + (1 - w) * dense}. */
  WEIGHTED
}
