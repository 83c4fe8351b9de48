package org.meditwin.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Rank fusion of two ranked lists of Lucene doc ids. */
final class Fusion {
  static final int RRF_K = 60;

  private Fusion() {}

  record Scored(int doc, float score) {}

  /**
   * Reciprocal rank fusion: {@code score(d) = sum over lists of 1 / (RRF_K + rank)}, rank from 1.
   */
  static List<Scored> rrf(List<Scored> a, List<Scored> b, int k) {
    Map<Integer, Double> scores = new HashMap<>();
    for (List<Scored> list : List.of(a, b)) {
      for (int r = 0; r < list.size(); r++) {
        scores.merge(list.get(r).doc(), 1.0 / (RRF_K + r + 1), Double::sum);
      }
    }
    return top(scores, k);
  }

  /**
   * Weighted blend of min-max normalised scores: {@code w * norm(a) + (1 - w) * norm(b)}; a
   * document missing from a list contributes 0 for it.
   */
  static List<Scored> weighted(List<Scored> a, List<Scored> b, float weightA, int k) {
    Map<Integer, Double> scores = new HashMap<>();
    addNormalised(scores, a, weightA);
    addNormalised(scores, b, 1 - weightA);
    return top(scores, k);
  }

  /**
   * Weighted blend of z-score normalised scores: {@code w * z(a) + (1 - w) * z(b)}; a document
   * missing from a list gets the lowest z-score of that list (it ranked below everything listed).
   */
  static List<Scored> zscore(List<Scored> a, List<Scored> b, float weightA, int k) {
    Map<Integer, Double> za = z(a);
    Map<Integer, Double> zb = z(b);
    double aMin = za.values().stream().mapToDouble(Double::doubleValue).min().orElse(0);
    double bMin = zb.values().stream().mapToDouble(Double::doubleValue).min().orElse(0);
    Map<Integer, Double> scores = new HashMap<>();
    for (Map<Integer, Double> m : List.of(za, zb)) {
      for (Integer doc : m.keySet()) {
        scores.computeIfAbsent(
            doc,
            d -> weightA * za.getOrDefault(d, aMin) + (1 - weightA) * zb.getOrDefault(d, bMin));
      }
    }
    return top(scores, k);
  }

  /**
   * Weighted blend of max-normalised scores: {@code w * a/max(a) + (1 - w) * b/max(b)}; a document
   * missing from a list gets the lowest normalised score of that list. Scores must be non-negative
   * (BM25, Lucene's cosine score in [0,1]).
   */
  static List<Scored> maxNormalised(List<Scored> a, List<Scored> b, float weightA, int k) {
    Map<Integer, Double> na = byMax(a);
    Map<Integer, Double> nb = byMax(b);
    double aMin = na.values().stream().mapToDouble(Double::doubleValue).min().orElse(0);
    double bMin = nb.values().stream().mapToDouble(Double::doubleValue).min().orElse(0);
    Map<Integer, Double> scores = new HashMap<>();
    for (Map<Integer, Double> m : List.of(na, nb)) {
      for (Integer doc : m.keySet()) {
        scores.computeIfAbsent(
            doc,
            d -> weightA * na.getOrDefault(d, aMin) + (1 - weightA) * nb.getOrDefault(d, bMin));
      }
    }
    return top(scores, k);
  }

  private static Map<Integer, Double> byMax(List<Scored> list) {
    Map<Integer, Double> out = new HashMap<>();
    double max = 0;
    for (Scored s : list) {
      max = Math.max(max, s.score());
    }
    for (Scored s : list) {
      out.put(s.doc(), max > 0 ? s.score() / max : 0.0);
    }
    return out;
  }

  private static Map<Integer, Double> z(List<Scored> list) {
    Map<Integer, Double> out = new HashMap<>();
    if (list.isEmpty()) {
      return out;
    }
    double mean = 0;
    for (Scored s : list) {
      mean += s.score();
    }
    mean /= list.size();
    double var = 0;
    for (Scored s : list) {
      var += (s.score() - mean) * (s.score() - mean);
    }
    double sd = Math.sqrt(var / list.size());
    for (Scored s : list) {
      out.put(s.doc(), sd > 0 ? (s.score() - mean) / sd : 0.0);
    }
    return out;
  }

  private static void addNormalised(Map<Integer, Double> scores, List<Scored> list, double w) {
    if (list.isEmpty()) {
      return;
    }
    double max = Double.NEGATIVE_INFINITY;
    double min = Double.POSITIVE_INFINITY;
    for (Scored s : list) {
      max = Math.max(max, s.score());
      min = Math.min(min, s.score());
    }
    double range = max - min;
    for (Scored s : list) {
      double norm = range > 0 ? (s.score() - min) / range : 1.0;
      scores.merge(s.doc(), w * norm, Double::sum);
    }
  }

  private static List<Scored> top(Map<Integer, Double> scores, int k) {
    List<Scored> all = new ArrayList<>(scores.size());
    scores.forEach((doc, s) -> all.add(new Scored(doc, s.floatValue())));
    all.sort(Comparator.comparingDouble((Scored s) -> -s.score()).thenComparingInt(Scored::doc));
    return all.size() > k ? List.copyOf(all.subList(0, k)) : List.copyOf(all);
  }
}
