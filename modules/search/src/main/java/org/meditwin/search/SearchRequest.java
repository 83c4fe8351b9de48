package org.meditwin.search;

import java.util.Objects;

/**
 * A search. Any text is accepted: query syntax is never interpreted (operators, brackets and
 * wildcards are plain words), over-long text is truncated and reported in {@link
 * SearchResult#notices()}.
 *
 * @param k number of hits wanted (1..1000)
 */
public record SearchRequest(String query, int k, SearchMode mode, SearchFilter filter) {
  public static final int MAX_K = 1000;

  public SearchRequest {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(filter, "filter");
    query = query == null ? "" : query;
    if (k < 1 || k > MAX_K) {
      throw new IllegalArgumentException("k must be in 1.." + MAX_K);
    }
  }

  /** Hybrid search for the top 10 without filters. */
  public static SearchRequest of(String query) {
    return new SearchRequest(query, 10, SearchMode.HYBRID, SearchFilter.none());
  }

  public SearchRequest withK(int newK) {
    return new SearchRequest(query, newK, mode, filter);
  }

  public SearchRequest withMode(SearchMode newMode) {
    return new SearchRequest(query, k, newMode, filter);
  }

  public SearchRequest withFilter(SearchFilter newFilter) {
    return new SearchRequest(query, k, mode, newFilter);
  }
}
