package org.meditwin.documents;

import java.time.LocalDate;

/**
 * Where finished documents' text goes for retrieval (the patient-record index of modules/search,
 * wired by the application). Implementations must be thread-safe; failures are retried at the next
 * {@link DocumentService#resumePending()}.
 */
public interface DocumentIndexer {
  /**
   * @param title a PHI-light title (format and page count; never the file name)
   * @param date the document's clinical date (or its import date)
   */
  void upsert(String documentId, String patientId, String title, String text, LocalDate date);

  void delete(String documentId);
}
