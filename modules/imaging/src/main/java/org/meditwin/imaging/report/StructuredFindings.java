package org.meditwin.imaging.report;

import java.util.List;
import java.util.Objects;

/** The facts a report is drafted from and validated against. Contains no patient identifiers. */
public record StructuredFindings(
    Technique technique, List<Measurement> measurements, List<ModelFinding> modelFindings) {

  public StructuredFindings {
    Objects.requireNonNull(technique, "technique");
    measurements = List.copyOf(measurements);
    modelFindings = List.copyOf(modelFindings);
  }

  public static StructuredFindings of(Technique technique) {
    return new StructuredFindings(technique, List.of(), List.of());
  }

  /** The facts as plain lines (for the assistant hand-off and the generative prompt). */
  public String text() {
    StringBuilder b = new StringBuilder();
    b.append("Technique: ").append(technique.prose(ReportTemplate.GENERIC)).append('\n');
    if (measurements.isEmpty()) {
      b.append("Measurements: none.\n");
    }
    for (Measurement m : measurements) {
      b.append("Measurement: ").append(m.prose()).append('\n');
    }
    if (modelFindings.isEmpty()) {
      b.append("Model outputs: none (no image model was run).\n");
    }
    for (ModelFinding f : modelFindings) {
      b.append("Model output: ").append(f.prose()).append('\n');
    }
    return b.toString();
  }
}
