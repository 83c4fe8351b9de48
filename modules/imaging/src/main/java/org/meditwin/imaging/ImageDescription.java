package org.meditwin.imaging;

import java.util.List;
import java.util.Optional;

/**
 * Everything the rendering pipeline needs to know about an image's pixels (Image Pixel, Modality
 * LUT, VOI LUT, Palette and Overlay modules).
 *
 * @param pixelSpacing row and column spacing in mm (Pixel Spacing, else Imager Pixel Spacing)
 */
public record ImageDescription(
    int rows,
    int columns,
    int frames,
    int samplesPerPixel,
    int bitsAllocated,
    int bitsStored,
    int highBit,
    boolean signed,
    String photometric,
    int planarConfiguration,
    double rescaleSlope,
    double rescaleIntercept,
    String rescaleType,
    Optional<LookupTable> modalityLut,
    List<Window> windows,
    List<LookupTable> voiLuts,
    VoiFunction voiFunction,
    Optional<Palette> palette,
    List<Overlay> overlays,
    Optional<PixelSpacing> pixelSpacing) {

  public ImageDescription {
    windows = List.copyOf(windows);
    voiLuts = List.copyOf(voiLuts);
    overlays = List.copyOf(overlays);
  }

  /** Red, green and blue palette lookup tables (PALETTE COLOR). */
  public record Palette(LookupTable red, LookupTable green, LookupTable blue) {}

  /** Physical size of one pixel in millimetres. */
  public record PixelSpacing(double row, double column) {}

  public boolean isColor() {
    return samplesPerPixel == 3 || "PALETTE COLOR".equals(photometric);
  }

  public boolean isMonochrome1() {
    return "MONOCHROME1".equals(photometric);
  }

  /** Bytes one decoded frame occupies in a {@link Frame}. */
  public long decodedFrameBytes() {
    return 4L * rows * columns * samplesPerPixel;
  }

  /** Smallest and largest stored value the header allows. */
  public int minStoredValue() {
    return signed ? -(1 << (bitsStored - 1)) : 0;
  }

  public int maxStoredValue() {
    return signed ? (1 << (bitsStored - 1)) - 1 : (int) ((1L << Math.min(bitsStored, 31)) - 1);
  }
}
