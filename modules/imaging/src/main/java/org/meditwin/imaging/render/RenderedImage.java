package org.meditwin.imaging.render;

/**
 * A display-ready 8-bit image.
 *
 * @param rgb one 0xRRGGBB value per pixel, row by row (grey pixels have R = G = B)
 * @param color false when every pixel is grey (written as an 8-bit grey PNG)
 */
public record RenderedImage(int width, int height, boolean color, int[] rgb) {
  public RenderedImage {
    if ((long) width * height != rgb.length) {
      throw new IllegalArgumentException("size does not match the pixels");
    }
  }

  public int grey(int x, int y) {
    return rgb[y * width + x] & 0xFF;
  }

  @Override
  public int[] rgb() {
    return rgb;
  }
}
