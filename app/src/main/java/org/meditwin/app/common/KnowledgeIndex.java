package org.meditwin.app.common;

import java.io.IOException;
import org.meditwin.search.SearchRequest;
import org.meditwin.search.SearchResult;

/** What the global search needs from the knowledge base. */
public interface KnowledgeIndex {
  /** Lifecycle of the background opening. */
  enum State {
    LOADING,
    READY,
    UNAVAILABLE
  }

  State state();

  /** True when queries run hybrid (BM25 + dense vectors), false for BM25 only. */
  boolean semantic();

  /** Searches; only while {@link #state()} is {@link State#READY}. */
  SearchResult search(SearchRequest request) throws IOException;
}
