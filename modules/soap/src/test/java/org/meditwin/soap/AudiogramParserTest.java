package org.meditwin.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AudiogramParserTest {
  private static Audiogram parse(String t) {
    return AudiogramParser.parse(t).orElseThrow().audiogram();
  }

  @Test
  void readsThresholdAtFrequencyLists() {
    Audiogram a =
        parse("Right ear 25 at 250, 30 at 500, 35 at 1000, 40 at 2k, 55 at 4 kHz and 60 at 8000.");
    assertThat(a.rightAir())
        .containsEntry("250", 25)
        .containsEntry("2000", 40)
        .containsEntry("4000", 55)
        .containsEntry("8000", 60)
        .hasSize(6);
    assertThat(a.leftAir()).isEmpty();
  }

  @Test
  void readsEarAfterThePairAndDecibelUnits() {
    Audiogram a = parse("We measured thresholds of 40 dB at 2 kHz on the left.");
    assertThat(a.leftAir()).containsExactlyEntriesOf(java.util.Map.of("2000", 40));
  }

  @Test
  void readsSpokenNumbersAndFrequencyFirstForms() {
    Audiogram a =
        parse("On the left, at two thousand hertz it was forty five, and at 500 Hz 20 dB.");
    assertThat(a.leftAir()).containsEntry("2000", 45).containsEntry("500", 20);
  }

  @Test
  void readsASpokenRunOfThresholds() {
    Audiogram a =
        parse(
            "Left ear twenty five at two fifty, thirty at five hundred, thirty five at one thousand.");
    assertThat(a.leftAir()).containsEntry("500", 30).containsEntry("1000", 35);
  }

  @Test
  void separatesBoneFromAirAndCarriesTheEarToTheNextSentence() {
    Audiogram a =
        parse(
            "Audiogram: right ear air 30 at 500, 45 at 1000.\nBone conduction 10 at 500, 15 at 1000.");
    assertThat(a.rightAir()).containsEntry("500", 30).containsEntry("1000", 45);
    assertThat(a.rightBone()).containsEntry("500", 10).containsEntry("1000", 15);
  }

  @Test
  void bothEarsFillBothSides() {
    Audiogram a = parse("Thresholds were 20 at 1000 in both ears.");
    assertThat(a.rightAir()).containsEntry("1000", 20);
    assertThat(a.leftAir()).containsEntry("1000", 20);
  }

  @Test
  void ignoresNumbersThatAreNoAudiogram() {
    assertThat(AudiogramParser.parse("Lisinopril 20 mg at 8 in the morning. She is 45 years old."))
        .isEmpty();
    assertThat(AudiogramParser.parse("Right ear 25 at 300 and 200 at 1000.")).isEmpty();
  }

  @Test
  void degreeAndTypeFollowWhoGradesAndTheAirBoneGap() {
    assertThat(HearingAssessment.degree(19.9)).isEqualTo("normal");
    assertThat(HearingAssessment.degree(20)).isEqualTo("mild");
    assertThat(HearingAssessment.degree(35)).isEqualTo("moderate");
    assertThat(HearingAssessment.degree(50)).isEqualTo("moderately severe");
    assertThat(HearingAssessment.degree(65)).isEqualTo("severe");
    assertThat(HearingAssessment.degree(80)).isEqualTo("profound");
    assertThat(HearingAssessment.degree(95)).isEqualTo("complete");
    var air = java.util.Map.of("500", 50, "1000", 50, "2000", 50);
    assertThat(HearingAssessment.type(air, java.util.Map.of("500", 10, "1000", 10, "2000", 15)))
        .contains("conductive");
    assertThat(HearingAssessment.type(air, java.util.Map.of("500", 30, "1000", 30, "2000", 30)))
        .contains("mixed");
    assertThat(HearingAssessment.type(air, java.util.Map.of("500", 45, "1000", 50, "2000", 50)))
        .contains("sensorineural");
    assertThat(HearingAssessment.type(air, java.util.Map.of())).isEmpty();
  }

  @Test
  void pureToneAverageUsesFourFrequenciesWhenPresent() {
    Audiogram a = parse("Right ear 30 at 500, 40 at 1000, 50 at 2000, 60 at 4000.");
    assertThat(a.pureToneAverage(true)).hasValue(45.0);
    assertThat(HearingAssessment.summary(a))
        .hasValueSatisfying(s -> assertThat(s).contains("45 dB HL, moderate"));
  }

  @Test
  void survivesRandomAndMutatedInput() {
    Random r = new Random(42);
    String seed =
        "Right ear 25 at 250, 30 at 500, 40 at 1k. Left 35 dB at 2 kHz; bone 10 at 500. two thousand hertz forty.";
    String alphabet = "0123456789 ,.;:-kKhHzZdDbBat\nleftrightboneair\u0000\uFFFD";
    for (int i = 0; i < 3000; i++) {
      StringBuilder sb = new StringBuilder(i % 3 == 0 ? "" : seed);
      int edits = i % 3 == 0 ? r.nextInt(200) : 1 + r.nextInt(15);
      for (int m = 0; m < edits; m++) {
        char c = alphabet.charAt(r.nextInt(alphabet.length()));
        if (sb.isEmpty() || r.nextBoolean()) {
          sb.insert(sb.isEmpty() ? 0 : r.nextInt(sb.length()), c);
        } else {
          sb.setCharAt(r.nextInt(sb.length()), c);
        }
      }
      Optional<AudiogramParser.Result> res = AudiogramParser.parse(sb.toString());
      res.ifPresent(
          x -> {
            for (var m :
                java.util.List.of(
                    x.audiogram().rightAir(),
                    x.audiogram().leftAir(),
                    x.audiogram().rightBone(),
                    x.audiogram().leftBone())) {
              m.forEach(
                  (f, db) -> {
                    assertThat(Audiogram.FREQUENCIES).contains(f);
                    assertThat(db).isBetween(-10, 120);
                  });
            }
          });
    }
    // very long numbers and huge input do not throw
    assertThat(AudiogramParser.parse("right 99999999999999999999 at 250")).isEmpty();
    assertThat(AudiogramParser.parse("Right 25 at 250. ".repeat(5000))).isPresent();
  }
}
