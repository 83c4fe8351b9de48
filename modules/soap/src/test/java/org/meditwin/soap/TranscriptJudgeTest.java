package org.meditwin.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TranscriptJudgeTest {
  private static SoapPipeline pipeline;
  private static final String T = Transcripts.hearingVisit();

  @BeforeAll
  static void load() {
    pipeline = SoapPipeline.rulesOnly();
  }

  @AfterAll
  static void close() {
    pipeline.close();
  }

  private static SentenceCheck judge(String sentence) {
    return pipeline
        .validate(
            T,
            List.of(new DraftSentence(Section.SUBJECTIVE, sentence, List.of(), Optional.empty())))
        .get(0);
  }

  @Test
  void supportsWhatTheTranscriptSays() {
    assertThat(judge("Denies dizziness.").verdict()).isEqualTo(Verdict.SUPPORTED);
    assertThat(judge("Worked in a sawmill for 20 years without ear protection.").verdict())
        .isEqualTo(Verdict.SUPPORTED);
    assertThat(judge("Tympanogram type A in both ears.").verdict()).isEqualTo(Verdict.SUPPORTED);
  }

  @Test
  void negationMismatchIsAContradiction() {
    SentenceCheck c = judge("Reports dizziness and spinning.");
    assertThat(c.verdict()).isEqualTo(Verdict.CONTRADICTED);
    assertThat(c.reason()).contains("negation");
    assertThat(judge("Denies exposure to loud noise.").verdict()).isEqualTo(Verdict.CONTRADICTED);
  }

  @Test
  void lateralityMismatchIsAContradiction() {
    SentenceCheck c = judge("Reports ringing in the right ear for two weeks.");
    assertThat(c.verdict()).isEqualTo(Verdict.CONTRADICTED);
    assertThat(c.reason()).contains("laterality");
  }

  @Test
  void numberMismatchIsAContradiction() {
    SentenceCheck c = judge("Reports ringing in the left ear for 3 weeks.");
    assertThat(c.verdict()).isEqualTo(Verdict.CONTRADICTED);
    assertThat(c.reason()).contains("number");
  }

  @Test
  void inventedContentIsUnsupported() {
    assertThat(judge("Has a history of type 2 diabetes treated with metformin.").verdict())
        .isEqualTo(Verdict.UNSUPPORTED);
  }

  @Test
  void editedThresholdNoLongerMatchesTheTranscript() {
    SoapDraft d = pipeline.draft(T, NoteTemplate.HEARING);
    DraftSentence audiogram =
        d.sentences().stream()
            .filter(s -> s.text().startsWith("Audiogram thresholds"))
            .findFirst()
            .orElseThrow();
    DraftSentence edited = audiogram.withText(audiogram.text().replace("2000 Hz 50", "2000 Hz 35"));
    assertThat(pipeline.validate(T, List.of(audiogram, edited)))
        .extracting(SentenceCheck::verdict)
        .containsExactly(Verdict.SUPPORTED, Verdict.CONTRADICTED);
  }

  @Test
  void allDraftSentencesOfTheSyntheticVisitAreSupported() {
    SoapDraft d = pipeline.draft(T, NoteTemplate.HEARING);
    assertThat(d.checks())
        .allSatisfy(
            c ->
                assertThat(c.verdict())
                    .as(d.sentences().get(c.index()).text() + " " + c.reason())
                    .isEqualTo(Verdict.SUPPORTED));
    assertThat(d.aiApproved()).isTrue();
  }
}
