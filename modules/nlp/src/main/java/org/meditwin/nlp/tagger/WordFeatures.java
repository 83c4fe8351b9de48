package org.meditwin.nlp.tagger;

import java.util.List;
import org.meditwin.inference.embedding.BgeEncoder;
import org.meditwin.inference.embedding.TokenFeatures;

/**
 * Encoder state of the first word piece of every word, computed window by window so that no word is
 * lost to truncation. One encoding serves every head (names/locations and clinical entities).
 */
public final class WordFeatures {
  /** Words per encoder call; long sentences are cut into windows of this size. */
  public static final int WINDOW_WORDS = 96;

  private WordFeatures() {}

  /**
   * Features of {@code words}, encoded one window at a time.
   *
   * @param windows word-index ranges {@code [from, to)} (usually sentences); each is further cut to
   *     {@link #WINDOW_WORDS}
   */
  public static float[][] compute(BgeEncoder encoder, List<String> words, List<int[]> windows) {
    float[][] out = new float[words.size()][];
    for (int[] w : windows) {
      for (int from = w[0]; from < w[1]; from += WINDOW_WORDS) {
        encodeWindow(encoder, words, from, Math.min(w[1], from + WINDOW_WORDS), out);
      }
    }
    float[] zero = new float[BgeEncoder.DIMENSION];
    for (int i = 0; i < out.length; i++) {
      if (out[i] == null) {
        out[i] = zero;
      }
    }
    return out;
  }

  /** Features of one sentence (training rows); words cut by truncation get {@code null}. */
  public static float[][] sentence(BgeEncoder encoder, List<String> words) {
    TokenFeatures f = encoder.tokenFeatures(clean(words, 0, words.size()));
    float[][] out = new float[words.size()][];
    for (int t = 0; t < f.length(); t++) {
      long w = f.wordIds()[t];
      if (w >= 0 && w < out.length && out[(int) w] == null) {
        out[(int) w] = f.features()[t];
      }
    }
    return out;
  }

  private static void encodeWindow(
      BgeEncoder encoder, List<String> words, int from, int to, float[][] out) {
    if (to <= from) {
      return;
    }
    TokenFeatures f = encoder.tokenFeatures(clean(words, from, to));
    boolean complete = false;
    for (int t = 0; t < f.length(); t++) {
      long w = f.wordIds()[t];
      if (w >= 0 && from + w < to && out[from + (int) w] == null) {
        out[from + (int) w] = f.features()[t];
        if (from + w == to - 1) {
          complete = true;
        }
      }
    }
    if (!complete && to - from > 1) {
      // truncated (many word pieces per word): encode the rest again
      int firstMissing = to;
      for (int i = from; i < to; i++) {
        if (out[i] == null) {
          firstMissing = i;
          break;
        }
      }
      if (firstMissing > from && firstMissing < to) {
        encodeWindow(encoder, words, firstMissing, to, out);
      } else if (firstMissing == from) {
        int mid = (from + to) / 2;
        encodeWindow(encoder, words, from, mid, out);
        encodeWindow(encoder, words, mid, to, out);
      }
    }
  }

  /** Words as the tokenizer sees them; a word the tokenizer would drop becomes {@code [UNK]}. */
  private static String[] clean(List<String> words, int from, int to) {
    String[] out = new String[to - from];
    for (int i = from; i < to; i++) {
      String w = words.get(i);
      out[i - from] = w.isBlank() ? "[UNK]" : w;
    }
    return out;
  }
}
