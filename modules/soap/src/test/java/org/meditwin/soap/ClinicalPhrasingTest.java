package org.meditwin.soap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClinicalPhrasingTest {
  @Test
  void putsPatientSpeechInTheThirdPerson() {
    assertThat(
            ClinicalPhrasing.statement(
                "I have had ringing in my left ear for two weeks.", Speaker.PATIENT))
        .hasValue("Reports ringing in the left ear for two weeks.");
    assertThat(ClinicalPhrasing.statement("Um, I don't have any pain.", Speaker.PATIENT))
        .hasValue("Denies pain.");
    assertThat(ClinicalPhrasing.statement("I'm taking lisinopril 20 mg a day.", Speaker.PATIENT))
        .hasValue("Takes lisinopril 20 mg a day.");
    assertThat(ClinicalPhrasing.statement("I can't hear my wife in restaurants.", Speaker.PATIENT))
        .hasValue("Unable to hear the patient's wife in restaurants.");
    assertThat(ClinicalPhrasing.statement("i , i just feel out of sorts lately .", Speaker.PATIENT))
        .hasValue("Reports feeling out of sorts lately.");
  }

  @Test
  void conjugatesVerbsAfterThePronoun() {
    assertThat(ClinicalPhrasing.firstToThird("I usually hear better when I watch their faces"))
        .isEqualTo("the patient usually hears better when the patient watches their faces");
    assertThat(ClinicalPhrasing.third("go")).isEqualTo("goes");
    assertThat(ClinicalPhrasing.third("worry")).isEqualTo("worries");
    assertThat(ClinicalPhrasing.third("can")).isEqualTo("can");
    assertThat(ClinicalPhrasing.third("noticed")).isEqualTo("noticed");
  }

  @Test
  void removesTheSecondPersonFromClinicianSpeech() {
    assertThat(ClinicalPhrasing.statement("Your ear canals look clear.", Speaker.CLINICIAN))
        .hasValue("The ear canals look clear.");
    assertThat(ClinicalPhrasing.statement("I'm going to refer you to ENT.", Speaker.CLINICIAN))
        .hasValue("Refer the patient to ENT.");
    assertThat(
            ClinicalPhrasing.statement(
                "I'd like you to come back in two weeks.", Speaker.CLINICIAN))
        .hasValue("Advised to come back in two weeks.");
    assertThat(
            ClinicalPhrasing.statement(
                "On your heart exam, I do appreciate a murmur.", Speaker.CLINICIAN))
        .hasValue("On the heart exam, there is a murmur.");
  }

  @Test
  void foldsYesNoAnswersWithTheirDetail() {
    assertThat(ClinicalPhrasing.answered("Any ringing in your ears?", "Yes, in my left ear."))
        .hasValue("Reports ringing in the ears (in the left ear).");
    assertThat(
            ClinicalPhrasing.answered(
                "and , how about , other symptoms , have you had a fever or chills ?", "no ."))
        .hasValue("Denies fever or chills.");
    assertThat(ClinicalPhrasing.answered("Do you have any chest pain?", "Slight cramps."))
        .hasValue("Reports chest pain (slight cramps).");
    assertThat(ClinicalPhrasing.answered("How is your diet?", "It's been a struggle.")).isEmpty();
    assertThat(ClinicalPhrasing.answered("Do you smoke?", "Never.")).hasValue("Does not smoke.");
  }

  @Test
  void anAnswerThatOnlyRepeatsTheQuestionAddsNoDetail() {
    assertThat(ClinicalPhrasing.answered("Any dizziness?", "No dizziness."))
        .hasValue("Denies dizziness.");
    assertThat(ClinicalPhrasing.answered("Any dizziness or vertigo?", "No, no dizziness at all."))
        .hasValue("Denies dizziness or vertigo.");
    assertThat(ClinicalPhrasing.answered("Any pain in your left ear or right ear?", "Left ear."))
        .isPresent();
  }

  @Test
  void collapsesRepeatedPhrases() {
    assertThat(
            ClinicalPhrasing.statement(
                "i feel , i feel bloated every once in a while .", Speaker.PATIENT))
        .hasValue("Reports feeling bloated every once in a while.");
  }

  @Test
  void dropsFillersAndHedges() {
    assertThat(ClinicalPhrasing.statement("Okay. Mm-hmm.", Speaker.PATIENT)).isEmpty();
    assertThat(ClinicalPhrasing.normalize("i do n't know , you know , it 's fine"))
        .isEqualTo("i don't know, it's fine");
  }

  @Test
  void spokenNumbersBecomeDigitsForComparison() {
    assertThat(TextSupport.numbersToDigits("twenty five at two thousand")).isEqualTo("25 at 2000");
    assertThat(TextSupport.numbersToDigits("from zero to ten ten being the worst"))
        .isEqualTo("from 0 to 10 10 being the worst");
    assertThat(TextSupport.numbersToDigits("twenty five thirty thirty five")).isEqualTo("25 30 35");
    assertThat(TextSupport.numbersToDigits("one hundred and twenty two over seventy"))
        .isEqualTo("122 over 70");
    assertThat(TextSupport.numbers("fifteen hundred and 3.50")).containsExactly("1500", "3.5");
  }
}
