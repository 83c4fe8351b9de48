package org.meditwin.nlp.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedFlagDetectorTest {
  private final RedFlagDetector detector = RedFlagDetector.standard();

  private List<String> ids(String text) {
    return detector.detect(text).stream().map(RedFlag::id).toList();
  }

  @Test
  void chestPainWithSweatingIsAnEmergencyWithNextStepsAndMatchedPhrases() {
    List<RedFlag> flags = detector.detect("I have crushing chest pain and I'm sweating.");
    assertThat(flags).hasSize(1);
    RedFlag f = flags.get(0);
    assertThat(f.id()).isEqualTo("acute-coronary-syndrome");
    assertThat(f.urgency()).isEqualTo(RedFlag.EMERGENCY);
    assertThat(f.nextSteps()).isNotEmpty().first().asString().contains("emergency");
    assertThat(f.matched()).contains("chest pain", "sweating");
  }

  @Test
  void chestPainAloneIsUrgentNotEmergency() {
    List<RedFlag> flags = detector.detect("I've had a dull chest ache since yesterday.");
    assertThat(flags).extracting(RedFlag::id).containsExactly("chest-pain");
    assertThat(flags.get(0).urgency()).isEqualTo(RedFlag.URGENT);
  }

  @Test
  void negatedFindingsDoNotFire() {
    assertThat(ids("no chest pain")).isEmpty();
    assertThat(ids("Denies chest pain, shortness of breath or diaphoresis.")).isEmpty();
    assertThat(ids("I don't have chest pain and I'm not sweating.")).isEmpty();
    assertThat(ids("I'm not suicidal.")).isEmpty();
  }

  @Test
  void negationEndsAtTheClause() {
    assertThat(ids("No fever. Now my face is drooping.")).containsExactly("stroke");
    assertThat(ids("no idea what's happening, my chest hurts and I'm sweating"))
        .containsExactly("acute-coronary-syndrome");
  }

  @Test
  void someoneElsesPastIllnessDoesNotFireButTheirEmergencyNowDoes() {
    assertThat(ids("my father had a stroke")).isEmpty();
    assertThat(ids("Family history of heart attack.")).isEmpty();
    assertThat(ids("My father's face is drooping right now.")).containsExactly("stroke");
    assertThat(ids("My son drank bleach.")).containsExactly("poisoning-overdose");
  }

  @Test
  void historyDoesNotFire() {
    assertThat(ids("History of stroke in 2019, on aspirin.")).isEmpty();
    assertThat(ids("I had a heart attack years ago.")).isEmpty();
  }

  @Test
  void hypotheticalAndEducationalQuestionsDoNotFire() {
    assertThat(ids("What are the signs of a stroke?")).isEmpty();
    assertThat(ids("What should I do if I get chest pain?")).isEmpty();
    assertThat(ids("What is anaphylaxis?")).isEmpty();
  }

  @Test
  void uncertainButCurrentReportsStillFire() {
    assertThat(ids("I think I might be having a heart attack."))
        .containsExactly("acute-coronary-syndrome");
    assertThat(ids("Possible stroke? His speech is slurred.")).containsExactly("stroke");
  }

  @Test
  void conditionalFramingIsOverriddenByAnEventHappeningNow() {
    assertThat(ids("If this is a stroke what do I do, her face is drooping right now"))
        .containsExactly("stroke");
  }

  @Test
  void suddenHearingLossIsUrgentButGradualLossIsNot() {
    List<RedFlag> flags = detector.detect("I woke up deaf in my right ear this morning.");
    assertThat(flags).extracting(RedFlag::id).containsExactly("sudden-hearing-loss");
    assertThat(flags.get(0).urgency()).isEqualTo(RedFlag.URGENT);
    assertThat(flags.get(0).nextSteps()).anyMatch(s -> s.contains("audiometry"));
    assertThat(ids("My hearing loss came on gradually over the years.")).isEmpty();
  }

  @Test
  void meningitisNeedsMoreThanOneSign() {
    assertThat(ids("I have a stiff neck.")).isEmpty();
    assertThat(ids("I have a fever.")).isEmpty();
    assertThat(ids("Fever and a stiff neck.")).containsExactly("meningitis");
  }

  @Test
  void emergenciesComeBeforeUrgentFlags() {
    List<RedFlag> flags =
        detector.detect("Sudden hearing loss in my left ear. I want to end my life.");
    assertThat(flags)
        .extracting(RedFlag::id)
        .containsExactly("suicide-risk", "sudden-hearing-loss");
  }

  @Test
  void worksOnAVisitTranscript() {
    String transcript =
        "Doctor: What brings you in today?\n"
            + "Patient: My left ear went quiet two days ago, all of a sudden, with a ringing.\n"
            + "Doctor: Any dizziness or weakness?\n"
            + "Patient: No weakness, no trouble speaking.\n";
    assertThat(ids(transcript)).containsExactly("sudden-hearing-loss");
  }

  @Test
  void everyCriterionCitesAPublishedSourceAndHasNextSteps() {
    List<RedFlagCriterion> criteria = RedFlagDetector.criteria();
    assertThat(criteria).hasSizeGreaterThanOrEqualTo(12);
    assertThat(criteria)
        .allSatisfy(
            c -> {
              assertThat(c.source()).isNotBlank();
              assertThat(c.rule()).isNotBlank();
              assertThat(c.nextSteps()).isNotEmpty();
              assertThat(c.urgency()).isIn(RedFlag.EMERGENCY, RedFlag.URGENT);
            });
    assertThat(criteria)
        .extracting(RedFlagCriterion::id)
        .contains(
            "acute-coronary-syndrome",
            "stroke",
            "anaphylaxis",
            "severe-bleeding",
            "suicide-risk",
            "sudden-hearing-loss",
            "meningitis",
            "thunderclap-headache",
            "cauda-equina",
            "sepsis");
  }

  @Test
  void badInputGivesNoFlagsAndNoException() {
    assertThat(detector.detect(null)).isEmpty();
    assertThat(detector.detect("")).isEmpty();
    assertThat(detector.detect("   \n\t")).isEmpty();
    assertThat(detector.detect("\u0000\u0001\uFFFF\uD800")).isEmpty();
    assertThat(detector.detect("AND OR NOT ((( *:* ~~ \"")).isEmpty();
    assertThat(detector.detect("İİİ chest pain ßß and sweating")).isNotEmpty();
    String huge = "I feel fine today. ".repeat(50_000) + "I want to kill myself.";
    assertThat(huge.length()).isGreaterThan(RedFlagDetector.MAX_CHARS);
    assertThat(detector.detect(huge)).isEmpty();
    String big = "I feel fine today. ".repeat(5_000) + "I want to kill myself.";
    assertThat(detector.detect(big)).extracting(RedFlag::id).containsExactly("suicide-risk");
  }
}
