package org.meditwin.nlp.tagger;

import java.util.ArrayList;
import java.util.List;

/**
 * Constrained BIO decoding: the most probable label sequence (Viterbi over per-word log
 * probabilities) among the valid ones, where {@code I-X} may only follow {@code B-X} or {@code
 * I-X}. Equivalent to a CRF whose transition scores are 0 for valid and -inf for invalid
 * transitions; it removes the orphan {@code I-} tags of independent argmax decoding.
 */
public final class BioDecoder {
  private final List<String> labels;
  private final boolean[][] allowed;
  private final boolean[] allowedStart;

  public BioDecoder(List<String> labels) {
    this.labels = List.copyOf(labels);
    int k = labels.size();
    allowed = new boolean[k][k];
    allowedStart = new boolean[k];
    for (int j = 0; j < k; j++) {
      String to = labels.get(j);
      allowedStart[j] = !to.startsWith("I-");
      for (int i = 0; i < k; i++) {
        String from = labels.get(i);
        allowed[i][j] = !to.startsWith("I-") || (!from.equals("O") && type(from).equals(type(to)));
      }
    }
  }

  public List<String> labels() {
    return labels;
  }

  /** Best valid label index per word. */
  public int[] decode(float[][] probabilities) {
    int n = probabilities.length;
    int k = labels.size();
    if (n == 0) {
      return new int[0];
    }
    double[][] score = new double[n][k];
    int[][] back = new int[n][k];
    for (int j = 0; j < k; j++) {
      score[0][j] = allowedStart[j] ? log(probabilities[0][j]) : Double.NEGATIVE_INFINITY;
    }
    for (int t = 1; t < n; t++) {
      for (int j = 0; j < k; j++) {
        double best = Double.NEGATIVE_INFINITY;
        int arg = 0;
        for (int i = 0; i < k; i++) {
          if (allowed[i][j] && score[t - 1][i] > best) {
            best = score[t - 1][i];
            arg = i;
          }
        }
        score[t][j] = best + log(probabilities[t][j]);
        back[t][j] = arg;
      }
    }
    int[] out = new int[n];
    int best = 0;
    for (int j = 1; j < k; j++) {
      if (score[n - 1][j] > score[n - 1][best]) {
        best = j;
      }
    }
    out[n - 1] = best;
    for (int t = n - 1; t > 0; t--) {
      out[t - 1] = back[t][out[t]];
    }
    return out;
  }

  /** Word-index spans {@code [from, to)} with their entity type, from decoded labels. */
  public List<WordSpan> spans(int[] decoded, float[][] probabilities) {
    List<WordSpan> out = new ArrayList<>();
    int start = -1;
    String type = null;
    double minP = 1;
    for (int t = 0; t <= decoded.length; t++) {
      String label = t < decoded.length ? labels.get(decoded[t]) : "O";
      boolean inside = label.startsWith("I-") && type != null && type.equals(type(label));
      if (!inside && start >= 0) {
        out.add(new WordSpan(start, t, type, minP));
        start = -1;
        type = null;
      }
      if (label.startsWith("B-") || (label.startsWith("I-") && start < 0)) {
        start = t;
        type = type(label);
        minP = 1;
      }
      if (start >= 0 && t < decoded.length) {
        minP = Math.min(minP, probabilities[t][decoded[t]]);
      }
    }
    return out;
  }

  /** A decoded entity over words {@code [from, to)}; {@code confidence} is the lowest word prob. */
  public record WordSpan(int from, int to, String type, double confidence) {}

  static String type(String label) {
    int dash = label.indexOf('-');
    return dash < 0 ? label : label.substring(dash + 1);
  }

  private static double log(float p) {
    return Math.log(Math.max(p, 1e-9f));
  }
}
