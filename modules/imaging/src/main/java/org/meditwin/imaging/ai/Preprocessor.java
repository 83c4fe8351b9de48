package org.meditwin.imaging.ai;

import org.meditwin.imaging.Frame;
import org.meditwin.imaging.ImageDescription;
import org.meditwin.imaging.ai.ImageModelDescriptor.InputSpec;
import org.meditwin.imaging.ai.ImageModelDescriptor.Normalisation;
import org.meditwin.imaging.ai.ImageModelDescriptor.Resize;
import org.meditwin.imaging.render.RenderOptions;
import org.meditwin.imaging.render.RenderedImage;
import org.meditwin.imaging.render.Renderer;

/** Image → NCHW float input as the descriptor says (value source, resize, normalisation). */
final class Preprocessor {
  private Preprocessor() {}

  /** Planes (channel-major) of the frame at its own size, before resizing and normalisation. */
  static float[][] planes(ImageDescription image, Frame frame, InputSpec spec) {
    int w = frame.width();
    int h = frame.height();
    boolean rendered =
        spec.normalisation().kind() == Normalisation.Kind.RENDERED || frame.samplesPerPixel() != 1;
    float[][] planes = new float[spec.channels()][w * h];
    if (rendered) {
      RenderedImage shown =
          Renderer.render(image, frame, 0, RenderOptions.defaults().withOverlays(false));
      int[] rgb = shown.rgb();
      for (int i = 0; i < rgb.length; i++) {
        int r = rgb[i] >> 16 & 0xFF;
        int g = rgb[i] >> 8 & 0xFF;
        int b = rgb[i] & 0xFF;
        if (spec.channels() == 3) {
          planes[0][i] = r;
          planes[1][i] = g;
          planes[2][i] = b;
        } else {
          planes[0][i] = (r + g + b) / 3f;
        }
      }
    } else {
      float[] p = planes[0];
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          p[y * w + x] = (float) Renderer.modalityValue(image, frame.value(x, y));
        }
      }
      for (int c = 1; c < planes.length; c++) {
        planes[c] = p.clone();
      }
    }
    return planes;
  }

  /** The model input: resized planes, normalised, concatenated channel after channel. */
  static float[] input(ImageDescription image, Frame frame, InputSpec spec) {
    float[][] planes = planes(image, frame, spec);
    int w = frame.width();
    int h = frame.height();
    int tw = spec.width();
    int th = spec.height();
    float[] out = new float[spec.channels() * tw * th];
    Normalisation n = spec.normalisation();
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    if (n.kind() == Normalisation.Kind.MIN_MAX) {
      for (float[] p : planes) {
        for (float v : p) {
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
      }
    }
    for (int c = 0; c < planes.length; c++) {
      float[] r = resize(planes[c], w, h, tw, th, spec.resize());
      for (int i = 0; i < r.length; i++) {
        out[c * tw * th + i] = (float) normalise(r[i], n, min, max);
      }
    }
    return out;
  }

  static double normalise(double v, Normalisation n, double min, double max) {
    return switch (n.kind()) {
      case RENDERED -> (v / 255.0 - n.a()) / n.b();
      case WINDOW -> {
        double lo = n.a() - n.b() / 2;
        yield Math.max(0, Math.min(1, (v - lo) / n.b()));
      }
      case MIN_MAX -> max > min ? (v - min) / (max - min) : 0;
      case MEAN_STD -> (v - n.a()) / n.b();
    };
  }

  /** Resizes one plane; identity when the size already matches. */
  static float[] resize(float[] src, int w, int h, int tw, int th, Resize mode) {
    if (w == tw && h == th) {
      return src.clone();
    }
    float[] out = new float[tw * th];
    switch (mode) {
      case AREA -> {
        for (int ty = 0; ty < th; ty++) {
          int y0 = (int) ((long) ty * h / th);
          int y1 = Math.max(y0 + 1, (int) ((long) (ty + 1) * h / th));
          for (int tx = 0; tx < tw; tx++) {
            int x0 = (int) ((long) tx * w / tw);
            int x1 = Math.max(x0 + 1, (int) ((long) (tx + 1) * w / tw));
            double sum = 0;
            int count = 0;
            for (int y = y0; y < Math.min(h, y1); y++) {
              for (int x = x0; x < Math.min(w, x1); x++) {
                sum += src[y * w + x];
                count++;
              }
            }
            out[ty * tw + tx] = (float) (count == 0 ? 0 : sum / count);
          }
        }
      }
      case NEAREST -> {
        for (int ty = 0; ty < th; ty++) {
          int sy = Math.min(h - 1, (int) ((ty + 0.5) * h / th));
          for (int tx = 0; tx < tw; tx++) {
            out[ty * tw + tx] = src[sy * w + Math.min(w - 1, (int) ((tx + 0.5) * w / tw))];
          }
        }
      }
      case BILINEAR -> {
        for (int ty = 0; ty < th; ty++) {
          double fy = Math.max(0, Math.min(h - 1, (ty + 0.5) * h / th - 0.5));
          int y0 = (int) fy;
          int y1 = Math.min(h - 1, y0 + 1);
          double ay = fy - y0;
          for (int tx = 0; tx < tw; tx++) {
            double fx = Math.max(0, Math.min(w - 1, (tx + 0.5) * w / tw - 0.5));
            int x0 = (int) fx;
            int x1 = Math.min(w - 1, x0 + 1);
            double ax = fx - x0;
            out[ty * tw + tx] =
                (float)
                    ((1 - ay) * ((1 - ax) * src[y0 * w + x0] + ax * src[y0 * w + x1])
                        + ay * ((1 - ax) * src[y1 * w + x0] + ax * src[y1 * w + x1]));
          }
        }
      }
    }
    return out;
  }

  /** Nearest-neighbour resize of a label map (labels are never interpolated). */
  static int[] resizeLabels(int[] src, int w, int h, int tw, int th) {
    int[] out = new int[tw * th];
    for (int ty = 0; ty < th; ty++) {
      int sy = Math.min(h - 1, (int) ((ty + 0.5) * h / th));
      for (int tx = 0; tx < tw; tx++) {
        out[ty * tw + tx] = src[sy * w + Math.min(w - 1, (int) ((tx + 0.5) * w / tw))];
      }
    }
    return out;
  }
}
