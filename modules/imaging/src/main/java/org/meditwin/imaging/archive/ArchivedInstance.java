package org.meditwin.imaging.archive;

import java.util.Objects;

/**
 * One DICOM object in the archive (its bytes stay in the encrypted store until asked for).
 *
 * @param id opaque archive id of the object
 * @param size size of the stored object in bytes
 */
public record ArchivedInstance(
    String id,
    String studyInstanceUid,
    String seriesInstanceUid,
    String sopInstanceUid,
    String sopClassUid,
    String transferSyntaxUid,
    long size) {

  public ArchivedInstance {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(studyInstanceUid, "studyInstanceUid");
    Objects.requireNonNull(seriesInstanceUid, "seriesInstanceUid");
    Objects.requireNonNull(sopInstanceUid, "sopInstanceUid");
    Objects.requireNonNull(sopClassUid, "sopClassUid");
    Objects.requireNonNull(transferSyntaxUid, "transferSyntaxUid");
  }
}
