package org.meditwin.nlp.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into words (runs of letters, digits and combining marks) and single punctuation or
 * symbol characters, CoNLL-style, keeping exact offsets into the original string. Whitespace and
 * control characters are dropped. Works on any script; never throws on odd input.
 */
public final class Tokenizer {
  /** Longest word kept as one token; longer runs (binary junk) are cut into pieces. */
  public static final int MAX_TOKEN_CHARS = 64;

  private Tokenizer() {}

  public static List<Token> tokenize(String text) {
    List<Token> out = new ArrayList<>();
    int n = text.length();
    int i = 0;
    while (i < n) {
      int cp = text.codePointAt(i);
      int len = Character.charCount(cp);
      if (Character.isWhitespace(cp) || Character.isISOControl(cp) || Character.isSpaceChar(cp)) {
        i += len;
        continue;
      }
      if (isWordChar(cp)) {
        int j = i + len;
        while (j < n && j - i < MAX_TOKEN_CHARS) {
          int c = text.codePointAt(j);
          if (!isWordChar(c)) {
            break;
          }
          j += Character.charCount(c);
        }
        out.add(new Token(text.substring(i, j), i, j));
        i = j;
      } else {
        out.add(new Token(text.substring(i, i + len), i, i + len));
        i += len;
      }
    }
    return out;
  }

  static boolean isWordChar(int cp) {
    if (Character.isLetterOrDigit(cp)) {
      return true;
    }
    int type = Character.getType(cp);
    return type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK;
  }
}
