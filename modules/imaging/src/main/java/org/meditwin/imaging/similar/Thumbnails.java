package org.meditwin.imaging.similar;

import org.meditwin.imaging.render.RenderedImage;

/** Area-averaged downscaling of a rendered image for result-list thumbnails. */
final class Thumbnails {
  private Thumbnails() {}

  /** The image scaled so its longer side is at most {@code side} (never enlarged). */
  static RenderedImage fit(RenderedImage image, int side) {
    int w = image.width();
    int h = image.height();
    double scale = Math.min(1.0, (double) side / Math.max(w, h));
    int tw = Math.max(1, (int) Math.round(w * scale));
    int th = Math.max(1, (int) Math.round(h * scale));
    if (tw == w && th == h) {
      return image;
    }
    int[] src = image.rgb();
    int[] out = new int[tw * th];
    for (int ty = 0; ty < th; ty++) {
      int y0 = ty * h / th;
      int y1 = Math.max(y0 + 1, (ty + 1) * h / th);
      for (int tx = 0; tx < tw; tx++) {
        int x0 = tx * w / tw;
        int x1 = Math.max(x0 + 1, (tx + 1) * w / tw);
        long r = 0;
        long g = 0;
        long b = 0;
        int n = 0;
        for (int y = y0; y < y1; y++) {
          for (int x = x0; x < x1; x++) {
            int c = src[y * w + x];
            r += c >> 16 & 0xFF;
            g += c >> 8 & 0xFF;
            b += c & 0xFF;
            n++;
          }
        }
        out[ty * tw + tx] = (int) (r / n) << 16 | (int) (g / n) << 8 | (int) (b / n);
      }
    }
    return new RenderedImage(tw, th, image.color(), out);
  }
}
