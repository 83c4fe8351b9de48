package org.meditwin.imaging.report;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.meditwin.imaging.ai.ChestXrayModel;
import org.meditwin.imaging.ai.ImageAnalysis;

/**
 * One output of an image model, as it enters the report's findings.
 *
 * @param label the model's label ("pneumonia")
 * @param probability 0..1
 * @param applicable whether the image matches what the model was trained on
 * @param applicabilityNote why not, when not applicable ("" otherwise)
 * @param side where the model's heat map concentrates, when it was analysed ("left"/"right" of the
 *     patient, or "bilateral"); empty when unknown
 */
public record ModelFinding(
    String label,
    double probability,
    String modelName,
    String modelVersion,
    boolean applicable,
    String applicabilityNote,
    Optional<String> side) {

  /** At or above this probability the model's output counts as positive. */
  public static final double POSITIVE = 0.5;

  public ModelFinding {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(modelName, "modelName");
    Objects.requireNonNull(modelVersion, "modelVersion");
    Objects.requireNonNull(applicabilityNote, "applicabilityNote");
    Objects.requireNonNull(side, "side");
    if (!(probability >= 0 && probability <= 1)) {
      throw new IllegalArgumentException("probability must be within 0..1");
    }
  }

  public boolean positive() {
    return probability >= POSITIVE;
  }

  /** The probability as the report states it ("87 %"). */
  public String percent() {
    return String.format(Locale.ROOT, "%.0f %%", probability * 100);
  }

  /** The sentence for the findings section. */
  public String prose() {
    String model = modelName + (modelVersion.isEmpty() ? "" : " " + modelVersion);
    String s =
        positive()
            ? "The model "
                + model
                + " reports "
                + label
                + " with a probability of "
                + percent()
                + side.map(x -> ", predominantly " + x).orElse("")
                + "."
            : "The model " + model + " gives " + label + " a probability of " + percent() + ".";
    if (!applicable) {
      s +=
          " The model is not applicable to this image"
              + (applicabilityNote.isBlank() ? "." : ": " + applicabilityNote.strip());
      if (!s.endsWith(".")) {
        s += ".";
      }
    }
    return s;
  }

  /** From the generic runner's analysis (classification: one finding per label). */
  public static java.util.List<ModelFinding> from(ImageAnalysis analysis, Optional<String> side) {
    return analysis.scores().stream()
        .map(
            s ->
                new ModelFinding(
                    s.label(),
                    Math.max(0, Math.min(1, s.probability())),
                    analysis.model(),
                    analysis.version(),
                    analysis.applicability().applicable(),
                    analysis.applicability().reason(),
                    side))
        .toList();
  }

  /** From the chest radiograph model's analysis; the side is taken from its heat map. */
  public static ModelFinding from(
      ChestXrayModel.Analysis analysis, boolean imageLeftIsPatientRight) {
    return new ModelFinding(
        analysis.label(),
        Math.max(0, Math.min(1, analysis.probability())),
        analysis.model(),
        analysis.version(),
        analysis.applicable(),
        analysis.applicabilityNote(),
        HeatmapSide.of(
            analysis.heatmap(), analysis.width(), analysis.height(), imageLeftIsPatientRight));
  }
}
