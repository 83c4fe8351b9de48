package org.meditwin.soap;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Degree and type of hearing loss from an audiogram.
 *
 * <p>Degree: WHO grades of the World Report on Hearing (2021, table 1) on the pure-tone average of
 * 500, 1000, 2000 and 4000 Hz (or of 500, 1000, 2000 Hz when 4000 Hz is missing, the ASHA
 * three-frequency average): normal &lt; 20, mild 20–&lt;35, moderate 35–&lt;50, moderately severe
 * 50–&lt;65, severe 65–&lt;80, profound 80–&lt;95, complete ≥ 95 dB HL.
 *
 * <p>Type (ASHA, "Type, Degree, and Configuration of Hearing Loss"): an air–bone gap of ≥ 15 dB
 * averaged over 500–2000 Hz with normal bone conduction is conductive, with elevated bone
 * conduction mixed; elevated air with no gap is sensorineural. Without bone conduction the type is
 * not decided from the audiogram.
 */
final class HearingAssessment {
  private HearingAssessment() {}

  static String degree(double pta) {
    if (pta < 20) {
      return "normal";
    } else if (pta < 35) {
      return "mild";
    } else if (pta < 50) {
      return "moderate";
    } else if (pta < 65) {
      return "moderately severe";
    } else if (pta < 80) {
      return "severe";
    } else if (pta < 95) {
      return "profound";
    }
    return "complete";
  }

  static Optional<String> type(Map<String, Integer> air, Map<String, Integer> bone) {
    double gapSum = 0;
    double boneSum = 0;
    double airSum = 0;
    int n = 0;
    for (String f : List.of("500", "1000", "2000")) {
      if (air.containsKey(f) && bone.containsKey(f)) {
        gapSum += air.get(f) - bone.get(f);
        boneSum += bone.get(f);
        airSum += air.get(f);
        n++;
      }
    }
    if (n < 2) {
      return Optional.empty();
    }
    double gap = gapSum / n;
    double boneAvg = boneSum / n;
    double airAvg = airSum / n;
    if (airAvg < 20) {
      return Optional.of("normal hearing");
    }
    if (gap >= 15) {
      return Optional.of(boneAvg < 20 ? "conductive" : "mixed");
    }
    return Optional.of("sensorineural");
  }

  /** "41" for 41.25, "41.5" for 41.5: one decimal at most, as written in the note. */
  static String format(double v) {
    double r = Math.round(v * 10) / 10.0;
    return r == Math.rint(r) ? String.valueOf((long) r) : String.format(Locale.ROOT, "%.1f", r);
  }

  /**
   * Sentences for the assessment computed from the audiogram ("Right ear: PTA 41 dB HL, moderate
   * …").
   */
  static Optional<String> summary(Audiogram a) {
    StringBuilder sb = new StringBuilder();
    for (boolean right : new boolean[] {true, false}) {
      OptionalDouble pta = a.pureToneAverage(right);
      if (pta.isEmpty()) {
        continue;
      }
      Optional<String> type =
          type(right ? a.rightAir() : a.leftAir(), right ? a.rightBone() : a.leftBone());
      String d = degree(pta.getAsDouble());
      if (!sb.isEmpty()) {
        sb.append("; ");
      }
      sb.append(right ? "right ear" : "left ear")
          .append(" pure-tone average ")
          .append(format(pta.getAsDouble()))
          .append(" dB HL, ")
          .append(
              d.equals("normal")
                  ? "normal hearing"
                  : d
                      + (type.isPresent() && !type.get().equals("normal hearing")
                          ? " " + type.get()
                          : "")
                      + " hearing loss");
    }
    if (sb.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("Audiogram: " + sb + " (WHO grades, computed from the stated thresholds).");
  }
}
