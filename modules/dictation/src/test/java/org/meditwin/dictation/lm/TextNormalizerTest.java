package org.meditwin.dictation.lm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextNormalizerTest {
  @Test
  void spellsUnitsAndNumbersAsSpoken() {
    assertThat(
            TextNormalizer.sentences("Thresholds were 25 dB HL at 2000 Hz; 4 kHz: 70dB. SRT 1.5%"))
        .containsExactly(
            List.of(
                "thresholds",
                "were",
                "twenty",
                "five",
                "decibels",
                "at",
                "two",
                "thousand",
                "hertz"),
            List.of("four", "kilohertz"),
            List.of("seventy", "decibels"),
            List.of("srt", "one", "point", "five", "percent"));
  }

  @Test
  void spellsNumbers() {
    assertThat(Numbers.spell(0)).isEqualTo("zero");
    assertThat(Numbers.spell(45)).isEqualTo("forty five");
    assertThat(Numbers.spell(250)).isEqualTo("two hundred fifty");
    assertThat(Numbers.spell(2500)).isEqualTo("two thousand five hundred");
    assertThat(Numbers.spell(12_000_000)).isEqualTo("one two zero zero zero zero zero zero");
  }

  @Test
  void parsesQuotedCsvFields() throws Exception {
    var rows =
        org.meditwin.core.io.Csv.read(new java.io.StringReader("a,b\n\"x, \"\"y\"\"\nz\",2\r\n"));
    assertThat(rows).containsExactly(List.of("a", "b"), List.of("x, \"y\"\nz", "2"));
  }
}
