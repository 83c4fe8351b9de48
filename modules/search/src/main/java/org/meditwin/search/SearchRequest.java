package org.meditwin.search;

import java.util.Objects;

/**
 * A search. Any text is accepted: query syntax is never interpreted (operators, brackets and
 * wildcards are plain words), over-long text is truncated and reported in {@link
 * SearchResult#notices()}.
 *
 * @param k number of hits wanted (1..1000)
 * @param snippets highlight query terms in each hit (off for evaluation and benchmarks; hits then
 *     carry the leading text of the chunk)
 */
public record SearchRequest(
    String query, int k, SearchMode mode, SearchFilter filter, boolean snippets) {
  public static final int MAX_K = 1000;

  public SearchRequest {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(filter, "filter");
    query = query == null ? "" : query;
    if (k < 1 || k > MAX_K) {
      throw new IllegalArgumentException("k must be in 1.." + MAX_K);
    }
  }

  /** A request with highlighted snippets. */
  public SearchRequest(String query, int k, SearchMode mode, SearchFilter filter) {
    this(query, k, mode, filter, true);
  }

  /** Hybrid search for the top 10 without filters. */
  public static SearchRequest of(String query) {
    return new SearchRequest(query, 10, SearchMode.HYBRID, SearchFilter.none());
  }

  public SearchRequest withK(int newK) {
    return new SearchRequest(query, newK, mode, filter, snippets);
  }

  public SearchRequest withMode(SearchMode newMode) {
    return new SearchRequest(query, k, newMode, filter, snippets);
  }

  public SearchRequest withFilter(SearchFilter newFilter) {
    return new SearchRequest(query, k, mode, newFilter, snippets);
  }

  public SearchRequest withoutSnippets() {
    return new SearchRequest(query, k, mode, filter, false);
  }
}
