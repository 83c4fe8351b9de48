package org.meditwin.search.patient;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * One searchable patient record (a SOAP note, a document, an imaging report, a timeline event).
 *
 * @param id unique per record and stable across updates, e.g. {@code "note:<uuid>"}
 * @param patientId owning patient
 * @param title short heading shown in results
 * @param text full searchable text (chunked by the index)
 * @param date clinical date of the record (visit, document, study, event)
 * @param specialty clinical specialty, when known
 */
public record PatientRecord(
    String id,
    String patientId,
    RecordKind kind,
    String title,
    String text,
    LocalDate date,
    Optional<String> specialty) {

  public PatientRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(patientId, "patientId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(specialty, "specialty");
    if (id.isBlank()) {
      throw new IllegalArgumentException("record id must not be blank");
    }
    if (patientId.isBlank()) {
      throw new IllegalArgumentException("patient id must not be blank");
    }
  }
}
