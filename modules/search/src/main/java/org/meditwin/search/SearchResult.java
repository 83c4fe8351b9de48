package org.meditwin.search;

import java.util.List;

/**
 * Hits plus user-facing notices (query truncated, dense search unavailable…).
 *
 * @param modeUsed the mode actually run (HYBRID falls back to BM25 without an encoder)
 * @param embedMicros time spent embedding the query
 * @param searchMicros time spent in Lucene and fusion, without embedding and highlighting
 */
public record SearchResult(
    List<SearchHit> hits,
    SearchMode modeUsed,
    List<String> notices,
    long embedMicros,
    long searchMicros) {
  public SearchResult {
    hits = List.copyOf(hits);
    notices = List.copyOf(notices);
  }
}
