package org.meditwin.chat;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The selected patient's own records (notes, documents, imaging reports, timeline events) as the
 * specialists see them. The app adapts {@code org.meditwin.search.patient.PatientRecordIndex}.
 */
@FunctionalInterface
public interface PatientRecords {
  /** Best records of {@code patientId} for {@code query}, best first. */
  List<Hit> search(String query, String patientId, int k);

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
