package org.meditwin.nlp.text;

import java.util.ArrayList;
import java.util.List;

/**
 * A text with its tokens and sentences ({@code [fromToken, toToken)} ranges), computed once and
 * shared by every recogniser.
 */
public record AnalyzedText(String text, List<Token> tokens, List<int[]> sentences) {
  public AnalyzedText {
    tokens = List.copyOf(tokens);
    sentences = List.copyOf(sentences);
  }

  public static AnalyzedText of(String text) {
    List<Token> tokens = Tokenizer.tokenize(text);
    List<int[]> ranges = new ArrayList<>();
    int t = 0;
    for (int[] s : Sentences.split(text)) {
      int from = t;
      while (t < tokens.size() && tokens.get(t).start() < s[1]) {
        t++;
      }
      if (t > from) {
        ranges.add(new int[] {from, t});
      }
    }
    if (t < tokens.size()) {
      ranges.add(new int[] {t, tokens.size()});
    }
    return new AnalyzedText(text, tokens, ranges);
  }

  public List<String> words() {
    return tokens.stream().map(Token::text).toList();
  }

  /** Tokens of one sentence. */
  public List<Token> sentenceTokens(int[] range) {
    return tokens.subList(range[0], range[1]);
  }
}
