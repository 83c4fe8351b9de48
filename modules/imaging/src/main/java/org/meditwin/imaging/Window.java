package org.meditwin.imaging;

/**
 * A VOI window in modality units (e.g. Hounsfield units for CT).
 *
 * @param center window centre
 * @param width window width (at least 1)
 * @param explanation the header's explanation or the preset's name ("" when none)
 */
public record Window(double center, double width, String explanation) {
  public Window {
    if (!Double.isFinite(center) || !Double.isFinite(width) || width < 1) {
      throw new IllegalArgumentException("window width must be >= 1 and both values finite");
    }
    explanation = explanation == null ? "" : explanation;
  }

  public static Window of(double center, double width) {
    return new Window(center, width, "");
  }

  /** The same window moved/widened by a drag (width never below 1). */
  public Window adjusted(double deltaCenter, double deltaWidth) {
    return new Window(center + deltaCenter, Math.max(1, width + deltaWidth), explanation);
  }
}
