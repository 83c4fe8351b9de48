package org.meditwin.imaging.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.core.domain.AuditAction;
import org.meditwin.core.domain.AuditEvent;
import org.meditwin.core.domain.Patient;
import org.meditwin.core.domain.Sex;
import org.meditwin.core.service.AuditLog;
import org.meditwin.core.service.PatientService.PatientInput;
import org.meditwin.core.service.UserSession;
import org.meditwin.imaging.render.PngWriter;
import org.meditwin.imaging.render.RenderedImage;
import org.meditwin.store.EmbeddedWorkstation;
import org.meditwin.testsupport.MutableClock;

/** Reports on a real encrypted workstation: draft, sign (immutable), amend, PDF. */
class ReportServiceTest {
  static final char[] PASSWORD = "admin-password-1".toCharArray();
  static final String STUDY = "1.2.826.0.1.3680043.8.498.1";

  @TempDir Path dir;
  final MutableClock clock = MutableClock.startingAt("2026-11-22T05:00:00Z");

  private EmbeddedWorkstation open() {
    return EmbeddedWorkstation.open(
        dir.resolve("data"), EmbeddedWorkstation.Options.fastKdfForTests(clock));
  }

  private static Patient patient(UserSession s) {
    return s.patients()
        .create(
            new PatientInput(
                "MRN-7",
                "Ada",
                "Quillfeather",
                Optional.of(LocalDate.of(1961, 2, 3)),
                Sex.FEMALE,
                "",
                "",
                "",
                ""));
  }

  private static byte[] png() throws Exception {
    int[] rgb = new int[32 * 24];
    for (int i = 0; i < rgb.length; i++) {
      rgb[i] = ((i % 32) * 8) << 16;
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    PngWriter.write(new RenderedImage(32, 24, true, rgb), out);
    return out.toByteArray();
  }

  @Test
  void signedReportsAreImmutableAndAmendmentsKeepHistory() throws Exception {
    try (EmbeddedWorkstation ws = open();
        UserSession s = ws.initialise("admin", "Dr Ada Lovelace", PASSWORD.clone())) {
      Patient p = patient(s);
      ReportService reports = ReportService.of(s);
      ReportContent draft =
          ReportDrafter.templateDraft(ReportTemplate.CHEST_RADIOGRAPH, ReportDrafterTest.FACTS);
      ImagingReport r =
          reports.create(
              p.id().value(),
              STUDY,
              Optional.empty(),
              draft,
              ReportDrafterTest.FACTS,
              Optional.of(png()));
      assertThat(r.status()).isEqualTo(ImagingReport.Status.DRAFT);
      assertThat(r.recordId()).isEqualTo("imaging:" + r.id());

      ReportContent edited = draft.with(ReportSection.IMPRESSION, "Right-sided pneumonia.");
      r = reports.saveDraft(r.id(), edited, ReportDrafterTest.FACTS, Optional.empty());
      assertThat(r.content().impression()).isEqualTo("Right-sided pneumonia.");
      assertThat(r.keyImagePng()).isPresent();

      ImagingReport signed = reports.sign(r.id());
      assertThat(signed.isSigned()).isTrue();
      assertThat(signed.signature().orElseThrow().signerName()).isEqualTo("Dr Ada Lovelace");
      assertThat(signed.signature().orElseThrow().content()).isEqualTo(edited);
      String id = r.id();
      assertThatThrownBy(
              () -> reports.saveDraft(id, draft, ReportDrafterTest.FACTS, Optional.empty()))
          .isInstanceOf(ReportLockedException.class);
      assertThatThrownBy(() -> reports.sign(id)).isInstanceOf(ReportLockedException.class);
      assertThatThrownBy(() -> reports.amend(id, " ", draft))
          .isInstanceOf(IllegalArgumentException.class);

      ReportContent amended = edited.with(ReportSection.IMPRESSION, "Right lower lobe pneumonia.");
      ImagingReport a = reports.amend(id, "laterality clarified", amended);
      assertThat(a.content()).isEqualTo(amended);
      assertThat(a.signature().orElseThrow().content()).isEqualTo(edited);
      assertThat(a.amendments())
          .singleElement()
          .satisfies(
              x -> {
                assertThat(x.seq()).isEqualTo(1);
                assertThat(x.reason()).isEqualTo("laterality clarified");
                assertThat(x.authorName()).isEqualTo("Dr Ada Lovelace");
              });
      assertThat(reports.forPatient(p.id().value()))
          .extracting(ImagingReport::id)
          .containsExactly(id);
      assertThat(reports.forStudy(STUDY)).hasSize(1);

      List<AuditAction> actions =
          s.audit().find(AuditLog.Filter.all(), 50).stream()
              .filter(e -> e.targetType().equals("imaging-report"))
              .map(AuditEvent::action)
              .toList();
      assertThat(actions)
          .contains(
              AuditAction.PHI_CREATE,
              AuditAction.PHI_UPDATE,
              AuditAction.PHI_APPROVE,
              AuditAction.PHI_AMEND);
    }
    // reopened: signed content and amendment survive
    try (EmbeddedWorkstation ws = open();
        UserSession s = ws.login("admin", PASSWORD.clone())) {
      ImagingReport r = ReportService.of(s).forStudy(STUDY).getFirst();
      assertThat(r.isSigned()).isTrue();
      assertThat(r.amendments()).hasSize(1);
      assertThat(r.findings()).isEqualTo(ReportDrafterTest.FACTS);
    }
  }

  @Test
  void exportsAPdfWithKeyImageFindingsTableImpressionAndSigner() throws Exception {
    try (EmbeddedWorkstation ws = open();
        UserSession s = ws.initialise("admin", "Dr Ada Lovelace", PASSWORD.clone())) {
      Patient p = patient(s);
      ReportService reports = ReportService.of(s);
      ReportContent draft =
          ReportDrafter.templateDraft(ReportTemplate.CHEST_RADIOGRAPH, ReportDrafterTest.FACTS);
      ImagingReport r =
          reports.create(
              p.id().value(),
              STUDY,
              Optional.empty(),
              draft,
              ReportDrafterTest.FACTS,
              Optional.of(png()));
      reports.sign(r.id());
      Path out = dir.resolve("out/report.pdf");
      reports.exportPdf(r.id(), "Quillfeather, Ada (MRN-7)", ZoneOffset.UTC, out);
      try (PDDocument doc = Loader.loadPDF(out.toFile())) {
        String text = new PDFTextStripper().getText(doc);
        assertThat(text)
            .contains("Chest radiograph report")
            .contains("Quillfeather, Ada (MRN-7)")
            .contains("Technique")
            .contains("125 kVp")
            .contains("Findings table")
            .contains("right upper lobe nodule")
            .contains("12.3 mm")
            .contains("pneumonia")
            .contains("87 %")
            .contains("Impression")
            .contains("Signed by Dr Ada Lovelace on 2026-11-22");
        assertThat(doc.getPage(0).getResources().getXObjectNames()).isNotEmpty();
      }
      assertThat(
              s.audit().find(AuditLog.Filter.all(), 5).stream()
                  .anyMatch(e -> e.action() == AuditAction.EXPORT))
          .isTrue();
    }
  }

  @Test
  void refusesReportsForUnknownPatients() {
    try (EmbeddedWorkstation ws = open();
        UserSession s = ws.initialise("admin", "Dr Ada", PASSWORD.clone())) {
      ReportContent c = new ReportContent(ReportTemplate.GENERIC, "", "", "");
      assertThatThrownBy(
              () ->
                  ReportService.of(s)
                      .create(
                          "nobody",
                          STUDY,
                          Optional.empty(),
                          c,
                          ReportDrafterTest.FACTS,
                          Optional.empty()))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
