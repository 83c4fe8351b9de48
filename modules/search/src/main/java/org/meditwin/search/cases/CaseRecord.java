package org.meditwin.search.cases;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * One case to index.
 *
 * @param id unique id, e.g. {@code "ref:pneumoniamnist-train:17"} or {@code "study:<study UID>"}
 * @param patientId required for {@link CaseSource#CLINIC}, empty for the reference library
 * @param modality DICOM modality (CR, DX…), stored upper-case; may be empty
 * @param bodyPart body part examined, stored upper-case; may be empty
 * @param label finding label ("normal", "pneumonia"; from the dataset or the model) or empty
 * @param impression report impression / signed report text (searched by BM25 and the text encoder)
 * @param imageVector image embedding; L2-normalised on the way in; must not be all zeros
 * @param thumbnailPng small PNG shown in result lists (stored encrypted), at most {@link
 *     #MAX_THUMBNAIL_BYTES}
 */
public record CaseRecord(
    String id,
    CaseSource source,
    Optional<String> patientId,
    String modality,
    String bodyPart,
    String label,
    String impression,
    Optional<String> studyUid,
    Optional<LocalDate> date,
    float[] imageVector,
    byte[] thumbnailPng) {
  public static final int MAX_THUMBNAIL_BYTES = 256 * 1024;

  public CaseRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(patientId, "patientId");
    Objects.requireNonNull(modality, "modality");
    Objects.requireNonNull(bodyPart, "bodyPart");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(impression, "impression");
    Objects.requireNonNull(studyUid, "studyUid");
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(imageVector, "imageVector");
    Objects.requireNonNull(thumbnailPng, "thumbnailPng");
    if (id.isBlank()) {
      throw new IllegalArgumentException("case id must not be blank");
    }
    if (source == CaseSource.CLINIC && patientId.filter(p -> !p.isBlank()).isEmpty()) {
      throw new IllegalArgumentException("a clinic case needs its patient id");
    }
    if (source == CaseSource.REFERENCE_LIBRARY && patientId.isPresent()) {
      throw new IllegalArgumentException("a reference case has no patient");
    }
    if (thumbnailPng.length > MAX_THUMBNAIL_BYTES) {
      throw new IllegalArgumentException("thumbnail larger than " + MAX_THUMBNAIL_BYTES + " bytes");
    }
    imageVector = CaseVectors.unit(imageVector);
    thumbnailPng = thumbnailPng.clone();
  }

  @Override
  public float[] imageVector() {
    return imageVector.clone();
  }

  @Override
  public byte[] thumbnailPng() {
    return thumbnailPng.clone();
  }

  /** The same case with other report text (e.g. once its report is signed). */
  public CaseRecord withImpression(String text) {
    return new CaseRecord(
        id,
        source,
        patientId,
        modality,
        bodyPart,
        label,
        text,
        studyUid,
        date,
        imageVector,
        thumbnailPng);
  }
}
