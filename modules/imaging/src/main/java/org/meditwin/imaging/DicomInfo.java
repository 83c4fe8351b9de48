package org.meditwin.imaging;

import java.util.Optional;

/**
 * The identifying header of one DICOM object (read without its pixel data). Carries PHI (patient
 * name, id, birth date): never log it.
 *
 * @param transferSyntax transfer syntax UID
 * @param transferSyntaxName its name ("" if unknown)
 * @param sopClass SOP Class UID
 * @param sopClassName its name
 * @param imagePosition Image Position (Patient), three values, when present
 * @param image the pixel description; empty for objects without Pixel Data
 */
public record DicomInfo(
    String transferSyntax,
    String transferSyntaxName,
    String sopClass,
    String sopClassName,
    String sopInstanceUid,
    String modality,
    String patientName,
    String patientId,
    String patientBirthDate,
    String patientSex,
    String studyInstanceUid,
    String studyDate,
    String studyTime,
    String studyDescription,
    String accessionNumber,
    String seriesInstanceUid,
    int seriesNumber,
    String seriesDescription,
    int instanceNumber,
    String bodyPart,
    String manufacturer,
    Optional<double[]> imagePosition,
    Optional<double[]> imageOrientation,
    double sliceThickness,
    Optional<ImageDescription> image) {

  public boolean hasPixelData() {
    return image.isPresent();
  }

  public int rows() {
    return image.map(ImageDescription::rows).orElse(0);
  }

  public int columns() {
    return image.map(ImageDescription::columns).orElse(0);
  }

  public int frames() {
    return image.map(ImageDescription::frames).orElse(0);
  }

  /** The position along the slice normal, for sorting slices (empty without geometry). */
  public Optional<Double> slicePosition() {
    if (imagePosition.isEmpty() || imageOrientation.isEmpty()) {
      return Optional.empty();
    }
    double[] p = imagePosition.get();
    double[] o = imageOrientation.get();
    if (p.length < 3 || o.length < 6) {
      return Optional.empty();
    }
    double nx = o[1] * o[5] - o[2] * o[4];
    double ny = o[2] * o[3] - o[0] * o[5];
    double nz = o[0] * o[4] - o[1] * o[3];
    return Optional.of(p[0] * nx + p[1] * ny + p[2] * nz);
  }
}
