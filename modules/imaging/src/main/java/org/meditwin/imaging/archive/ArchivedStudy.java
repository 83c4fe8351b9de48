package org.meditwin.imaging.archive;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * One study in a patient's imaging archive. Holds PHI (study description, dates): never log it.
 *
 * @param id opaque archive id (used in audit entries, timeline events "imaging:&lt;id&gt;" and
 *     record links; never the study UID)
 * @param modality the modalities of its series, e.g. "CT" or "CT/SR"
 * @param studyDate DICOM date (YYYYMMDD) as in the objects; "" when absent
 * @param origin where it first came from: "file", "pacs:&lt;AE&gt;", …
 */
public record ArchivedStudy(
    String id,
    String studyInstanceUid,
    String patientId,
    String modality,
    String studyDate,
    String description,
    int seriesCount,
    int instanceCount,
    String origin,
    Instant importedAt) {

  public ArchivedStudy {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(studyInstanceUid, "studyInstanceUid");
    Objects.requireNonNull(patientId, "patientId");
    Objects.requireNonNull(modality, "modality");
    Objects.requireNonNull(studyDate, "studyDate");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(importedAt, "importedAt");
  }

  /** The study date when the objects carry a valid one. */
  public Optional<LocalDate> date() {
    if (studyDate.length() < 8) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          LocalDate.parse(studyDate.substring(0, 8), DateTimeFormatter.BASIC_ISO_DATE));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
