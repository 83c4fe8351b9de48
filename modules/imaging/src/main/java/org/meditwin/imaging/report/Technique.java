package org.meditwin.imaging.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.meditwin.imaging.DicomAttribute;

/**
 * How the study was acquired, from its DICOM attributes. Values the objects do not carry are empty.
 *
 * @param views view positions / projections ("PA", "AP", "LL"), joined
 * @param kvp peak kilovoltage (KVP)
 * @param exposureMas exposure in mAs (Exposure)
 * @param sliceThicknessMm Slice Thickness
 * @param contrastAgent Contrast/Bolus Agent ("" when none recorded)
 * @param images number of images (frames) in the study
 */
public record Technique(
    String modality,
    String bodyPart,
    String views,
    Optional<Double> kvp,
    Optional<Double> exposureMas,
    Optional<Double> sliceThicknessMm,
    String contrastAgent,
    int images) {

  public Technique {
    Objects.requireNonNull(modality, "modality");
    Objects.requireNonNull(bodyPart, "bodyPart");
    Objects.requireNonNull(views, "views");
    Objects.requireNonNull(kvp, "kvp");
    Objects.requireNonNull(exposureMas, "exposureMas");
    Objects.requireNonNull(sliceThicknessMm, "sliceThicknessMm");
    Objects.requireNonNull(contrastAgent, "contrastAgent");
  }

  /** Nothing known (a study without readable metadata). */
  public static Technique unknown() {
    return new Technique("", "", "", Optional.empty(), Optional.empty(), Optional.empty(), "", 0);
  }

  /**
   * From the top-level attributes of one representative object of the study.
   *
   * @param images the number of images in the study
   */
  public static Technique from(List<DicomAttribute> attributes, int images) {
    Map<String, String> top = new java.util.HashMap<>();
    for (DicomAttribute a : attributes) {
      if (a.depth() == 0 && !a.keyword().isEmpty()) {
        top.putIfAbsent(a.keyword(), a.value().strip());
      }
    }
    return from(top, images);
  }

  /** From attribute keyword → value (first value used for multi-valued attributes). */
  public static Technique from(Map<String, String> byKeyword, int images) {
    String view = first(byKeyword.getOrDefault("ViewPosition", ""));
    return new Technique(
        first(byKeyword.getOrDefault("Modality", "")),
        first(byKeyword.getOrDefault("BodyPartExamined", "")),
        view,
        number(byKeyword.get("KVP")),
        number(byKeyword.get("Exposure"))
            .or(() -> number(byKeyword.get("ExposureInuAs")).map(v -> v / 1000.0)),
        number(byKeyword.get("SliceThickness")),
        first(byKeyword.getOrDefault("ContrastBolusAgent", "")),
        Math.max(0, images));
  }

  /** The numbers a report may state about the technique. */
  List<Double> numbers() {
    List<Double> n = new ArrayList<>();
    kvp.ifPresent(n::add);
    exposureMas.ifPresent(n::add);
    sliceThicknessMm.ifPresent(n::add);
    if (images > 0) {
      n.add((double) images);
    }
    return n;
  }

  /** The deterministic technique paragraph. */
  public String prose(ReportTemplate template) {
    StringBuilder b = new StringBuilder();
    String what = modality.isEmpty() ? template.title() : modalityName(modality);
    b.append(what);
    if (!bodyPart.isEmpty()) {
      b.append(" of the ").append(bodyPart.toLowerCase(Locale.ROOT));
    }
    if (!views.isEmpty()) {
      b.append(", ").append(views).append(" projection");
    }
    b.append('.');
    List<String> params = new ArrayList<>();
    kvp.ifPresent(v -> params.add(format(v) + " kVp"));
    exposureMas.ifPresent(v -> params.add(format(v) + " mAs"));
    sliceThicknessMm.ifPresent(v -> params.add("slice thickness " + format(v) + " mm"));
    if (!params.isEmpty()) {
      b.append(" Acquisition: ").append(String.join(", ", params)).append('.');
    }
    if (!contrastAgent.isEmpty()) {
      b.append(" Contrast agent: ").append(contrastAgent).append('.');
    } else if (template == ReportTemplate.CT || template == ReportTemplate.MR) {
      b.append(" No contrast agent is recorded.");
    }
    if (images > 0) {
      b.append(' ').append(images).append(images == 1 ? " image." : " images.");
    }
    return b.toString();
  }

  static String modalityName(String modality) {
    return switch (modality.toUpperCase(Locale.ROOT)) {
      case "CR" -> "Computed radiography";
      case "DX" -> "Digital radiography";
      case "CT" -> "CT examination";
      case "MR" -> "MR examination";
      case "US" -> "Ultrasound";
      case "NM" -> "Nuclear medicine";
      case "PT" -> "PET";
      case "MG" -> "Mammography";
      case "XA" -> "X-ray angiography";
      default -> modality;
    };
  }

  static String format(double v) {
    if (Math.abs(v - Math.rint(v)) < 1e-9) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    return String.format(Locale.ROOT, "%.1f", v);
  }

  private static String first(String value) {
    int slash = value.indexOf('\\');
    return (slash < 0 ? value : value.substring(0, slash)).strip();
  }

  private static Optional<Double> number(String value) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      double d = Double.parseDouble(first(value));
      // 0 is what many devices write when the value is unknown
      return Double.isFinite(d) && d > 0 ? Optional.of(d) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
