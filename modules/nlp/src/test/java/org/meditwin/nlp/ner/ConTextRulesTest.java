package org.meditwin.nlp.ner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.meditwin.nlp.text.Token;
import org.meditwin.nlp.text.Tokenizer;

class ConTextRulesTest {
  /** Assertion of the word "tinnitus" in {@code sentence}. */
  static Assertion tinnitus(String sentence) {
    List<Token> t = Tokenizer.tokenize(sentence);
    for (int i = 0; i < t.size(); i++) {
      if (t.get(i).text().equals("tinnitus")) {
        return ConTextRules.assess(t, i, i + 1);
      }
    }
    throw new AssertionError("no tinnitus in " + sentence);
  }

  static Stream<String> forward(ConTextRules.Kind kind) {
    return ConTextRules.FORWARD_TRIGGERS.get(kind).stream();
  }

  static Stream<String> forwardNegation() {
    return forward(ConTextRules.Kind.NEGATION);
  }

  static Stream<String> forwardUncertainty() {
    return forward(ConTextRules.Kind.UNCERTAINTY);
  }

  static Stream<String> forwardHistorical() {
    return forward(ConTextRules.Kind.HISTORICAL);
  }

  static Stream<String> forwardFamily() {
    return forward(ConTextRules.Kind.FAMILY);
  }

  static Stream<String> backwardNegation() {
    return ConTextRules.BACKWARD_TRIGGERS.get(ConTextRules.Kind.NEGATION).stream();
  }

  static Stream<String> backwardUncertainty() {
    return ConTextRules.BACKWARD_TRIGGERS.get(ConTextRules.Kind.UNCERTAINTY).stream();
  }

  static Stream<String> pseudo() {
    return ConTextRules.PSEUDO_TRIGGERS.stream();
  }

  @ParameterizedTest
  @MethodSource("forwardNegation")
  void everyPublishedNegationTriggerNegatesWhatFollows(String trigger) {
    Assertion a = tinnitus(trigger + " tinnitus.");
    assertThat(a.negated()).as(trigger).isTrue();
  }

  @ParameterizedTest
  @MethodSource("backwardNegation")
  void everyPostNegationTriggerNegatesWhatPrecedes(String trigger) {
    assertThat(tinnitus("tinnitus " + trigger + ".").negated()).as(trigger).isTrue();
  }

  @ParameterizedTest
  @MethodSource("forwardUncertainty")
  void everyUncertaintyTriggerMarksUncertain(String trigger) {
    Assertion a = tinnitus(trigger + " tinnitus.");
    assertThat(a.uncertain()).as(trigger).isTrue();
    assertThat(a.negated()).as(trigger).isFalse();
  }

  @ParameterizedTest
  @MethodSource("backwardUncertainty")
  void everyPostUncertaintyTriggerMarksUncertain(String trigger) {
    assertThat(tinnitus("tinnitus " + trigger).uncertain()).as(trigger).isTrue();
  }

  @ParameterizedTest
  @MethodSource("forwardHistorical")
  void everyHistoricalTriggerMarksHistory(String trigger) {
    assertThat(tinnitus(trigger + " tinnitus.").historical()).as(trigger).isTrue();
  }

  @ParameterizedTest
  @MethodSource("forwardFamily")
  void everyFamilyTriggerMovesTheExperiencer(String trigger) {
    assertThat(tinnitus(trigger + " has tinnitus.").experiencer())
        .as(trigger)
        .isEqualTo(Assertion.Experiencer.FAMILY);
  }

  @ParameterizedTest
  @MethodSource("pseudo")
  void pseudoTriggersDoNotNegate(String trigger) {
    Assertion a = tinnitus("There is " + trigger + " tinnitus.");
    assertThat(a.negated()).as(trigger).isFalse();
  }

  @Test
  void plainMentionIsAffirmedForThePatient() {
    assertThat(tinnitus("Patient reports constant tinnitus.")).isEqualTo(Assertion.AFFIRMED);
  }

  @Test
  void negationReachesEveryItemOfAList() {
    String s = "Denies otalgia, vertigo, aural fullness or tinnitus.";
    assertThat(tinnitus(s).negated()).isTrue();
  }

  @Test
  void terminationEndsTheScope() {
    assertThat(tinnitus("Denies otalgia but reports tinnitus.").negated()).isFalse();
    assertThat(tinnitus("No vertigo; tinnitus in the left ear.").negated()).isFalse();
  }

  @Test
  void negationDoesNotReachBeyondTheWindow() {
    assertThat(
            tinnitus(
                    "No fever was noted during the long visit in the clinic this morning while the"
                        + " family waited outside for tinnitus")
                .negated())
        .isFalse();
  }
}
