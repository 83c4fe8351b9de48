package org.meditwin.nlp.train;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Precision, recall, F1 and F2 per entity type, counted on exact spans (strict: same start, end and
 * type) or on any other unit the caller chooses (tokens for de-identification).
 */
public final class EntityMetrics {
  private final Map<String, int[]> counts = new TreeMap<>(); // tp, fp, fn

  /** Adds one document's gold and predicted items ({@code type|start|end} strings or similar). */
  public void add(Set<String> gold, Set<String> predicted) {
    for (String g : gold) {
      int[] c = counts.computeIfAbsent(typeOf(g), k -> new int[3]);
      if (predicted.contains(g)) {
        c[0]++;
      } else {
        c[2]++;
      }
    }
    for (String p : predicted) {
      if (!gold.contains(p)) {
        counts.computeIfAbsent(typeOf(p), k -> new int[3])[1]++;
      }
    }
  }

  public void addCounts(String type, int tp, int fp, int fn) {
    int[] c = counts.computeIfAbsent(type, k -> new int[3]);
    c[0] += tp;
    c[1] += fp;
    c[2] += fn;
  }

  /** Scores of one type or of all ({@code type == null}, micro-averaged). */
  public Score score(String type) {
    int tp = 0;
    int fp = 0;
    int fn = 0;
    for (var e : counts.entrySet()) {
      if (type == null || e.getKey().equals(type)) {
        tp += e.getValue()[0];
        fp += e.getValue()[1];
        fn += e.getValue()[2];
      }
    }
    return new Score(type == null ? "ALL" : type, tp, fp, fn);
  }

  public List<Score> scores() {
    List<Score> out = new ArrayList<>();
    for (String t : counts.keySet()) {
      out.add(score(t));
    }
    out.add(score(null));
    return out;
  }

  /** Strict entity spans of a BIO sequence as {@code type|from|to}. */
  public static Set<String> bioSpans(List<String> tags) {
    Set<String> out = new HashSet<>();
    int start = -1;
    String type = null;
    for (int i = 0; i <= tags.size(); i++) {
      String t = i < tags.size() ? tags.get(i) : "O";
      boolean cont = t.startsWith("I-") && type != null && t.substring(2).equals(type);
      if (!cont && start >= 0) {
        out.add(type + "|" + start + "|" + i);
        start = -1;
        type = null;
      }
      if (t.startsWith("B-") || (t.startsWith("I-") && start < 0)) {
        start = i;
        type = t.substring(2);
      }
    }
    return out;
  }

  private static String typeOf(String item) {
    int bar = item.indexOf('|');
    return bar < 0 ? item : item.substring(0, bar);
  }

  /** Counts and derived scores for one type. */
  public record Score(String type, int tp, int fp, int fn) {
    public double precision() {
      return tp + fp == 0 ? 1.0 : (double) tp / (tp + fp);
    }

    public double recall() {
      return tp + fn == 0 ? 1.0 : (double) tp / (tp + fn);
    }

    public double f1() {
      return fBeta(1);
    }

    public double f2() {
      return fBeta(2);
    }

    public double fBeta(double beta) {
      double p = precision();
      double r = recall();
      double b2 = beta * beta;
      return p + r == 0 ? 0 : (1 + b2) * p * r / (b2 * p + r);
    }

    public int support() {
      return tp + fn;
    }
  }
}
