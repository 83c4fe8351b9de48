package org.meditwin.app.soap;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.meditwin.core.domain.AuditAction;
import org.meditwin.core.service.UserSession;
import org.meditwin.notes.NoteId;
import org.meditwin.notes.SoapNote;
import org.meditwin.search.patient.PatientRecord;
import org.meditwin.search.patient.PatientRecordHit;
import org.meditwin.search.patient.PatientRecordIndex;
import org.meditwin.search.patient.RecordKind;
import org.meditwin.soap.NoteTemplate;

/**
 * SOAP notes in the encrypted patient-record index (modules/search): every saved note is upserted
 * as {@code note:<id>}; "similar notes" and note search for one patient or the whole clinic.
 * Searches are audited (PHI_SEARCH) because the query and the hits are PHI. When the index is not
 * open (yet) every call is a no-op with an empty result and {@link #available()} is false.
 */
final class NoteSearch {
  static final String PREFIX = "note:";
  private static final int K = 20;

  private final Supplier<Optional<PatientRecordIndex>> index;
  private final UserSession session;
  private final ZoneId zone;

  NoteSearch(Supplier<Optional<PatientRecordIndex>> index, UserSession session, ZoneId zone) {
    this.index = index;
    this.session = session;
    this.zone = zone;
  }

  boolean available() {
    return index.get().isPresent();
  }

  static String recordId(NoteId id) {
    return PREFIX + id.value();
  }

  static Optional<NoteId> noteId(String recordId) {
    return recordId.startsWith(PREFIX)
        ? Optional.of(new NoteId(recordId.substring(PREFIX.length())))
        : Optional.empty();
  }

  static PatientRecord record(SoapNote note, ZoneId zone) {
    LocalDate date = LocalDate.ofInstant(note.created(), zone);
    String title =
        (note.template() == NoteTemplate.HEARING ? "Hearing-care SOAP note" : "SOAP note")
            + (note.isLocked() ? "" : " (draft)");
    return new PatientRecord(
        recordId(note.id()),
        note.patientId(),
        RecordKind.NOTE,
        title,
        note.draft().text(),
        date,
        note.template() == NoteTemplate.HEARING ? Optional.of("audiology") : Optional.empty());
  }

  /** Adds or replaces the note in the index (a note without text is removed). */
  void index(SoapNote note) {
    index
        .get()
        .ifPresent(
            i -> {
              if (note.draft().sentences().isEmpty()) {
                i.delete(recordId(note.id()));
              } else {
                i.upsert(record(note, zone));
              }
            });
  }

  void remove(NoteId id) {
    index.get().ifPresent(i -> i.delete(recordId(id)));
  }

  /** Notes most like {@code id}, across the clinic or within one patient. */
  List<PatientRecordHit> similar(NoteId id, Optional<String> patientId) {
    Optional<PatientRecordIndex> i = index.get();
    if (i.isEmpty()) {
      return List.of();
    }
    List<PatientRecordHit> hits =
        i.get().similar(recordId(id), patientId, K).stream()
            .filter(h -> h.kind() == RecordKind.NOTE)
            .toList();
    audit(patientId, "similar hits=" + hits.size());
    return hits;
  }

  /** Notes matching {@code query}, for one patient or the whole clinic. */
  List<PatientRecordHit> search(String query, Optional<String> patientId) {
    Optional<PatientRecordIndex> i = index.get();
    if (i.isEmpty() || query.isBlank()) {
      return List.of();
    }
    List<PatientRecordHit> hits = i.get().search(query, patientId, Set.of(RecordKind.NOTE), K);
    audit(patientId, "search hits=" + hits.size());
    return hits;
  }

  private void audit(Optional<String> patientId, String detail) {
    session
        .clinicalStore()
        .write(
            tx -> {
              tx.audit(
                  AuditAction.PHI_SEARCH, "soap-note-index", patientId.orElse("*"), true, detail);
              return null;
            });
  }
}
