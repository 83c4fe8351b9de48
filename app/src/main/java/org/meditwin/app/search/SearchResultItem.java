package org.meditwin.app.search;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.meditwin.core.domain.PatientId;
import org.meditwin.search.Snippet;
import org.meditwin.search.patient.PatientRecordHit;
import org.meditwin.search.patient.RecordKind;

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

  /**
   * A record (note, document, imaging report, timeline event) of the selected patient.
   *
   * @param kindLabel the record kind in the user's language
   */
  record RecordHit(
      String id,
      String patientId,
      RecordKind kind,
      String kindLabel,
      String title,
      Snippet snippet,
      LocalDate date)
      implements SearchResultItem {

    /** From an index hit: its «…» marks become highlight ranges. */
    static RecordHit of(PatientRecordHit h, String kindLabel) {
      return new RecordHit(
          h.id(), h.patientId(), h.kind(), kindLabel, h.title(), unmark(h.snippet()), h.date());
    }

    /** Removes the «…» marks of a record snippet and returns them as highlight ranges. */
    static Snippet unmark(String marked) {
      StringBuilder text = new StringBuilder(marked.length());
      List<Snippet.Range> ranges = new ArrayList<>();
      int start = -1;
      for (int i = 0; i < marked.length(); i++) {
        char c = marked.charAt(i);
        if (c == PatientRecordHit.MARK_OPEN && start < 0) {
          start = text.length();
        } else if (c == PatientRecordHit.MARK_CLOSE && start >= 0) {
          if (text.length() > start) {
            ranges.add(new Snippet.Range(start, text.length()));
          }
          start = -1;
        } else {
          text.append(c);
        }
      }
      return new Snippet(text.toString(), ranges);
    }
  }

  /** A patient whose record matches. */
  record PatientHit(PatientId id, String name, String mrn, String detail)
      implements SearchResultItem {}
}
