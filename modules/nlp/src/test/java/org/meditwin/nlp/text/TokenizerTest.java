package org.meditwin.nlp.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerTest {
  @Test
  void keepsExactOffsetsForWordsAndPunctuation() {
    String t = "Dr. Ólafsdóttir, 42 y/o — 北京 🙂";
    List<Token> tokens = Tokenizer.tokenize(t);
    for (Token k : tokens) {
      assertThat(t.substring(k.start(), k.end())).isEqualTo(k.text());
    }
    assertThat(tokens).extracting(Token::text).contains("Dr", ".", "Ólafsdóttir", "42", "北京");
  }

  @Test
  void splitsSentencesButNotAfterTitlesOrDosing() {
    String t = "Seen by Dr. Smith today. Takes 1 tab b.i.d. daily.\nPlan: follow up.";
    List<int[]> s = Sentences.split(t);
    assertThat(s).hasSize(3);
    assertThat(t.substring(s.get(0)[0], s.get(0)[1])).isEqualTo("Seen by Dr. Smith today.");
  }

  @Test
  void analyzedTextCoversEveryTokenOnce() {
    AnalyzedText a = AnalyzedText.of("One. Two three!\n\nFour");
    int covered = 0;
    for (int[] r : a.sentences()) {
      covered += r[1] - r[0];
    }
    assertThat(covered).isEqualTo(a.tokens().size());
  }
}
