package org.meditwin.inference.embedding;

/**
 * Token-level encoder output for one text: {@code last_hidden_state} rows with the word each token
 * belongs to (-1 for [CLS]/[SEP]).
 *
 * @param tokens word pieces, including [CLS] and [SEP]
 * @param wordIds index of the input word per token, -1 for special tokens
 * @param features one row of {@code dimension} floats per token
 */
public record TokenFeatures(String[] tokens, long[] wordIds, float[][] features) {
  public int length() {
    return tokens.length;
  }
}
