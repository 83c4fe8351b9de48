package org.meditwin.notes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.core.domain.Patient;
import org.meditwin.core.domain.PatientId;
import org.meditwin.core.domain.Sex;
import org.meditwin.core.service.UserSession;
import org.meditwin.soap.NoteTemplate;
import org.meditwin.store.EmbeddedWorkstation;

class NotePdfTest {
  @TempDir Path dir;

  private static String text(byte[] pdf) throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(doc);
    }
  }

  @Test
  void exportedPdfCarriesHeaderPatientSectionsHearingFieldsAudiogramApprovalAndSignature()
      throws IOException {
    try (EmbeddedWorkstation ws = NoteFixture.open(dir.resolve("data"));
        UserSession s = NoteFixture.initialise(ws)) {
      Patient p = NoteFixture.patient(s, "Grace", "Hopper", "MRN-7781");
      NoteService notes = NoteService.of(s);
      notes.setPracticeHeader(new PracticeHeader("Harbour Hearing Clinic", "1 Quay Street"));
      NoteId id =
          notes
              .createDraft(
                  p.id().value(),
                  Optional.empty(),
                  NoteFixture.TRANSCRIPT,
                  NoteFixture.hearingDraft("Reports ringing in the left ear for two weeks."))
              .id();
      notes.approve(id);
      notes.amend(
          id, "Laterality corrected", NoteFixture.hearingDraft("Ringing in the right ear."));
      Path target = notes.exportPdf(id, dir.resolve("note.pdf"));

      String text = text(Files.readAllBytes(target));
      assertThat(text)
          .contains("Harbour Hearing Clinic", "1 Quay Street")
          .contains("SOAP note — Hearing care")
          .contains("Hopper, Grace", "1958-07-14", "MRN-7781")
          .contains("Subjective", "Objective", "Assessment", "Plan")
          .contains("Ringing in the right ear.")
          .contains("Otoscopy clear bilaterally.", "Review in six weeks.")
          .contains("Tinnitus", "left, two weeks", "Vertigo", "denies")
          .contains("Audiogram (dB HL)", "Right air", "Left bone", "8000")
          .contains("Approved by Dr Ada Lovelace")
          .contains("Amendment 1", "Reason: Laterality corrected")
          .contains("Signature", "Electronically approved by Dr Ada Lovelace")
          .contains("page 1 of");
      try (var files = Files.list(dir)) {
        assertThat(files.map(f -> f.getFileName().toString()))
            .as("no temporary file left next to the export")
            .containsExactlyInAnyOrder("data", "note.pdf");
      }
    }
  }

  @Test
  void draftsPrintAsNotApproved() throws IOException {
    SoapNote note = note(NoteStatus.DRAFT);
    String text =
        text(
            NotePdf.render(
                PracticeHeader.standard(),
                note,
                Optional.of(patient("Ana", "Núñez")),
                NotePdf.Fonts.system(),
                ZoneOffset.UTC));
    assertThat(text)
        .contains("DRAFT — not approved by a clinician")
        .contains("Not approved")
        .contains("Núñez, Ana")
        .contains("2026-03-02 09:00 Z");
  }

  @Test
  void longNotesFlowOntoFurtherPagesAndNonLatinNamesPrint() throws IOException {
    SoapNote base = note(NoteStatus.DRAFT);
    var sentences = new java.util.ArrayList<>(base.draft().sentences());
    for (int i = 0; i < 120; i++) {
      sentences.add(
          new org.meditwin.soap.DraftSentence(
              org.meditwin.soap.Section.PLAN,
              "Plan item " + i + ": continue counselling and review amplification settings.",
              List.of()));
    }
    var d = base.draft();
    var longDraft =
        new org.meditwin.soap.SoapDraft(
            d.template(),
            sentences,
            d.fields(),
            d.audiogram(),
            d.checks(),
            d.missingFields(),
            d.aiApproved(),
            d.issues(),
            d.engine());
    SoapNote note =
        new SoapNote(
            base.id(),
            base.patientId(),
            Optional.empty(),
            NoteTemplate.HEARING,
            "",
            longDraft,
            NoteStatus.DRAFT,
            base.created(),
            base.updated(),
            Optional.empty(),
            List.of(),
            1);
    boolean cjk = Files.isReadable(NotePdf.Fonts.system().fallbacks().get(1));
    String family = cjk ? "王" : "Ivanova";
    byte[] pdf =
        NotePdf.render(
            PracticeHeader.standard(),
            note,
            Optional.of(patient("Lan", family)),
            NotePdf.Fonts.system(),
            ZoneOffset.UTC);
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      assertThat(doc.getNumberOfPages()).isGreaterThan(2);
      String text = new PDFTextStripper().getText(doc);
      assertThat(text).contains("Plan item 119:").contains(family + ", Lan");
      assertThat(text).contains("page " + doc.getNumberOfPages() + " of " + doc.getNumberOfPages());
    }
  }

  @Test
  void aMissingFontIsAClearErrorNamingTheDebianPackage() {
    NotePdf.Fonts missing =
        new NotePdf.Fonts(
            dir.resolve("DejaVuSans.ttf"), dir.resolve("DejaVuSans-Bold.ttf"), List.of());
    assertThatThrownBy(
            () ->
                NotePdf.render(
                    PracticeHeader.standard(),
                    note(NoteStatus.DRAFT),
                    Optional.empty(),
                    missing,
                    ZoneOffset.UTC))
        .isInstanceOf(PdfExportException.class)
        .hasMessageContaining("fonts-dejavu-core");
  }

  static Patient patient(String given, String family) {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    return new Patient(
        PatientId.random(),
        "MRN-9",
        given,
        family,
        Optional.of(LocalDate.of(1970, 1, 2)),
        Sex.UNKNOWN,
        "",
        "",
        "",
        "",
        false,
        t,
        t);
  }

  static SoapNote note(NoteStatus status) {
    Instant t = Instant.parse("2026-03-02T09:00:00Z");
    return new SoapNote(
        NoteId.random(),
        "p1",
        Optional.empty(),
        NoteTemplate.HEARING,
        NoteFixture.TRANSCRIPT,
        NoteFixture.hearingDraft("Ringing in the left ear."),
        status,
        t,
        t,
        Optional.empty(),
        List.of(),
        1);
  }
}
