package org.meditwin.pacs;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One C-FIND / QIDO-RS match. Contains PHI (patient name and id): show it, never log it. Fields a
 * level does not return are empty.
 */
public record PacsMatch(
    QueryLevel level,
    Optional<String> patientId,
    Optional<String> patientName,
    Optional<LocalDate> patientBirthDate,
    Optional<String> studyInstanceUid,
    Optional<LocalDate> studyDate,
    Optional<String> studyDescription,
    Optional<String> accessionNumber,
    List<String> modalities,
    Optional<String> seriesInstanceUid,
    OptionalInt seriesNumber,
    Optional<String> seriesDescription,
    Optional<String> sopInstanceUid,
    Optional<String> sopClassUid,
    OptionalInt instanceNumber,
    OptionalInt numberOfInstances) {

  public PacsMatch {
    Objects.requireNonNull(level, "level");
    modalities = List.copyOf(modalities);
  }
}
