package org.meditwin.search;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits text into sentence-aligned chunks that fit a token budget, with an overlap of whole
 * trailing sentences carried into the next chunk.
 *
 * <p>Tokens are estimated as word and punctuation runs ({@code \p{L}\p{N}} runs count one per 4
 * characters beyond the first 6, approximating WordPiece splitting of long medical words), so the
 * estimate stays above the bge tokenizer's count for typical English text and chunks stay under its
 * 512-token window. Sentences come from the JDK's sentence {@link BreakIterator}, plus line breaks
 * and the {@code " - "} bullets of the MedQuAD answers. A single sentence longer than the budget is
 * split at word boundaries.
 */
public final class Chunker {
  private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+|[^\\p{L}\\p{N}\\s]");
  private static final Pattern EXTRA_BREAK =
      Pattern.compile("\\n\\s*\\n|\\n\\s*-\\s+|\\s{2,}-\\s+");

  private final int maxTokens;
  private final int overlapTokens;

  /**
   * @param maxTokens token budget per chunk (at least 16)
   * @param overlapTokens at most this many tokens of whole trailing sentences are repeated at the
   *     start of the next chunk (0 disables overlap; must be below half the budget)
   */
  public Chunker(int maxTokens, int overlapTokens) {
    if (maxTokens < 16) {
      throw new IllegalArgumentException("maxTokens must be >= 16");
    }
    if (overlapTokens < 0 || overlapTokens * 2 >= maxTokens) {
      throw new IllegalArgumentException("overlapTokens must be in [0, maxTokens/2)");
    }
    this.maxTokens = maxTokens;
    this.overlapTokens = overlapTokens;
  }

  /** The configuration used for the knowledge base: 256-token chunks, 48 tokens of overlap. */
  public static Chunker standard() {
    return new Chunker(256, 48);
  }

  public int maxTokens() {
    return maxTokens;
  }

  public int overlapTokens() {
    return overlapTokens;
  }

  /** Estimated token count of {@code text}. */
  public static int countTokens(String text) {
    int n = 0;
    Matcher m = TOKEN.matcher(text);
    while (m.find()) {
      int len = m.end() - m.start();
      n += len <= 6 ? 1 : 1 + (len - 6 + 3) / 4;
    }
    return n;
  }

  /** Chunks {@code text}; blank text gives no chunks. */
  public List<Chunk> chunk(String text) {
    List<Span> sentences = new ArrayList<>();
    for (Span s : sentences(text)) {
      if (s.tokens <= maxTokens) {
        sentences.add(s);
      } else {
        sentences.addAll(splitLongSentence(text, s));
      }
    }
    List<Chunk> chunks = new ArrayList<>();
    int i = 0;
    while (i < sentences.size()) {
      int tokens = 0;
      int j = i;
      while (j < sentences.size() && tokens + sentences.get(j).tokens <= maxTokens) {
        tokens += sentences.get(j).tokens;
        j++;
      }
      int start = sentences.get(i).start;
      int end = sentences.get(j - 1).end;
      chunks.add(new Chunk(chunks.size(), text.substring(start, end), start, end, tokens));
      if (j >= sentences.size()) {
        break;
      }
      // Carry whole trailing sentences (within the overlap budget) into the next chunk, but always
      // advance by at least one sentence.
      int next = j;
      int carried = 0;
      while (next - 1 > i && carried + sentences.get(next - 1).tokens <= overlapTokens) {
        carried += sentences.get(next - 1).tokens;
        next--;
      }
      i = next;
    }
    return chunks;
  }

  private record Span(int start, int end, int tokens) {}

  private static List<Span> sentences(String text) {
    List<int[]> cuts = new ArrayList<>();
    BreakIterator it = BreakIterator.getSentenceInstance(Locale.ENGLISH);
    it.setText(text);
    int start = it.first();
    for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
      // Further split at paragraph breaks and list bullets the iterator does not see.
      Matcher m = EXTRA_BREAK.matcher(text).region(start, end);
      int s = start;
      while (m.find()) {
        if (m.start() > s) {
          cuts.add(new int[] {s, m.start()});
        }
        s = m.start();
        // keep the bullet dash with the following item
        while (s < end && Character.isWhitespace(text.charAt(s))) {
          s++;
        }
      }
      cuts.add(new int[] {s, end});
    }
    List<Span> spans = new ArrayList<>();
    for (int[] c : cuts) {
      int s = c[0];
      int e = c[1];
      while (s < e && Character.isWhitespace(text.charAt(s))) {
        s++;
      }
      while (e > s && Character.isWhitespace(text.charAt(e - 1))) {
        e--;
      }
      if (e > s) {
        int t = countTokens(text.substring(s, e));
        if (t > 0) {
          spans.add(new Span(s, e, t));
        }
      }
    }
    return spans;
  }

  private List<Span> splitLongSentence(String text, Span s) {
    List<Span> parts = new ArrayList<>();
    Matcher m = TOKEN.matcher(text).region(s.start, s.end);
    int partStart = -1;
    int partEnd = -1;
    int tokens = 0;
    while (m.find()) {
      int len = m.end() - m.start();
      int t = len <= 6 ? 1 : 1 + (len - 6 + 3) / 4;
      if (partStart >= 0 && tokens + t > maxTokens) {
        parts.add(new Span(partStart, partEnd, tokens));
        partStart = -1;
        tokens = 0;
      }
      if (partStart < 0) {
        partStart = m.start();
      }
      if (t > maxTokens) {
        // a single absurdly long "word": hard split by characters
        int step = (maxTokens - 1) * 4;
        for (int p = m.start(); p < m.end(); p += step) {
          int q = Math.min(m.end(), p + step);
          parts.add(new Span(p, q, countTokens(text.substring(p, q))));
        }
        partStart = -1;
        tokens = 0;
        continue;
      }
      partEnd = m.end();
      tokens += t;
    }
    if (partStart >= 0) {
      parts.add(new Span(partStart, partEnd, tokens));
    }
    return parts;
  }
}
