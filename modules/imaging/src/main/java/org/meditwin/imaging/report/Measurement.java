package org.meditwin.imaging.report;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** A measurement made in the viewer, as it enters the report's findings. */
public sealed interface Measurement {

  /** The user's label ("" when none). */
  String label();

  /** The sentence for the findings section. */
  String prose();

  /** The numbers a report may state about it. */
  List<Double> numbers();

  /** A distance in millimetres (from Pixel Spacing). */
  record Distance(String label, double millimetres) implements Measurement {
    public Distance {
      Objects.requireNonNull(label, "label");
    }

    @Override
    public String prose() {
      return (label.isBlank() ? "A distance" : capitalised(label))
          + " measures "
          + String.format(Locale.ROOT, "%.1f", millimetres)
          + " mm.";
    }

    @Override
    public List<Double> numbers() {
      return List.of(millimetres, millimetres / 10.0);
    }
  }

  /**
   * Statistics of a region of interest in modality units (HU for CT, "" when the modality has no
   * calibrated unit).
   */
  record Region(
      String label, double mean, double standardDeviation, Optional<Double> areaMm2, String unit)
      implements Measurement {
    public Region {
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(areaMm2, "areaMm2");
      Objects.requireNonNull(unit, "unit");
    }

    @Override
    public String prose() {
      String u = unit.isEmpty() ? "" : " " + unit;
      return (label.isBlank() ? "A region of interest" : capitalised(label))
          + " has a mean of "
          + String.format(Locale.ROOT, "%.1f", mean)
          + u
          + " (SD "
          + String.format(Locale.ROOT, "%.1f", standardDeviation)
          + u
          + ")"
          + areaMm2.map(a -> String.format(Locale.ROOT, " over %.1f mm²", a)).orElse("")
          + ".";
    }

    @Override
    public List<Double> numbers() {
      return areaMm2
          .map(a -> List.of(mean, standardDeviation, a, a / 100.0))
          .orElse(List.of(mean, standardDeviation));
    }
  }

  private static String capitalised(String s) {
    String t = s.strip();
    return t.isEmpty() ? t : Character.toUpperCase(t.charAt(0)) + t.substring(1);
  }
}
