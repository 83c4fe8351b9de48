package org.meditwin.imaging;

import java.util.List;

/** One opened DICOM object: header, all attributes, and frames decoded on request. */
public interface DicomObject {
  DicomInfo info();

  /** All data elements, nested sequence items flattened with their depth (for the inspector). */
  List<DicomAttribute> attributes();

  /**
   * Decodes frame {@code index} (0-based).
   *
   * @throws DicomReadException if the object has no pixel data or the frame cannot be decoded
   */
  Frame frame(int index);
}
