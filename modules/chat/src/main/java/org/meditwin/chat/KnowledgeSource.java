package org.meditwin.chat;

import java.io.IOException;
import org.meditwin.search.SearchRequest;
import org.meditwin.search.SearchResult;

/**
 * The knowledge base the specialists search: {@code KnowledgeBase::search} or {@code
 * SearchService::search}.
 */
@FunctionalInterface
public interface KnowledgeSource {
  SearchResult search(SearchRequest request) throws IOException;
}
