package org.meditwin.search;

/**
 * How HYBRID combines the BM25 and dense rankings (ADR 0062 and 0067 have the numbers behind the
 * default).
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
  ZSCORE,
  /**
   * Scores divided by the list's top score (per list and query), {@code w * bm25 + (1 - w) *
   * dense}; a result missing from one list gets that list's lowest normalised score. Unlike min-max
   * and z-score, a listed result's normalised score does not depend on how deep the lists are (only
   * the floor for missing results does), so the app (100 candidates) and the evaluation (300) fuse
   * almost identically — the shipped default (ADR 0067).
   */
  MAX_NORMALISED
}
