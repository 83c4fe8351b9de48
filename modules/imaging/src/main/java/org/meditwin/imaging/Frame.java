package org.meditwin.imaging;

/**
 * One decoded frame: stored pixel values before any transformation. Grey images hold one value per
 * pixel (sign-extended to int when Pixel Representation is 1); colour images hold interleaved
 * samples (R,G,B or Y,Cb,Cr as the photometric interpretation says).
 *
 * @param width columns
 * @param height rows
 * @param samplesPerPixel 1 or 3
 * @param photometric the photometric interpretation of {@code values}: a decoder may have converted
 *     the header's (JPEG decoders turn YBR_FULL_422 into RGB)
 * @param values {@code width * height * samplesPerPixel} values
 */
public record Frame(int width, int height, int samplesPerPixel, String photometric, int[] values) {
  public Frame {
    if ((long) width * height * samplesPerPixel != values.length) {
      throw new IllegalArgumentException("frame size does not match its values");
    }
  }

  /** Memory the frame occupies (for the cache budget). */
  public long bytes() {
    return 16L + 4L * values.length;
  }

  /** The stored value of a grey pixel. */
  public int value(int x, int y) {
    return values[(y * width + x) * samplesPerPixel];
  }

  @Override
  public int[] values() {
    return values;
  }
}
