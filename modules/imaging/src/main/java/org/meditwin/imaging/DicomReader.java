package org.meditwin.imaging;

import java.util.Optional;
import org.meditwin.imaging.pixelmed.PixelMedReader;

/**
 * Reads DICOM objects. The standard reader uses PixelMed and, for transfer syntaxes PixelMed cannot
 * decode (JPEG-LS, 12-bit lossy JPEG), GDCM's {@code gdcmconv} when it is installed.
 */
public interface DicomReader {

  /**
   * Reads the header only (stops at Pixel Data).
   *
   * @throws DicomReadException with a reason and a PHI-free message
   */
  DicomInfo readInfo(DicomSource source);

  /**
   * Reads the whole object; frames are decoded on request.
   *
   * @throws DicomReadException with a reason and a PHI-free message
   */
  DicomObject open(DicomSource source);

  /** The decoder used when PixelMed has none for a transfer syntax ("gdcmconv 3.0.21"). */
  Optional<String> fallbackDecoder();

  static DicomReader standard() {
    return standard(ReadLimits.standard());
  }

  static DicomReader standard(ReadLimits limits) {
    return new PixelMedReader(limits);
  }
}
