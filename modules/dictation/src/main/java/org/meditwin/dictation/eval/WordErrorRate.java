package org.meditwin.dictation.eval;

import java.util.Arrays;
import java.util.List;

/** Word error rate: (substitutions + deletions + insertions) / reference words. */
public final class WordErrorRate {
  private WordErrorRate() {}

  /** Word-level edit distance between two whitespace-separated lower-case strings. */
  public static int errors(String reference, String hypothesis) {
    List<String> r = words(reference);
    List<String> h = words(hypothesis);
    int[] prev = new int[h.size() + 1];
    int[] cur = new int[h.size() + 1];
    for (int j = 0; j <= h.size(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= r.size(); i++) {
      cur[0] = i;
      for (int j = 1; j <= h.size(); j++) {
        int sub = prev[j - 1] + (r.get(i - 1).equals(h.get(j - 1)) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[h.size()];
  }

  public static List<String> words(String s) {
    String t = s.strip();
    return t.isEmpty() ? List.of() : Arrays.asList(t.split("\\s+"));
  }

  /** WER of one pair (0 for an empty reference and empty hypothesis). */
  public static double of(String reference, String hypothesis) {
    int n = words(reference).size();
    int e = errors(reference, hypothesis);
    return n == 0 ? (e == 0 ? 0 : 1) : e / (double) n;
  }
}
