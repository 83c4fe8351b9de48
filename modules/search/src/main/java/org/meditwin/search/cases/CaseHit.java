package org.meditwin.search.cases;

import java.time.LocalDate;
import java.util.Optional;

/**
 * One similar case, best first.
 *
 * @param score ranking score (the image cosine for image-only queries; the fused score with text)
 * @param imageSimilarity cosine similarity of the image embeddings (-1..1), exact
 * @param patientId the patient of a clinic case (only ever the queried patient, ADR 0130)
 */
public record CaseHit(
    String id,
    CaseSource source,
    Optional<String> patientId,
    String modality,
    String bodyPart,
    String label,
    String impression,
    Optional<String> studyUid,
    Optional<LocalDate> date,
    double score,
    double imageSimilarity,
    byte[] thumbnailPng) {
  public CaseHit {
    thumbnailPng = thumbnailPng.clone();
  }

  @Override
  public byte[] thumbnailPng() {
    return thumbnailPng.clone();
  }
}
