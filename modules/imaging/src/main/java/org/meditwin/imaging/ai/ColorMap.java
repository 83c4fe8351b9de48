package org.meditwin.imaging.ai;

/** Colour maps for heat maps: value 0..1 → 0xRRGGBB. */
public enum ColorMap {
  JET,
  HOT,
  VIRIDIS;

  public int rgb(double v) {
    double t = Math.max(0, Math.min(1, v));
    return switch (this) {
      case JET ->
          pack(
              clamp(1.5 - Math.abs(4 * t - 3)),
              clamp(1.5 - Math.abs(4 * t - 2)),
              clamp(1.5 - Math.abs(4 * t - 1)));
      case HOT -> pack(clamp(3 * t), clamp(3 * t - 1), clamp(3 * t - 2));
      case VIRIDIS ->
          pack(
              clamp(0.267 + t * (0.993 - 0.267) * t),
              clamp(0.005 + t * 0.9),
              clamp(0.329 + 0.4 * Math.sin(Math.PI * t) - 0.2 * t));
    };
  }

  private static double clamp(double v) {
    return Math.max(0, Math.min(1, v));
  }

  private static int pack(double r, double g, double b) {
    return (int) Math.round(r * 255) << 16
        | (int) Math.round(g * 255) << 8
        | (int) Math.round(b * 255);
  }
}
