package org.meditwin.imaging.report;

import java.util.Optional;

/** Which side of the patient a heat map's mass lies on. */
public final class HeatmapSide {
  private HeatmapSide() {}

  /**
   * "left", "right" or "bilateral" (of the patient) from the heat map's mass in the image's left
   * and right halves; empty for an empty map.
   *
   * @param imageLeftIsPatientRight true for the usual radiological display (PA/AP chest films: the
   *     patient's right on the image's left)
   */
  public static Optional<String> of(
      float[] heatmap, int width, int height, boolean imageLeftIsPatientRight) {
    if (heatmap == null || width <= 1 || height <= 0 || heatmap.length < width * height) {
      return Optional.empty();
    }
    double left = 0;
    double right = 0;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        double v = Math.max(0, heatmap[y * width + x]);
        if (x < width / 2) {
          left += v;
        } else if (x >= (width + 1) / 2) {
          right += v;
        }
      }
    }
    double total = left + right;
    if (total <= 0) {
      return Optional.empty();
    }
    double share = left / total;
    String imageSide;
    if (share >= 0.65) {
      imageSide = "image-left";
    } else if (share <= 0.35) {
      imageSide = "image-right";
    } else {
      return Optional.of("bilateral");
    }
    boolean patientRight = imageSide.equals("image-left") == imageLeftIsPatientRight;
    return Optional.of(patientRight ? "right" : "left");
  }
}
