package org.meditwin.imaging.render;

import java.util.Optional;
import org.meditwin.imaging.DicomReadException;
import org.meditwin.imaging.Frame;
import org.meditwin.imaging.ImageDescription;
import org.meditwin.imaging.LookupTable;
import org.meditwin.imaging.Overlay;
import org.meditwin.imaging.VoiFunction;
import org.meditwin.imaging.Window;

/**
 * The rendering pipeline (no UI classes): modality LUT or rescale → VOI (window with LINEAR,
 * LINEAR_EXACT or SIGMOID, or VOI LUT) → MONOCHROME1 inversion → overlays; colour images through
 * palette or YBR→RGB. The linear window follows dcmtk's arithmetic (PS3.3 C.11.2.1.2.1) so that
 * uncompressed images match {@code dcm2pnm} pixel for pixel.
 */
public final class Renderer {
  private Renderer() {}

  public static RenderedImage render(
      ImageDescription image, Frame frame, int frameIndex, RenderOptions options) {
    RenderedImage out;
    if ("PALETTE COLOR".equals(frame.photometric()) && image.palette().isPresent()) {
      out = palette(image.palette().get(), frame);
    } else if (frame.samplesPerPixel() == 3) {
      out = color(image, frame);
    } else if (frame.samplesPerPixel() == 1) {
      out = grey(image, frame, options);
    } else {
      throw new DicomReadException(
          DicomReadException.Reason.UNSUPPORTED_TRANSFER_SYNTAX,
          "photometric interpretation " + frame.photometric() + " is not supported");
    }
    if (options.invert()) {
      int[] p = out.rgb();
      for (int i = 0; i < p.length; i++) {
        p[i] = ~p[i] & 0xFFFFFF;
      }
    }
    if (options.overlays() && !image.overlays().isEmpty()) {
      burnOverlays(image, frameIndex, out);
    }
    return out;
  }

  /** Modality value of a stored value (Modality LUT if present, else rescale). */
  public static double modalityValue(ImageDescription image, int stored) {
    Optional<LookupTable> lut = image.modalityLut();
    if (lut.isPresent()) {
      return lut.get().lookup(stored);
    }
    return stored * image.rescaleSlope() + image.rescaleIntercept();
  }

  /** dcmtk's min-max window over the frame's modality values. */
  public static Window minMaxWindow(ImageDescription image, Frame frame) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    int[] v = frame.values();
    for (int s : v) {
      double m = modalityValue(image, s);
      if (m < min) {
        min = m;
      }
      if (m > max) {
        max = m;
      }
    }
    if (!Double.isFinite(min)) {
      return new Window(128, 256, "min-max");
    }
    return new Window((min + max + 1) / 2, Math.max(1, max - min + 1), "min-max");
  }

  /** The window used when the options give none and no VOI LUT applies. */
  public static Window defaultWindow(ImageDescription image, Frame frame) {
    return image.windows().isEmpty() ? minMaxWindow(image, frame) : image.windows().getFirst();
  }

  private static RenderedImage grey(ImageDescription image, Frame frame, RenderOptions options) {
    int[] v = frame.values();
    int n = v.length;
    int[] rgb = new int[n];
    boolean inverse = image.isMonochrome1();
    int low = inverse ? 255 : 0;
    int high = inverse ? 0 : 255;
    Optional<LookupTable> modalityLut = image.modalityLut();
    double slope = image.rescaleSlope();
    double intercept = image.rescaleIntercept();
    // dcmtk keeps rescaled values as integers (truncated towards zero); we do the same unless the
    // rescaled range is too narrow for integers to show it (e.g. a PET image with a tiny slope)
    boolean truncate =
        modalityLut.isEmpty()
            && Math.abs(slope) * ((double) image.maxStoredValue() - image.minStoredValue()) >= 255;
    int chosen = options.voiLut().orElse(-1);
    Optional<LookupTable> voiLut =
        chosen >= 0 && chosen < image.voiLuts().size()
            ? Optional.of(image.voiLuts().get(chosen))
            : options.window().isEmpty() && options.useVoiLut() && image.windows().isEmpty()
                ? image.voiLuts().stream().findFirst()
                : Optional.empty();
    if (voiLut.isPresent()) {
      LookupTable lut = voiLut.get();
      // as dcmtk (no presentation LUT, no display function): low + value * (high - low + 1) /
      // 2^bits, truncated; MONOCHROME1 swaps low and high
      double gradient = (high - low + 1) / (double) (1L << lut.bits());
      for (int i = 0; i < n; i++) {
        int m = (int) modality(modalityLut, slope, intercept, v[i]);
        int g = (int) (low + lut.lookup(m) * gradient);
        rgb[i] = clamp(g) * 0x010101;
      }
      return new RenderedImage(frame.width(), frame.height(), false, rgb);
    }
    Window w = options.window().orElseGet(() -> defaultWindow(image, frame));
    VoiFunction f = options.function().orElse(image.voiFunction());
    double c = w.center();
    double width = w.width();
    double outrange = high - low;
    switch (f) {
      case SIGMOID -> {
        for (int i = 0; i < n; i++) {
          double m = intermediate(modalityLut, slope, intercept, truncate, v[i]);
          // as dcmtk: low + range / (1 + e^(-4 (x - c) / w)), truncated (MONOCHROME1: low 255)
          int g = (int) (low + outrange / (1 + Math.exp(-4 * (m - c) / width)));
          rgb[i] = clamp(g) * 0x010101;
        }
      }
      case LINEAR_EXACT -> {
        double left = c - width / 2;
        double right = c + width / 2;
        for (int i = 0; i < n; i++) {
          double m = intermediate(modalityLut, slope, intercept, truncate, v[i]);
          int g;
          if (m <= left) {
            g = low;
          } else if (m > right) {
            g = high;
          } else {
            g = (int) (((m - c) / width + 0.5) * outrange + low);
          }
          rgb[i] = clamp(g) * 0x010101;
        }
      }
      default -> {
        double width1 = width - 1;
        double left = c - 0.5 - width1 / 2;
        double right = c - 0.5 + width1 / 2;
        double offset = width1 == 0 ? 0 : high - ((c - 0.5) / width1 + 0.5) * outrange;
        double gradient = width1 == 0 ? 0 : outrange / width1;
        for (int i = 0; i < n; i++) {
          double m = intermediate(modalityLut, slope, intercept, truncate, v[i]);
          int g;
          if (m <= left) {
            g = low;
          } else if (m > right) {
            g = high;
          } else {
            g = (int) (offset + m * gradient);
          }
          rgb[i] = clamp(g) * 0x010101;
        }
      }
    }
    return new RenderedImage(frame.width(), frame.height(), false, rgb);
  }

  private static double modality(
      Optional<LookupTable> lut, double slope, double intercept, int stored) {
    if (lut.isPresent()) {
      return lut.get().lookup(stored);
    }
    return stored * slope + intercept;
  }

  private static double intermediate(
      Optional<LookupTable> lut, double slope, double intercept, boolean truncate, int stored) {
    if (lut.isPresent()) {
      return lut.get().lookup(stored);
    }
    double m = stored * slope + intercept;
    return truncate ? (long) m : m;
  }

  private static int clamp(int g) {
    return g < 0 ? 0 : Math.min(g, 255);
  }

  private static RenderedImage palette(ImageDescription.Palette palette, Frame frame) {
    int[] v = frame.values();
    int[] rgb = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      int r = to8(palette.red(), palette.red().lookup(v[i]));
      int g = to8(palette.green(), palette.green().lookup(v[i]));
      int b = to8(palette.blue(), palette.blue().lookup(v[i]));
      rgb[i] = r << 16 | g << 8 | b;
    }
    return new RenderedImage(frame.width(), frame.height(), true, rgb);
  }

  private static int to8(LookupTable lut, int value) {
    return lut.bits() > 8 ? (value >>> (lut.bits() - 8)) & 0xFF : value & 0xFF;
  }

  private static RenderedImage color(ImageDescription image, Frame frame) {
    int[] v = frame.values();
    int n = frame.width() * frame.height();
    int[] rgb = new int[n];
    int shift = Math.max(0, image.bitsStored() - 8);
    String photometric = frame.photometric();
    boolean ybr = photometric.startsWith("YBR_FULL");
    boolean subsampled = photometric.endsWith("_422");
    for (int i = 0; i < n; i++) {
      int a = v[3 * i] >>> shift;
      int b = v[3 * i + 1] >>> shift;
      int c = v[3 * i + 2] >>> shift;
      if (ybr) {
        int[] converted = subsampled ? ybrToRgbExact(a, b, c) : ybrToRgb(a, b, c);
        rgb[i] = converted[0] << 16 | converted[1] << 8 | converted[2];
      } else {
        rgb[i] = (a & 0xFF) << 16 | (b & 0xFF) << 8 | (c & 0xFF);
      }
    }
    return new RenderedImage(frame.width(), frame.height(), true, rgb);
  }

  private static final int[] RCR = new int[256];
  private static final int[] GCB = new int[256];
  private static final int[] GCR = new int[256];
  private static final int[] BCB = new int[256];

  static {
    // dcmtk's 8-bit tables (each term truncated towards zero), so YBR images match dcm2pnm
    for (int l = 0; l < 256; l++) {
      RCR[l] = (int) (1.4020 * l - 0.7010 * 255);
      GCB[l] = (int) (0.3441 * l);
      GCR[l] = (int) (0.7141 * l - 0.5291 * 255);
      BCB[l] = (int) (1.7720 * l - 0.8859 * 255);
    }
  }

  /** YBR_FULL → RGB (PS3.3 C.7.6.3.1.2) with 8-bit samples, clipped to 0..255. */
  static int[] ybrToRgb(int y, int cb, int cr) {
    int yy = y & 0xFF;
    int b = cb & 0xFF;
    int r = cr & 0xFF;
    return new int[] {clip(yy + RCR[r]), clip(yy - GCB[b] - GCR[r]), clip(yy + BCB[b])};
  }

  /** The same conversion without tables (dcmtk uses it for subsampled 4:2:2 data). */
  static int[] ybrToRgbExact(int y, int cb, int cr) {
    double dr = y + 1.4020 * cr - 0.7010 * 255;
    double dg = y - 0.3441 * cb - 0.7141 * cr + 0.5291 * 255;
    double db = y + 1.7720 * cb - 0.8859 * 255;
    return new int[] {clipD(dr), clipD(dg), clipD(db)};
  }

  private static int clip(int v) {
    return v < 0 ? 0 : Math.min(v, 255);
  }

  private static int clipD(double v) {
    return v < 0 ? 0 : v > 255 ? 255 : (int) v;
  }

  private static void burnOverlays(ImageDescription image, int frameIndex, RenderedImage out) {
    int[] rgb = out.rgb();
    int w = out.width();
    int h = out.height();
    for (Overlay overlay : image.overlays()) {
      int x0 = Math.max(0, overlay.originColumn() - 1);
      int y0 = Math.max(0, overlay.originRow() - 1);
      int x1 = Math.min(w, overlay.originColumn() - 1 + overlay.columns());
      int y1 = Math.min(h, overlay.originRow() - 1 + overlay.rows());
      for (int y = y0; y < y1; y++) {
        for (int x = x0; x < x1; x++) {
          if (overlay.isSet(frameIndex, x, y)) {
            rgb[y * w + x] = 0xFFFFFF;
          }
        }
      }
    }
  }
}
