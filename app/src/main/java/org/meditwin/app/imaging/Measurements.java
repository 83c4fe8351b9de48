package org.meditwin.app.imaging;

import java.util.Locale;
import java.util.Optional;
import org.meditwin.imaging.Frame;
import org.meditwin.imaging.ImageDescription;
import org.meditwin.imaging.render.Renderer;

/** Distances in mm from Pixel Spacing and ROI statistics in modality units. */
public final class Measurements {
  private Measurements() {}

  /** Region statistics: mean and SD of modality values, pixel count and area. */
  public record RoiStats(
      double mean, double sd, int pixels, Optional<Double> areaMm2, String unit) {
    String label() {
      String area =
          areaMm2.map(a -> String.format(Locale.ROOT, "%.1f mm²", a)).orElse(pixels + " px");
      return String.format(
          Locale.ROOT,
          "mean %.1f%s, SD %.1f, %s",
          mean,
          unit.isEmpty() ? "" : " " + unit,
          sd,
          area);
    }
  }

  public static Optional<Double> distance(
      ImageDescription image, double x1, double y1, double x2, double y2) {
    return image.pixelSpacing().map(s -> Math.hypot((x2 - x1) * s.column(), (y2 - y1) * s.row()));
  }

  public static Optional<RoiStats> roi(
      ImageDescription image,
      Frame frame,
      String modality,
      double x1,
      double y1,
      double x2,
      double y2) {
    if (frame.samplesPerPixel() != 1) {
      return Optional.empty();
    }
    int left = (int) Math.floor(Math.max(0, Math.min(x1, x2)));
    int top = (int) Math.floor(Math.max(0, Math.min(y1, y2)));
    int right = (int) Math.ceil(Math.min(frame.width(), Math.max(x1, x2)));
    int bottom = (int) Math.ceil(Math.min(frame.height(), Math.max(y1, y2)));
    if (right <= left || bottom <= top) {
      return Optional.empty();
    }
    double sum = 0;
    double sumSq = 0;
    int n = 0;
    for (int y = top; y < bottom; y++) {
      for (int x = left; x < right; x++) {
        double v = Renderer.modalityValue(image, frame.value(x, y));
        sum += v;
        sumSq += v * v;
        n++;
      }
    }
    double mean = sum / n;
    double sd = n > 1 ? Math.sqrt(Math.max(0, (sumSq - n * mean * mean) / (n - 1))) : 0;
    int pixels = n;
    Optional<Double> area = image.pixelSpacing().map(s -> pixels * s.row() * s.column());
    String unit =
        !image.rescaleType().isEmpty()
            ? image.rescaleType()
            : "CT".equalsIgnoreCase(modality) ? "HU" : "";
    return Optional.of(new RoiStats(mean, sd, n, area, unit));
  }
}
