package org.meditwin.soap.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Expected values computed by hand (and agreeing with Google's rouge-score, no stemming). */
class RougeTest {
  @Test
  void scoresTheTextbookExample() {
    // candidate: the cat sat on the mat / reference: the cat is on the mat
    // unigrams: overlap the×2, cat, on, mat = 5 of 6 each → P = R = F = 5/6
    // bigrams: overlap "the cat", "on the", "the mat" = 3 of 5 each → 0.6
    // LCS "the cat on the mat" = 5 → 5/6
    Rouge.Scores s = Rouge.score("The cat sat on the mat.", "the cat is on the mat");
    assertThat(s.rouge1().f1()).isCloseTo(5.0 / 6, within(1e-9));
    assertThat(s.rouge2().f1()).isCloseTo(0.6, within(1e-9));
    assertThat(s.rougeL().f1()).isCloseTo(5.0 / 6, within(1e-9));
  }

  @Test
  void precisionAndRecallDifferWhenLengthsDiffer() {
    // candidate 2 tokens, reference 4 tokens, overlap 2 → P 1, R 0.5, F 2/3
    Rouge.Scores s = Rouge.score("hearing loss", "mild hearing loss left");
    assertThat(s.rouge1().precision()).isEqualTo(1.0);
    assertThat(s.rouge1().recall()).isEqualTo(0.5);
    assertThat(s.rouge1().f1()).isCloseTo(2.0 / 3, within(1e-9));
    // bigrams: candidate {hearing loss}, reference {mild hearing, hearing loss, loss left} → 1/1,
    // 1/3
    assertThat(s.rouge2().recall()).isCloseTo(1.0 / 3, within(1e-9));
    assertThat(s.rouge2().f1()).isCloseTo(0.5, within(1e-9));
  }

  @Test
  void clipsRepeatedNgrams() {
    // candidate "the the the" vs reference "the cat": overlap min(3,1) = 1 → P 1/3, R 1/2, F 0.4
    Rouge.Scores s = Rouge.score("the the the", "the cat");
    assertThat(s.rouge1().f1()).isCloseTo(0.4, within(1e-9));
  }

  @Test
  void lcsIsInOrderNotBagOfWords() {
    // "a b c d" vs "d c b a": LCS length 1 → 1/4
    Rouge.Scores s = Rouge.score("a b c d", "d c b a");
    assertThat(s.rouge1().f1()).isEqualTo(1.0);
    assertThat(s.rougeL().f1()).isCloseTo(0.25, within(1e-9));
  }

  @Test
  void summaryLevelLcsUnitesMatchesAcrossSentences() {
    // reference sentence "w1 w2 w3 w4 w5"; candidate sentences "w1 w2 w6 w7 w8" and "w1 w3 w8 w9
    // w5"
    // union LCS hits: {w1,w2} ∪ {w1,w3,w5} = w1 w2 w3 w5 → 4 of 5 reference, 4 of 10 candidate
    // (Lin 2004's worked example): R 0.8, P 0.4, F 0.5333
    Rouge.Scores s = Rouge.score("w1 w2 w6 w7 w8\nw1 w3 w8 w9 w5", "w1 w2 w3 w4 w5");
    assertThat(s.rougeLsum().recall()).isCloseTo(0.8, within(1e-9));
    assertThat(s.rougeLsum().precision()).isCloseTo(0.4, within(1e-9));
    assertThat(s.rougeLsum().f1()).isCloseTo(2 * 0.8 * 0.4 / 1.2, within(1e-9));
  }

  @Test
  void emptyTextsScoreZeroWithoutDividingByZero() {
    Rouge.Scores s = Rouge.score("", "the reference");
    assertThat(s.rouge1().f1()).isZero();
    assertThat(s.rougeL().f1()).isZero();
    assertThat(s.rougeLsum().f1()).isZero();
  }
}
