package org.meditwin.nlp.text;

/**
 * A word or punctuation mark with its character offsets in the original text.
 *
 * @param start inclusive offset
 * @param end exclusive offset
 */
public record Token(String text, int start, int end) {
  public Token {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("invalid token offsets");
    }
  }

  public boolean isWord() {
    return !text.isEmpty() && Character.isLetterOrDigit(text.codePointAt(0));
  }
}
