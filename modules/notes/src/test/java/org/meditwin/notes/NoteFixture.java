package org.meditwin.notes;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.meditwin.core.domain.Patient;
import org.meditwin.core.domain.Sex;
import org.meditwin.core.service.PatientService.PatientInput;
import org.meditwin.core.service.UserSession;
import org.meditwin.soap.Audiogram;
import org.meditwin.soap.DraftSentence;
import org.meditwin.soap.NoteTemplate;
import org.meditwin.soap.Section;
import org.meditwin.soap.SentenceCheck;
import org.meditwin.soap.SoapDraft;
import org.meditwin.soap.SourceSpan;
import org.meditwin.soap.Verdict;
import org.meditwin.store.EmbeddedWorkstation;

/** A real encrypted workstation in a temporary directory, a patient, and a hearing-care note. */
final class NoteFixture {
  static final String ADMIN = "admin";
  static final char[] PASSWORD = "admin-password-1".toCharArray();

  /** A word that must never appear in plaintext on disk. */
  static final String MARKER = "Zyxwortle";

  static final String TRANSCRIPT =
      "Doctor: What brings you in? Patient: I have had ringing in my left ear for two weeks,"
          + " since the "
          + MARKER
          + " concert. Doctor: Any dizziness? Patient: No.";

  private NoteFixture() {}

  static EmbeddedWorkstation open(Path dir) {
    return EmbeddedWorkstation.open(
        dir, EmbeddedWorkstation.Options.fastKdfForTests(new TickingClock("2026-03-02T09:00:00Z")));
  }

  static UserSession initialise(EmbeddedWorkstation ws) {
    return ws.initialise(ADMIN, "Dr Ada Lovelace", PASSWORD.clone());
  }

  static UserSession login(EmbeddedWorkstation ws) {
    return ws.login(ADMIN, PASSWORD.clone());
  }

  static Patient patient(UserSession s, String given, String family, String mrn) {
    return s.patients()
        .create(
            new PatientInput(
                mrn,
                given,
                family,
                Optional.of(LocalDate.of(1958, 7, 14)),
                Sex.FEMALE,
                "",
                "",
                "",
                ""));
  }

  static SoapDraft hearingDraft(String subjective) {
    int start = TRANSCRIPT.indexOf("I have had");
    int end = TRANSCRIPT.indexOf(" Doctor: Any");
    return new SoapDraft(
        NoteTemplate.HEARING,
        List.of(
            new DraftSentence(
                Section.SUBJECTIVE,
                subjective,
                List.of(new SourceSpan(start, end)),
                Optional.of("tinnitus")),
            new DraftSentence(Section.OBJECTIVE, "Otoscopy clear bilaterally.", List.of()),
            new DraftSentence(
                Section.ASSESSMENT, "Mild sensorineural hearing loss, left.", List.of()),
            new DraftSentence(Section.PLAN, "Review in six weeks.", List.of())),
        Map.of("tinnitus", "left, two weeks", "vertigo", "denies", "laterality", "left"),
        Optional.of(
            new Audiogram(
                Map.of("250", 15, "500", 15, "1000", 20, "2000", 20, "4000", 25, "8000", 30),
                Map.of("250", 20, "500", 25, "1000", 35, "2000", 40, "4000", 55, "8000", 60),
                Map.of("500", 10, "1000", 15, "2000", 20),
                Map.of("500", 20, "1000", 30, "2000", 35))),
        List.of(
            new SentenceCheck(0, Verdict.SUPPORTED, "supported by the transcript"),
            new SentenceCheck(1, Verdict.UNSUPPORTED, "not stated in the transcript")),
        List.of("otoscopy", "followUp"),
        false,
        List.of("1 sentence unsupported"),
        "test");
  }
}
