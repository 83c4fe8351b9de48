package org.meditwin.nlp.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Rule-based sentence splitter for clinical text: splits after {@code . ! ?} followed by space and
 * an upper-case letter or digit, and at blank lines and line breaks that start a list item or
 * section header. Common abbreviations (Dr., Mr., b.i.d., e.g.) do not end a sentence.
 */
public final class Sentences {
  private static final Set<String> ABBREVIATIONS =
      Set.of(
          "dr", "mr", "mrs", "ms", "prof", "st", "no", "vs", "approx", "e.g", "i.e", "etc", "b.i.d",
          "t.i.d", "q.i.d", "p.o", "q.d", "h.s", "p.r.n", "fig", "jr", "sr", "pt", "hx", "dx", "rx",
          "mg", "ml", "apt", "ave", "blvd", "rd", "ln");

  private Sentences() {}

  /** Sentence boundaries as {@code [start, end)} ranges covering all non-blank text. */
  public static List<int[]> split(String text) {
    List<int[]> out = new ArrayList<>();
    int n = text.length();
    int start = 0;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      boolean cut = false;
      int end = i + 1;
      if (c == '\n') {
        int j = i + 1;
        while (j < n
            && (text.charAt(j) == ' ' || text.charAt(j) == '\t' || text.charAt(j) == '\r')) {
          j++;
        }
        boolean blankLine = j < n && text.charAt(j) == '\n';
        boolean listOrHeader =
            j < n
                && (text.charAt(j) == '-'
                    || text.charAt(j) == '*'
                    || text.charAt(j) == '•'
                    || Character.isDigit(text.charAt(j))
                    || headerAhead(text, j));
        cut = blankLine || listOrHeader || j >= n || endsClause(text, start, i);
        end = i;
      } else if ((c == '.' || c == '!' || c == '?')
          && i + 1 < n
          && Character.isWhitespace(text.charAt(i + 1))) {
        int j = i + 1;
        while (j < n && Character.isWhitespace(text.charAt(j))) {
          j++;
        }
        boolean nextStarts =
            j >= n || Character.isUpperCase(text.charAt(j)) || Character.isDigit(text.charAt(j));
        cut = nextStarts && !(c == '.' && isAbbreviation(text, start, i));
      }
      if (cut) {
        add(out, text, start, end);
        start = i + 1;
      }
    }
    add(out, text, start, n);
    return out;
  }

  private static boolean endsClause(String text, int start, int i) {
    int k = i - 1;
    while (k >= start && Character.isWhitespace(text.charAt(k))) {
      k--;
    }
    return k >= start && (text.charAt(k) == '.' || text.charAt(k) == ':' || text.charAt(k) == ';');
  }

  private static boolean headerAhead(String text, int j) {
    int k = j;
    while (k < text.length() && k - j < 40 && Character.isLetter(text.charAt(k))) {
      k++;
    }
    while (k < text.length()
        && k - j < 40
        && (Character.isLetter(text.charAt(k)) || text.charAt(k) == ' ')) {
      k++;
    }
    return k > j && k < text.length() && text.charAt(k) == ':';
  }

  private static boolean isAbbreviation(String text, int start, int dot) {
    int k = dot - 1;
    while (k >= start && (Character.isLetter(text.charAt(k)) || text.charAt(k) == '.')) {
      k--;
    }
    String word = text.substring(k + 1, dot).toLowerCase(java.util.Locale.ROOT);
    if (word.length() == 1 && Character.isUpperCase(text.charAt(dot - 1))) {
      return true; // initials: "John F. Kennedy"
    }
    return ABBREVIATIONS.contains(word);
  }

  private static void add(List<int[]> out, String text, int start, int end) {
    int s = start;
    int e = Math.min(end, text.length());
    while (s < e && Character.isWhitespace(text.charAt(s))) {
      s++;
    }
    while (e > s && Character.isWhitespace(text.charAt(e - 1))) {
      e--;
    }
    if (e > s) {
      out.add(new int[] {s, e});
    }
  }
}
