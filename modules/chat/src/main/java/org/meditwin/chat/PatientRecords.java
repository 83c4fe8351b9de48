package org.meditwin.chat;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.meditwin.search.patient.PatientRecordHit;
import org.meditwin.search.patient.PatientRecordIndex;

/**
 * The selected patient's own records (notes, documents, imaging reports, timeline events) as the
 * specialists see them. The app adapts {@code org.meditwin.search.patient.PatientRecordIndex}.
 */
@FunctionalInterface
public interface PatientRecords {
  /** Best records of {@code patientId} for {@code query}, best first. */
  List<Hit> search(String query, String patientId, int k);

  /**
   * The search helper's encrypted patient-record index: the patient filter is applied inside the
   * query; the hit's snippet (highlight marks removed) is the passage.
   */
  static PatientRecords of(PatientRecordIndex index) {
    return (query, patientId, k) ->
        index
            .search(
                query,
                Optional.of(patientId),
                java.util.Set.of(),
                Math.max(1, Math.min(k, PatientRecordIndex.MAX_K)))
            .stream()
            .map(
                h ->
                    new Hit(
                        h.id(),
                        h.kind().name(),
                        h.title(),
                        h.snippet()
                            .replace(String.valueOf(PatientRecordHit.MARK_OPEN), "")
                            .replace(String.valueOf(PatientRecordHit.MARK_CLOSE), ""),
                        h.score(),
                        Optional.of(h.date()),
                        Optional.empty()))
            .toList();
  }

  /**
   * One record passage.
   *
   * @param id record id (e.g. {@code note:…}); cited and opened by the UI
   * @param kind NOTE, DOCUMENT, IMAGING_REPORT or TIMELINE_EVENT
   * @param score retrieval score (higher is better)
   * @param specialty the record's specialty when known
   */
  record Hit(
      String id,
      String kind,
      String title,
      String text,
      double score,
      Optional<LocalDate> date,
      Optional<String> specialty) {
    public Hit {
      title = title == null ? "" : title;
      text = text == null ? "" : text;
      date = date == null ? Optional.empty() : date;
      specialty = specialty == null ? Optional.empty() : specialty;
    }
  }
}
