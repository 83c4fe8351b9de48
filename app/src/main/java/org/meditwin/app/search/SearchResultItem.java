package org.meditwin.app.search;

import java.util.Optional;
import org.meditwin.core.domain.PatientId;
import org.meditwin.search.Snippet;

/** One row of the global search results: a section header or a selectable hit. */
public sealed interface SearchResultItem {
  /** Headers are not selectable. */
  default boolean selectable() {
    return true;
  }

  /** A section title ("Knowledge base", "Patients"). */
  record Header(String text) implements SearchResultItem {
    @Override
    public boolean selectable() {
      return false;
    }
  }

  /** A knowledge-base answer with its citation. */
  record KnowledgeHit(
      String title, String source, String focus, Snippet snippet, Optional<String> url, String text)
      implements SearchResultItem {}

  /** A patient whose record matches. */
  record PatientHit(PatientId id, String name, String mrn, String detail)
      implements SearchResultItem {}
}
