package org.meditwin.soap;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Hearing thresholds in dB HL per frequency (key = Hz as {@code "250"} .. {@code "8000"}), for each
 * ear by air and bone conduction. Maps are sorted by frequency and may be empty.
 */
public record Audiogram(
    Map<String, Integer> rightAir,
    Map<String, Integer> leftAir,
    Map<String, Integer> rightBone,
    Map<String, Integer> leftBone) {

  /** Audiometric frequencies of the standard audiogram (HL7 FHIR audiogram profile). */
  public static final List<String> FREQUENCIES =
      List.of("250", "500", "750", "1000", "1500", "2000", "3000", "4000", "6000", "8000");

  public Audiogram {
    rightAir = sorted(rightAir);
    leftAir = sorted(leftAir);
    rightBone = sorted(rightBone);
    leftBone = sorted(leftBone);
  }

  private static Map<String, Integer> sorted(Map<String, Integer> m) {
    TreeMap<String, Integer> t = new TreeMap<>((a, b) -> Integer.compare(hz(a), hz(b)));
    for (Map.Entry<String, Integer> e : m.entrySet()) {
      if (!FREQUENCIES.contains(e.getKey())) {
        throw new IllegalArgumentException("not an audiometric frequency: " + e.getKey());
      }
      if (e.getValue() < -10 || e.getValue() > 130) {
        throw new IllegalArgumentException("threshold out of range: " + e.getValue());
      }
      t.put(e.getKey(), e.getValue());
    }
    return java.util.Collections.unmodifiableSortedMap(t);
  }

  private static int hz(String f) {
    return Integer.parseInt(f);
  }

  public boolean isEmpty() {
    return rightAir.isEmpty() && leftAir.isEmpty() && rightBone.isEmpty() && leftBone.isEmpty();
  }

  /**
   * Four-frequency pure-tone average (500, 1000, 2000, 4000 Hz; WHO 2021) of one ear's air
   * conduction, when all four are known; otherwise the three-frequency average (500, 1000, 2000 Hz;
   * ASHA) when those are known.
   */
  public OptionalDouble pureToneAverage(boolean right) {
    Map<String, Integer> m = right ? rightAir : leftAir;
    if (m.keySet().containsAll(List.of("500", "1000", "2000", "4000"))) {
      return OptionalDouble.of(
          (m.get("500") + m.get("1000") + m.get("2000") + m.get("4000")) / 4.0);
    }
    if (m.keySet().containsAll(List.of("500", "1000", "2000"))) {
      return OptionalDouble.of((m.get("500") + m.get("1000") + m.get("2000")) / 3.0);
    }
    return OptionalDouble.empty();
  }
}
