package org.meditwin.documents;

import java.time.Instant;
import java.util.Optional;

/**
 * A stored document and its ingestion job.
 *
 * @param fileName the name it was imported under (PHI: file names often carry patient names)
 * @param sha256 hex digest of the original; one copy per patient
 * @param failureDetail technical detail of a failure (PHI-free: exception types, counts)
 * @param attempts how often processing started (an interrupted job is retried up to {@link
 *     DocumentService#MAX_ATTEMPTS} times)
 */
public record DocumentSummary(
    String id,
    String patientId,
    String fileName,
    DocumentFormat format,
    long sizeBytes,
    String sha256,
    DocumentStatus status,
    Optional<FailureReason> failure,
    Optional<String> failureDetail,
    int pages,
    int ocrPages,
    int textChars,
    int attempts,
    Instant createdAt,
    Instant updatedAt) {

  /** Done, but no text was found on any page (a photo, a blank scan). */
  public boolean noTextFound() {
    return status == DocumentStatus.DONE && textChars == 0;
  }
}
