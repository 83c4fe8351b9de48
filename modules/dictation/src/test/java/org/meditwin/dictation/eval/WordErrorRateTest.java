package org.meditwin.dictation.eval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WordErrorRateTest {
  @Test
  void countsSubstitutionsDeletionsAndInsertions() {
    assertThat(WordErrorRate.errors("the left ear is clear", "the left ear is clear")).isZero();
    assertThat(WordErrorRate.errors("the left ear is clear", "the right ear is clear"))
        .isEqualTo(1);
    assertThat(WordErrorRate.errors("the left ear is clear", "left ear clear")).isEqualTo(2);
    assertThat(WordErrorRate.errors("left ear", "the left ear is")).isEqualTo(2);
    assertThat(WordErrorRate.of("a b c d", "")).isEqualTo(1.0);
    assertThat(WordErrorRate.of("", "")).isZero();
  }
}
