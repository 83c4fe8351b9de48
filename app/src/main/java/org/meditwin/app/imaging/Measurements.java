package org.meditwin.app.imaging;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.meditwin.imaging.Frame;
import org.meditwin.imaging.ImageDescription;
import org.meditwin.imaging.render.Renderer;

/**
 * Distances in mm from Pixel Spacing and region statistics in modality units for rectangles,
 * ellipses and freehand polygons. A pixel belongs to an ellipse or polygon when its centre lies
 * inside; their area is the shape's exact geometric area (π·a·b, shoelace formula), a rectangle's
 * the area of the pixels it covers.
 */
public final class Measurements {
  private Measurements() {}

  /** A point in image pixel coordinates (0,0 = top-left corner of the first pixel). */
  public record Point(double x, double y) {}

  /**
   * Region statistics: mean, SD (n - 1), min and max of modality values, pixel count and area.
   *
   * @param areaPx2 area in square pixels
   * @param areaMm2 area in mm² when Pixel Spacing is known
   */
  public record RoiStats(
      double mean,
      double sd,
      double min,
      double max,
      int pixels,
      double areaPx2,
      Optional<Double> areaMm2,
      String unit) {
    String label() {
      String area =
          areaMm2
              .map(a -> String.format(Locale.ROOT, "%.1f mm²", a))
              .orElse(String.format(Locale.ROOT, "%.0f px²", areaPx2));
      String u = unit.isEmpty() ? "" : " " + unit;
      return String.format(
          Locale.ROOT, "mean %.1f%s, SD %.1f, min %.0f, max %.0f, %s", mean, u, sd, min, max, area);
    }
  }

  public static Optional<Double> distance(
      ImageDescription image, double x1, double y1, double x2, double y2) {
    return image.pixelSpacing().map(s -> Math.hypot((x2 - x1) * s.column(), (y2 - y1) * s.row()));
  }

  /** Rectangle: every pixel the rectangle touches. */
  public static Optional<RoiStats> roi(
      ImageDescription image,
      Frame frame,
      String modality,
      double x1,
      double y1,
      double x2,
      double y2) {
    int left = (int) Math.floor(Math.max(0, Math.min(x1, x2)));
    int top = (int) Math.floor(Math.max(0, Math.min(y1, y2)));
    int right = (int) Math.ceil(Math.min(frame.width(), Math.max(x1, x2)));
    int bottom = (int) Math.ceil(Math.min(frame.height(), Math.max(y1, y2)));
    if (frame.samplesPerPixel() != 1 || right <= left || bottom <= top) {
      return Optional.empty();
    }
    return stats(
        image,
        frame,
        modality,
        left,
        top,
        right,
        bottom,
        (x, y) -> true,
        (double) (right - left) * (bottom - top));
  }

  /** Ellipse inscribed in the rectangle (x1,y1)-(x2,y2). */
  public static Optional<RoiStats> ellipse(
      ImageDescription image,
      Frame frame,
      String modality,
      double x1,
      double y1,
      double x2,
      double y2) {
    double cx = (x1 + x2) / 2;
    double cy = (y1 + y2) / 2;
    double a = Math.abs(x2 - x1) / 2;
    double b = Math.abs(y2 - y1) / 2;
    if (frame.samplesPerPixel() != 1 || a <= 0 || b <= 0) {
      return Optional.empty();
    }
    return stats(
        image,
        frame,
        modality,
        (int) Math.floor(cx - a),
        (int) Math.floor(cy - b),
        (int) Math.ceil(cx + a),
        (int) Math.ceil(cy + b),
        (x, y) -> {
          double dx = (x - cx) / a;
          double dy = (y - cy) / b;
          return dx * dx + dy * dy <= 1;
        },
        Math.PI * a * b);
  }

  /** Closed polygon through {@code points} (freehand outline); needs three points. */
  public static Optional<RoiStats> polygon(
      ImageDescription image, Frame frame, String modality, List<Point> points) {
    if (frame.samplesPerPixel() != 1 || points.size() < 3) {
      return Optional.empty();
    }
    double area = Math.abs(signedArea(points));
    if (area == 0) {
      return Optional.empty();
    }
    double minX = points.stream().mapToDouble(Point::x).min().orElseThrow();
    double maxX = points.stream().mapToDouble(Point::x).max().orElseThrow();
    double minY = points.stream().mapToDouble(Point::y).min().orElseThrow();
    double maxY = points.stream().mapToDouble(Point::y).max().orElseThrow();
    return stats(
        image,
        frame,
        modality,
        (int) Math.floor(minX),
        (int) Math.floor(minY),
        (int) Math.ceil(maxX),
        (int) Math.ceil(maxY),
        (x, y) -> inside(points, x, y),
        area);
  }

  /** Shoelace formula: positive for counter-clockwise points in a y-up frame. */
  static double signedArea(List<Point> p) {
    double sum = 0;
    for (int i = 0; i < p.size(); i++) {
      Point a = p.get(i);
      Point b = p.get((i + 1) % p.size());
      sum += a.x() * b.y() - b.x() * a.y();
    }
    return sum / 2;
  }

  /** Even-odd ray casting. */
  static boolean inside(List<Point> p, double x, double y) {
    boolean in = false;
    for (int i = 0, j = p.size() - 1; i < p.size(); j = i++) {
      Point a = p.get(i);
      Point b = p.get(j);
      if ((a.y() > y) != (b.y() > y)
          && x < (b.x() - a.x()) * (y - a.y()) / (b.y() - a.y()) + a.x()) {
        in = !in;
      }
    }
    return in;
  }

  private interface Mask {
    boolean contains(double x, double y);
  }

  private static Optional<RoiStats> stats(
      ImageDescription image,
      Frame frame,
      String modality,
      int left,
      int top,
      int right,
      int bottom,
      Mask mask,
      double areaPx2) {
    double sum = 0;
    double sumSq = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    int n = 0;
    for (int y = Math.max(0, top); y < Math.min(frame.height(), bottom); y++) {
      for (int x = Math.max(0, left); x < Math.min(frame.width(), right); x++) {
        if (!mask.contains(x + 0.5, y + 0.5)) {
          continue;
        }
        double v = Renderer.modalityValue(image, frame.value(x, y));
        sum += v;
        sumSq += v * v;
        min = Math.min(min, v);
        max = Math.max(max, v);
        n++;
      }
    }
    if (n == 0) {
      return Optional.empty();
    }
    double mean = sum / n;
    double sd = n > 1 ? Math.sqrt(Math.max(0, (sumSq - n * mean * mean) / (n - 1))) : 0;
    Optional<Double> area = image.pixelSpacing().map(s -> areaPx2 * s.row() * s.column());
    String unit =
        !image.rescaleType().isEmpty()
            ? image.rescaleType()
            : "CT".equalsIgnoreCase(modality) ? "HU" : "";
    return Optional.of(new RoiStats(mean, sd, min, max, n, areaPx2, area, unit));
  }
}
