package org.meditwin.search;

/**
 * How HYBRID combines the BM25 and dense rankings (ADR 0062 has the numbers behind the default).
 */
public enum FusionMethod {
  /** Reciprocal rank fusion: {@code sum 1/(60 + rank)}. */
  RRF,
  /** Min-max normalised scores, {@code w * bm25 + (1 - w) * dense}. */
  WEIGHTED,
  /**
   * Z-score normalised scores (per list and query: {@code (s - mean) / sd}), {@code w * bm25 + (1 -
   * w) * dense}; a result missing from one list gets that list's lowest z-score.
   */
  ZSCORE
}
