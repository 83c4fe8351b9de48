package org.meditwin.imaging.ai;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.meditwin.imaging.render.RenderedImage;

/**
 * The result of running one image model on one frame, at the frame's own size.
 *
 * @param scores per-label probabilities (classification; for segmentation the fraction of the image
 *     each class covers)
 * @param heatmap classification explanation, 0..1 per pixel (width × height), when the model has
 *     one
 * @param labelMap segmentation label per pixel (width × height, values = {@link
 *     ImageModelDescriptor.SegmentClass#index()}), resized to the image with nearest neighbour
 * @param applicability whether the image matches what the model was trained on
 * @param inferenceMillis wall time of preprocessing, the forward pass and postprocessing
 */
public record ImageAnalysis(
    String model,
    String version,
    ImageModelDescriptor.Task task,
    List<LabelScore> scores,
    int width,
    int height,
    Optional<float[]> heatmap,
    Optional<int[]> labelMap,
    List<ImageModelDescriptor.SegmentClass> classes,
    ModelCatalog.Applicability applicability,
    double inferenceMillis) {

  public ImageAnalysis {
    scores = List.copyOf(scores);
    classes = List.copyOf(classes);
  }

  /** One label and its probability (0..1). */
  public record LabelScore(String label, double probability) {}

  /** The most probable label (classification) or largest non-background class (segmentation). */
  public Optional<LabelScore> top() {
    return scores.stream().max(Comparator.comparingDouble(LabelScore::probability));
  }

  public Optional<Double> probability(String label) {
    return scores.stream()
        .filter(s -> s.label().equals(label))
        .map(LabelScore::probability)
        .findFirst();
  }

  /** A short, PHI-free text for the report pane: the finding, applicability, a caution. */
  public String impression() {
    StringBuilder b = new StringBuilder();
    if (task == ImageModelDescriptor.Task.CLASSIFICATION) {
      b.append("Model ").append(model).append(": ");
      b.append(
          String.join(
              ", ",
              scores.stream()
                  .map(
                      s ->
                          String.format(
                              Locale.ROOT, "%s %.0f %%", s.label(), s.probability() * 100))
                  .toList()));
      b.append('.');
    } else {
      b.append("Model ").append(model).append(" segmented ");
      List<String> parts =
          scores.stream()
              .map(s -> String.format(Locale.ROOT, "%s %.1f %%", s.label(), s.probability() * 100))
              .toList();
      b.append(parts.isEmpty() ? "no class" : String.join(", ", parts)).append(" of the image.");
    }
    if (!applicability.applicable()) {
      b.append(' ').append(applicability.reason());
    }
    b.append(" Decision support only: the image must be read by a clinician.");
    return b.toString();
  }

  /**
   * Blends the analysis over a rendered image of the same size: the heat map scaled by its value
   * through {@code map}, or each segmented class in its colour at {@code opacity}.
   */
  public static RenderedImage overlay(
      RenderedImage base, ImageAnalysis a, double opacity, ColorMap map) {
    if (base.width() != a.width() || base.height() != a.height()) {
      throw new IllegalArgumentException("analysis and image differ in size");
    }
    double o = Math.max(0, Math.min(1, opacity));
    int[] out = base.rgb().clone();
    if (a.heatmap().isPresent()) {
      float[] heat = a.heatmap().get();
      for (int i = 0; i < out.length; i++) {
        out[i] = blend(out[i], map.rgb(heat[i]), o * heat[i]);
      }
    } else if (a.labelMap().isPresent()) {
      int[] labels = a.labelMap().get();
      int[] colour = new int[256];
      boolean[] shown = new boolean[256];
      for (ImageModelDescriptor.SegmentClass c : a.classes()) {
        if (c.index() > 0 && c.index() < 256) {
          colour[c.index()] = c.rgb();
          shown[c.index()] = true;
        }
      }
      for (int i = 0; i < out.length; i++) {
        int l = labels[i];
        if (l > 0 && l < 256 && shown[l]) {
          out[i] = blend(out[i], colour[l], o);
        }
      }
    }
    return new RenderedImage(base.width(), base.height(), true, out);
  }

  static int blend(int base, int colour, double alpha) {
    int r = (int) Math.round((base >> 16 & 0xFF) * (1 - alpha) + (colour >> 16 & 0xFF) * alpha);
    int g = (int) Math.round((base >> 8 & 0xFF) * (1 - alpha) + (colour >> 8 & 0xFF) * alpha);
    int b = (int) Math.round((base & 0xFF) * (1 - alpha) + (colour & 0xFF) * alpha);
    return r << 16 | g << 8 | b;
  }
}
