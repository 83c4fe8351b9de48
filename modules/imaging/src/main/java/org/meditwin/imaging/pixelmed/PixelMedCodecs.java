package org.meditwin.imaging.pixelmed;

import org.meditwin.imaging.ImageDescription;

/**
 * Which encapsulated transfer syntaxes PixelMed decodes here (verified on the sample set, see the
 * module README): everything else goes to the GDCM fallback without a doomed attempt.
 */
final class PixelMedCodecs {
  static final String JPEG_BASELINE = "1.2.840.10008.1.2.4.50";
  static final String JPEG_EXTENDED = "1.2.840.10008.1.2.4.51";
  static final String RLE = "1.2.840.10008.1.2.5";
  static final String JPEG_LS_LOSSLESS = "1.2.840.10008.1.2.4.80";
  static final String JPEG_LS_NEAR_LOSSLESS = "1.2.840.10008.1.2.4.81";

  private PixelMedCodecs() {}

  static boolean decodes(String transferSyntax, ImageDescription image) {
    return whyNot(transferSyntax, image).isEmpty();
  }

  /** Empty when PixelMed decodes it, else the reason. */
  static String whyNot(String transferSyntax, ImageDescription image) {
    if (JPEG_LS_LOSSLESS.equals(transferSyntax) || JPEG_LS_NEAR_LOSSLESS.equals(transferSyntax)) {
      return "PixelMed has no JPEG-LS decoder";
    }
    if ((JPEG_EXTENDED.equals(transferSyntax) || JPEG_BASELINE.equals(transferSyntax))
        && image.bitsStored() > 8) {
      return "PixelMed (Java Image I/O) decodes only 8-bit lossy JPEG";
    }
    if (RLE.equals(transferSyntax)
        && (image.bitsAllocated() > 16
            || (image.samplesPerPixel() == 3 && image.bitsAllocated() > 8))) {
      return "PixelMed decodes RLE only for 8/16-bit grey and 8-bit colour";
    }
    return "";
  }
}
