package org.meditwin.inference.classify;

import java.util.ArrayList;
import java.util.List;
import org.meditwin.inference.embedding.BgeEncoder;
import org.meditwin.inference.embedding.TokenFeatures;

/** Tags words with a token-classification head over bge token states (first word piece). */
public final class TokenTagger implements AutoCloseable {
  private final BgeEncoder encoder;
  private final ClassificationHead head;
  private final List<String> labels;

  public TokenTagger(BgeEncoder encoder, ClassificationHead head, List<String> labels) {
    if (head.architecture().classes() != labels.size()) {
      throw new IllegalArgumentException("labels do not match the head");
    }
    this.encoder = encoder;
    this.head = head;
    this.labels = List.copyOf(labels);
  }

  /** One label per word; words cut off by truncation get the first label (usually {@code O}). */
  public List<String> tag(List<String> words) {
    TokenFeatures f = encoder.tokenFeatures(words.toArray(String[]::new));
    int[] first = new int[words.size()];
    java.util.Arrays.fill(first, -1);
    for (int t = 0; t < f.length(); t++) {
      long w = f.wordIds()[t];
      if (w >= 0 && w < words.size() && first[(int) w] < 0) {
        first[(int) w] = t;
      }
    }
    List<float[]> rows = new ArrayList<>();
    for (int t : first) {
      if (t >= 0) {
        rows.add(f.features()[t]);
      }
    }
    float[][] p = head.probabilities(rows.toArray(float[][]::new));
    List<String> out = new ArrayList<>(words.size());
    int r = 0;
    for (int t : first) {
      if (t < 0) {
        out.add(labels.get(0));
        continue;
      }
      int best = 0;
      for (int k = 1; k < p[r].length; k++) {
        if (p[r][k] > p[r][best]) {
          best = k;
        }
      }
      out.add(labels.get(best));
      r++;
    }
    return out;
  }

  @Override
  public void close() {
    head.close();
  }
}
