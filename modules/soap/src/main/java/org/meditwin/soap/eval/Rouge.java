package org.meditwin.soap.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * ROUGE (Lin, 2004) as computed by Google's {@code rouge-score} package without stemming: text
 * lower-cased, every run of characters other than a–z and 0–9 is a separator. ROUGE-N counts
 * clipped n-gram overlaps; ROUGE-L uses the longest common subsequence of the whole texts;
 * ROUGE-Lsum the union LCS over newline-separated sentences. Each gives precision, recall and F1.
 */
public final class Rouge {
  private Rouge() {}

  /** Precision, recall and F1 of one score. */
  public record Score(double precision, double recall, double f1) {
    static Score of(double overlap, double candidate, double reference) {
      double p = candidate == 0 ? 0 : overlap / candidate;
      double r = reference == 0 ? 0 : overlap / reference;
      double f = p + r == 0 ? 0 : 2 * p * r / (p + r);
      return new Score(p, r, f);
    }
  }

  /** The four scores of one candidate against one reference. */
  public record Scores(Score rouge1, Score rouge2, Score rougeL, Score rougeLsum) {}

  public static Scores score(String candidate, String reference) {
    List<String> c = tokens(candidate);
    List<String> r = tokens(reference);
    return new Scores(
        rougeN(c, r, 1), rougeN(c, r, 2), rougeL(c, r), rougeLsum(candidate, reference));
  }

  static List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    for (String t : text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }

  static Score rougeN(List<String> c, List<String> r, int n) {
    Map<String, Integer> cc = ngrams(c, n);
    Map<String, Integer> rc = ngrams(r, n);
    int overlap = 0;
    for (Map.Entry<String, Integer> e : cc.entrySet()) {
      overlap += Math.min(e.getValue(), rc.getOrDefault(e.getKey(), 0));
    }
    return Score.of(overlap, Math.max(0, c.size() - n + 1), Math.max(0, r.size() - n + 1));
  }

  private static Map<String, Integer> ngrams(List<String> t, int n) {
    Map<String, Integer> m = new HashMap<>();
    for (int i = 0; i + n <= t.size(); i++) {
      m.merge(String.join(" ", t.subList(i, i + n)), 1, Integer::sum);
    }
    return m;
  }

  static Score rougeL(List<String> c, List<String> r) {
    return Score.of(lcs(c, r), c.size(), r.size());
  }

  static int lcs(List<String> a, List<String> b) {
    int[] prev = new int[b.size() + 1];
    int[] cur = new int[b.size() + 1];
    for (int i = 1; i <= a.size(); i++) {
      for (int j = 1; j <= b.size(); j++) {
        cur[j] =
            a.get(i - 1).equals(b.get(j - 1)) ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.size()];
  }

  /**
   * Summary-level ROUGE-L: for each reference sentence, the union of its LCS token matches with
   * every candidate sentence; hits are clipped by token counts (as {@code rouge-score}'s
   * rougeLsum).
   */
  static Score rougeLsum(String candidate, String reference) {
    List<List<String>> cs = sentences(candidate);
    List<List<String>> rs = sentences(reference);
    Map<String, Integer> cCount = new HashMap<>();
    Map<String, Integer> rCount = new HashMap<>();
    int cTotal = 0;
    int rTotal = 0;
    for (List<String> s : cs) {
      for (String t : s) {
        cCount.merge(t, 1, Integer::sum);
        cTotal++;
      }
    }
    for (List<String> s : rs) {
      for (String t : s) {
        rCount.merge(t, 1, Integer::sum);
        rTotal++;
      }
    }
    int hits = 0;
    for (List<String> ref : rs) {
      boolean[] union = new boolean[ref.size()];
      for (List<String> cand : cs) {
        for (int idx : lcsIndices(ref, cand)) {
          union[idx] = true;
        }
      }
      for (int i = 0; i < ref.size(); i++) {
        if (union[i]) {
          String t = ref.get(i);
          if (cCount.getOrDefault(t, 0) > 0 && rCount.getOrDefault(t, 0) > 0) {
            hits++;
            cCount.merge(t, -1, Integer::sum);
            rCount.merge(t, -1, Integer::sum);
          }
        }
      }
    }
    return Score.of(hits, cTotal, rTotal);
  }

  private static List<List<String>> sentences(String text) {
    List<List<String>> out = new ArrayList<>();
    for (String line : text.split("\\R")) {
      List<String> t = tokens(line);
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }

  /** Indices into {@code a} of one longest common subsequence with {@code b}. */
  static List<Integer> lcsIndices(List<String> a, List<String> b) {
    int[][] t = new int[a.size() + 1][b.size() + 1];
    for (int i = 1; i <= a.size(); i++) {
      for (int j = 1; j <= b.size(); j++) {
        t[i][j] =
            a.get(i - 1).equals(b.get(j - 1))
                ? t[i - 1][j - 1] + 1
                : Math.max(t[i - 1][j], t[i][j - 1]);
      }
    }
    List<Integer> out = new ArrayList<>();
    int i = a.size();
    int j = b.size();
    while (i > 0 && j > 0) {
      if (a.get(i - 1).equals(b.get(j - 1))) {
        out.add(0, i - 1);
        i--;
        j--;
      } else if (t[i - 1][j] >= t[i][j - 1]) {
        i--;
      } else {
        j--;
      }
    }
    return out;
  }
}
