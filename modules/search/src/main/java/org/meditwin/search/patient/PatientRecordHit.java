package org.meditwin.search.patient;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A patient record matching a search.
 *
 * @param snippet best passage of the record; words that matched the query are wrapped in {@code
 *     «…»} ({@code «} and {@code »} in the record text itself are shown as {@code ‹} and {@code ›}
 *     so the marks stay unambiguous)
 * @param score fused relevance, higher is better (comparable within one result list only)
 */
public record PatientRecordHit(
    String id,
    String patientId,
    RecordKind kind,
    String title,
    String snippet,
    double score,
    LocalDate date) {

  /** Opening highlight mark. */
  public static final char MARK_OPEN = '«';

  /** Closing highlight mark. */
  public static final char MARK_CLOSE = '»';

  public PatientRecordHit {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(patientId, "patientId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(snippet, "snippet");
    Objects.requireNonNull(date, "date");
  }
}
