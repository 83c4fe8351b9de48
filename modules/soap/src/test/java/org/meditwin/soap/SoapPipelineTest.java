package org.meditwin.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SoapPipelineTest {
  private static SoapPipeline pipeline;

  @BeforeAll
  static void load() {
    pipeline = SoapPipeline.rulesOnly();
  }

  @AfterAll
  static void close() {
    pipeline.close();
  }

  @Test
  void draftCitesTranscriptSpans() {
    String t = Transcripts.hearingVisit();
    SoapDraft d = pipeline.draft(t, NoteTemplate.HEARING);
    assertThat(d.sentences()).isNotEmpty();
    for (DraftSentence s : d.sentences()) {
      assertThat(s.sources()).as(s.text()).isNotEmpty();
      for (SourceSpan sp : s.sources()) {
        assertThat(sp.end()).isLessThanOrEqualTo(t.length());
        assertThat(t.substring(sp.start(), sp.end())).isNotBlank();
      }
    }
    assertThat(d.checks()).hasSameSizeAs(d.sentences());
  }

  @Test
  void rewritesReportedSpeechToThirdPerson() {
    String t =
        "Doctor: What brings you in?\nPatient: I have had ringing in my left ear for two weeks.\n";
    SoapDraft d = pipeline.draft(t, NoteTemplate.GENERAL);
    assertThat(d.section(Section.SUBJECTIVE))
        .contains("Reports ringing in the left ear for two weeks.");
    DraftSentence s = d.sentences().get(0);
    assertThat(t.substring(s.sources().get(0).start(), s.sources().get(0).end()))
        .isEqualTo("I have had ringing in my left ear for two weeks.");
  }

  @Test
  void foldsYesNoAnswersIntoTheQuestion() {
    String t =
        "Doctor: Any dizziness or spinning?\nPatient: No, none at all.\nDoctor: Do you wear hearing aids?\nPatient: Yes.\n";
    SoapDraft d = pipeline.draft(t, NoteTemplate.GENERAL);
    assertThat(d.section(Section.SUBJECTIVE))
        .contains("Denies dizziness or spinning")
        .contains("Wears hearing aids.");
    assertThat(d.sentences().get(0).sources()).hasSize(2);
    assertThat(d.aiApproved()).isTrue();
  }

  @Test
  void hearingTemplateFillsStatedFields() {
    SoapDraft d = pipeline.draft(Transcripts.hearingVisit(), NoteTemplate.HEARING);
    Map<String, String> f = d.fields();
    assertThat(f.get("laterality")).isEqualTo("left");
    assertThat(f.get("tinnitus")).contains("ringing");
    assertThat(f.get("vertigo")).startsWith("Denies");
    assertThat(f.get("noiseExposure")).contains("sawmill");
    assertThat(f.get("otoscopy")).contains("canals");
    assertThat(f.get("tympanometry")).contains("type A");
    assertThat(f.get("speech"))
        .contains("SRT right 35 dB HL, left 40 dB HL")
        .contains("WRS right 88%, left 80%");
    assertThat(f.get("hearingLossType")).contains("sensorineural");
    assertThat(f.get("hearingLossDegree")).contains("moderate");
    assertThat(f.get("hearingAids")).contains("hearing aids");
    assertThat(f.get("referral")).contains("ENT");
    assertThat(f.get("followUp")).contains("four weeks");
    assertThat(d.audiogram()).isPresent();
    assertThat(d.audiogram().get().rightAir()).containsEntry("2000", 50).containsEntry("8000", 65);
    assertThat(d.audiogram().get().leftAir()).containsEntry("250", 30).hasSize(6);
    assertThat(d.missingFields()).isEmpty();
  }

  @Test
  void hearingTemplateTakesTheStatedDegreeWhenNoAudiogramGivesIt() {
    String t =
        "Doctor: What brings you in today?\n"
            + "Patient: I have had ringing in my left ear for about two weeks.\n"
            + "Doctor: Your audiogram shows a mild sensorineural hearing loss in the left ear.\n";
    SoapDraft d = pipeline.draft(t, NoteTemplate.HEARING);
    assertThat(d.fields().get("hearingLossType")).contains("sensorineural");
    assertThat(d.fields().get("hearingLossDegree")).isEqualTo("left mild");
    assertThat(d.missingFields()).doesNotContain("hearingLossDegree");
    // nothing stated, nothing invented
    SoapDraft none =
        pipeline.draft(
            "Doctor: What brings you in?\nPatient: Ringing in my left ear.\n",
            NoteTemplate.HEARING);
    assertThat(none.fields()).doesNotContainKey("hearingLossDegree");
  }

  @Test
  void sortsResultsIntoObjectiveAndPlanWhoeverClassifies() {
    SoapDraft d = pipeline.draft(Transcripts.hearingVisit(), NoteTemplate.HEARING);
    assertThat(d.section(Section.OBJECTIVE))
        .contains("ear canals are clear")
        .contains("Audiogram thresholds");
    assertThat(d.section(Section.PLAN))
        .contains("refer the patient to ENT")
        .contains("Follow up in four weeks");
  }

  @Test
  void missingFieldsListsEmptyRequiredFieldsOnly() {
    List<String> missing =
        pipeline.missingFields(NoteTemplate.HEARING, Map.of("chiefComplaint", "x", "onset", " "));
    assertThat(missing)
        .contains("onset", "audiogram", "followUp")
        .doesNotContain("chiefComplaint", "tympanometry");
  }

  @Test
  void validateFlagsAnEditedContradiction() {
    String t = Transcripts.hearingVisit();
    List<SentenceCheck> checks =
        pipeline.validate(
            t,
            List.of(
                new DraftSentence(
                    Section.SUBJECTIVE,
                    "Reports ringing in the right ear for two weeks.",
                    List.of()),
                new DraftSentence(
                    Section.SUBJECTIVE,
                    "Reports ringing in the left ear for two weeks.",
                    List.of())));
    assertThat(checks.get(0).verdict()).isEqualTo(Verdict.CONTRADICTED);
    assertThat(checks.get(0).reason()).contains("laterality");
    assertThat(checks.get(1).verdict()).isEqualTo(Verdict.SUPPORTED);
  }

  @Test
  void aiApprovalIsWithheldWhenASentenceIsUnsupported() {
    SoapDraft d = pipeline.draft(Transcripts.hearingVisit(), NoteTemplate.HEARING);
    List<DraftSentence> edited = new java.util.ArrayList<>(d.sentences());
    edited.add(
        new DraftSentence(
            Section.PLAN,
            "Start amoxicillin 500 mg three times daily.",
            List.of(),
            Optional.empty()));
    List<SentenceCheck> checks = pipeline.validate(Transcripts.hearingVisit(), edited);
    assertThat(checks.get(checks.size() - 1).verdict()).isNotEqualTo(Verdict.SUPPORTED);
  }

  @Test
  void refusesAnEmptyTranscriptWithAClearMessage() {
    assertThatThrownBy(() -> pipeline.draft("   \n ", NoteTemplate.GENERAL))
        .isInstanceOf(TranscriptException.class)
        .hasMessageContaining("empty");
  }

  @Test
  void flagsSuddenHearingLossAsAnIssue() {
    String t =
        "Doctor: What happened?\nPatient: I woke up yesterday and suddenly lost my hearing in my right ear.\n";
    SoapDraft d = pipeline.draft(t, NoteTemplate.HEARING);
    assertThat(d.issues())
        .anyMatch(
            i ->
                i.startsWith("red flag (")
                    && i.toLowerCase(java.util.Locale.ROOT).contains("hearing"));
  }

  @Test
  void aGradualHearingVisitRaisesNoRedFlag() {
    SoapDraft d = pipeline.draft(Transcripts.hearingVisit(), NoteTemplate.HEARING);
    assertThat(d.issues()).noneMatch(i -> i.startsWith("red flag"));
  }

  @Test
  void mergesRepeatedStatementsKeepingBothSources() {
    String t =
        "Doctor: What brings you in?\nPatient: I have had ringing in my left ear for two weeks.\n"
            + "Doctor: Okay.\nPatient: Yeah, I have had ringing in my left ear for two weeks now.\n";
    SoapDraft d = pipeline.draft(t, NoteTemplate.GENERAL);
    List<DraftSentence> ringing =
        d.sentences().stream().filter(s -> s.text().contains("ringing")).toList();
    assertThat(ringing).hasSize(1);
    assertThat(ringing.get(0).sources()).hasSize(2);
  }

  @Test
  void listsMentionedMedicationsWithTheirSources() {
    String t =
        "Doctor: Are you taking anything?\nPatient: I take lisinopril 20 mg every morning and metformin.\n";
    SoapDraft d = pipeline.draft(t, NoteTemplate.GENERAL);
    DraftSentence meds =
        d.sentences().stream()
            .filter(
                s ->
                    s.fieldKey().equals(Optional.of("medications"))
                        && s.text().startsWith("Medications mentioned"))
            .findFirst()
            .orElseThrow();
    assertThat(meds.text()).contains("lisinopril").contains("metformin");
    assertThat(meds.sources())
        .allSatisfy(
            sp ->
                assertThat(t.substring(sp.start(), sp.end()).toLowerCase(java.util.Locale.ROOT))
                    .isIn("lisinopril", "lisinopril 20 mg", "metformin"));
  }
}
