package org.meditwin.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.core.domain.AuditAction;
import org.meditwin.core.service.AuditLog;
import org.meditwin.documents.bench.SyntheticDocuments;
import org.meditwin.record.EventFilter;
import org.meditwin.record.Provenance;
import org.meditwin.record.TimelineService;

/** The whole pipeline on a real encrypted workstation with real PDFBox and real Tesseract. */
class DocumentServiceTest {
  @TempDir Path dir;

  static byte[] letterPdf() {
    return SyntheticDocuments.bornDigitalPdf(SyntheticDocuments.letterPages(2));
  }

  @Test
  void bornDigitalPdfIsExtractedAndProposesEventsWithProvenanceAndAssertion() {
    try (Fixture f = Fixture.create(dir)) {
      DocumentSummary d = f.importAndWait("referral.pdf", letterPdf());
      assertThat(d.status()).isEqualTo(DocumentStatus.DONE);
      assertThat(d.pages()).isEqualTo(2);
      assertThat(d.ocrPages()).isZero();
      assertThat(d.format()).isEqualTo(DocumentFormat.PDF);

      List<DocumentPage> pages = f.docs.pages(d.id());
      List<ProposedEvent> events = f.docs.proposals(d.id());
      ProposedEvent loss =
          events.stream()
              .filter(e -> e.title().equalsIgnoreCase("sensorineural hearing loss"))
              .findFirst()
              .orElseThrow();
      assertThat(loss.type()).isEqualTo(ProposedEventType.DIAGNOSIS);
      assertThat(loss.laterality()).isEqualTo(Side.LEFT);
      assertThat(loss.severity()).contains("moderate");
      assertThat(loss.date()).isEqualTo(LocalDate.of(2024, 3, 14));
      assertThat(loss.page()).isEqualTo(1);
      assertThat(pages.getFirst().text().substring(loss.start(), loss.end()))
          .isEqualToIgnoringCase("sensorineural hearing loss");
      assertThat(loss.status()).isEqualTo(ProposalStatus.PROPOSED);

      // negated ("Denies ear pain") and family history propose nothing, but are highlighted
      assertThat(events).noneMatch(e -> e.title().equalsIgnoreCase("ear pain"));
      List<DocumentEntity> entities = f.docs.entities(d.id());
      assertThat(entities)
          .anyMatch(
              e ->
                  e.negated()
                      && pages
                          .get(e.page() - 1)
                          .text()
                          .substring(e.start(), e.end())
                          .equalsIgnoreCase("ear pain"));
      // page 2: the procedure dated in its own sentence
      ProposedEvent myringotomy =
          events.stream()
              .filter(e -> e.title().toLowerCase().contains("myringotomy"))
              .findFirst()
              .orElseThrow();
      assertThat(myringotomy.page()).isEqualTo(2);
      assertThat(myringotomy.date()).isEqualTo(LocalDate.of(2023, 11, 3));
      assertThat(myringotomy.dateSource()).isEqualTo(DateSource.SENTENCE);
      ProposedEvent metformin =
          events.stream()
              .filter(e -> e.title().toLowerCase().startsWith("metformin"))
              .findFirst()
              .orElseThrow();
      assertThat(metformin.type()).isEqualTo(ProposedEventType.MEDICATION);
      assertThat(metformin.title()).contains("500 mg");
    }
  }

  @Test
  void importIsAuditedAndAByteIdenticalFileIsADuplicateForTheSamePatient() {
    try (Fixture f = Fixture.create(dir)) {
      byte[] pdf = letterPdf();
      DocumentSummary first = f.importAndWait("a.pdf", pdf);
      ImportOutcome again = f.docs.importBytes(f.patientId, "renamed.pdf", pdf);
      assertThat(again.duplicate()).isTrue();
      assertThat(again.document().orElseThrow().id()).isEqualTo(first.id());
      assertThat(f.docs.documents(f.patientId)).hasSize(1);
      assertThat(first.sha256()).isEqualTo(DocumentService.sha256(pdf));
      assertThat(f.session.audit().find(AuditLog.Filter.all(), 50))
          .anyMatch(e -> e.action() == AuditAction.PHI_IMPORT && e.targetId().equals(first.id()));
      assertThat(f.docs.original(first.id())).isEqualTo(pdf);
    }
  }

  @Test
  void scannedImageIsOcrdAndNoTextReachesTheDiskInPlaintext() {
    try (Fixture f = Fixture.create(dir)) {
      byte[] digital = letterPdf();
      BufferedImage scan = SyntheticDocuments.scan(digital, 300, true, 3).getFirst();
      DocumentSummary d = f.importAndWait("scan.png", SyntheticDocuments.encode(scan, "png"));
      assertThat(d.status()).isEqualTo(DocumentStatus.DONE);
      assertThat(d.ocrPages()).isEqualTo(1);
      DocumentPage page = f.docs.pages(d.id()).getFirst();
      assertThat(page.method()).isEqualTo(ExtractionMethod.OCR);
      assertThat(page.text()).contains("sensorineural");
      assertThat(page.boxes()).isNotEmpty();
      assertThat(f.docs.proposals(d.id()))
          .anyMatch(e -> e.title().equalsIgnoreCase("sensorineural hearing loss"));
      assertThat(f.docs.pageImage(d.id(), 1, 72).getWidth()).isEqualTo(scan.getWidth());
      f.session.clinicalStore().write(tx -> null); // flush
      assertThat(f.filesContaining("sensorineural")).isEmpty();
      assertThat(f.filesContaining("Quillfeather")).isEmpty();
    }
  }

  @Test
  void jobStatusPersistsAcrossRestartAndAnInterruptedJobIsResumed() {
    String patient;
    String done;
    String interrupted;
    String poisoned;
    try (Fixture f = Fixture.create(dir)) {
      patient = f.patientId;
      done = f.importAndWait("a.pdf", letterPdf()).id();
      // two more documents whose processing "was running when the application stopped"
      f.docs.close();
      f.docs = null;
      DocumentService idle = DocumentService.open(f.session, Fixture.options());
      idle.close(); // closed before it starts anything: imports below stay PENDING
      f.docs = DocumentService.open(f.session, Fixture.options());
      f.docs.close();
      interrupted =
          storeAsProcessing(
              f, "b.pdf", SyntheticDocuments.bornDigitalPdf(SyntheticDocuments.letterPages(1)), 1);
      poisoned =
          storeAsProcessing(
              f,
              "c.pdf",
              SyntheticDocuments.bornDigitalPdf(SyntheticDocuments.letterPages(3)),
              DocumentService.MAX_ATTEMPTS);
      f.docs = null;
    }
    try (Fixture f = Fixture.reopen(dir, patient)) {
      assertThat(f.docs.document(done).orElseThrow().status()).isEqualTo(DocumentStatus.DONE);
      assertThat(f.docs.resumePending()).isEqualTo(1);
      DocumentSummary resumed = f.docs.awaitCompletion(interrupted);
      assertThat(resumed.status()).isEqualTo(DocumentStatus.DONE);
      assertThat(resumed.attempts()).isEqualTo(2);
      DocumentSummary gaveUp = f.docs.document(poisoned).orElseThrow();
      assertThat(gaveUp.status()).isEqualTo(DocumentStatus.FAILED);
      assertThat(gaveUp.failure()).contains(FailureReason.INTERRUPTED);
      f.docs.retry(poisoned);
      assertThat(f.docs.awaitCompletion(poisoned).status()).isEqualTo(DocumentStatus.DONE);
    }
  }

  /** Writes a document row as a crashed worker would leave it. */
  private static String storeAsProcessing(Fixture f, String name, byte[] pdf, int attempts) {
    String id = java.util.UUID.randomUUID().toString();
    f.session
        .clinicalStore()
        .write(
            tx -> {
              DocumentRepository.insert(
                  tx,
                  new DocumentSummary(
                      id,
                      f.patientId,
                      name,
                      DocumentFormat.PDF,
                      pdf.length,
                      DocumentService.sha256(pdf),
                      DocumentStatus.PENDING,
                      Optional.empty(),
                      Optional.empty(),
                      0,
                      0,
                      0,
                      0,
                      tx.now(),
                      tx.now()),
                  pdf);
              for (int i = 0; i < attempts; i++) {
                DocumentRepository.setStatus(
                    tx, id, DocumentStatus.PROCESSING, Optional.empty(), Optional.empty(), true);
              }
              return null;
            });
    return id;
  }

  @Test
  void confirmedProposalsReachTheTimelineWithDocumentProvenanceAndRejectedOnesDoNot() {
    try (Fixture f = Fixture.create(dir)) {
      DocumentSummary d = f.importAndWait("a.pdf", letterPdf());
      List<ProposedEvent> events = f.docs.proposals(d.id());
      ProposedEvent loss =
          events.stream()
              .filter(e -> e.title().equalsIgnoreCase("sensorineural hearing loss"))
              .findFirst()
              .orElseThrow();
      ProposedEvent other = events.stream().filter(e -> e != loss).findFirst().orElseThrow();

      ProposalEdit edit =
          new ProposalEdit(
              loss.type(),
              "Asymmetric sensorineural hearing loss",
              LocalDate.of(2024, 3, 15),
              Optional.of("ear"),
              Side.LEFT,
              Optional.of("moderate"));
      ProposedEvent confirmed = f.docs.confirm(loss.id(), Optional.of(edit));
      assertThat(confirmed.status()).isEqualTo(ProposalStatus.CONFIRMED);
      assertThat(confirmed.dateSource()).isEqualTo(DateSource.EDITED);
      ProposedEvent rejected = f.docs.reject(other.id());
      assertThat(rejected.status()).isEqualTo(ProposalStatus.REJECTED);
      assertThatThrownBy(() -> f.docs.confirm(other.id(), Optional.empty()))
          .isInstanceOf(IllegalStateException.class);

      var timeline = TimelineService.of(f.session).find(f.patientId, EventFilter.all());
      assertThat(timeline).hasSize(1);
      var event = timeline.getFirst();
      assertThat(event.id()).isEqualTo(confirmed.timelineEventId().orElseThrow());
      assertThat(event.title()).isEqualTo("Asymmetric sensorineural hearing loss");
      assertThat(event.date()).isEqualTo(LocalDate.of(2024, 3, 15));
      assertThat(event.provenance())
          .isEqualTo(Provenance.document(d.id(), loss.page(), loss.start(), loss.end()));
    }
  }

  @Test
  void cancellingAQueuedJobFailsItAsCancelledAndTheQueueGoesOn() {
    try (Fixture f = Fixture.create(dir)) {
      byte[] digital = SyntheticDocuments.bornDigitalPdf(SyntheticDocuments.letterPages(3));
      byte[] scanned =
          SyntheticDocuments.imagePdf(SyntheticDocuments.scan(digital, 300, false, 1), 300);
      String slow =
          f.docs.importBytes(f.patientId, "scan.pdf", scanned).document().orElseThrow().id();
      String victim =
          f.docs.importBytes(f.patientId, "b.pdf", digital).document().orElseThrow().id();
      String after =
          f.docs.importBytes(f.patientId, "c.pdf", letterPdf()).document().orElseThrow().id();
      assertThat(f.docs.cancel(victim)).isTrue();
      DocumentSummary v = f.docs.awaitCompletion(victim);
      assertThat(v.status()).isEqualTo(DocumentStatus.FAILED);
      assertThat(v.failure()).contains(FailureReason.CANCELLED);
      assertThat(f.docs.proposals(victim)).isEmpty();
      assertThat(f.docs.awaitCompletion(slow).status()).isEqualTo(DocumentStatus.DONE);
      assertThat(f.docs.awaitCompletion(after).status()).isEqualTo(DocumentStatus.DONE);
      assertThat(f.docs.cancel(after)).isFalse();
    }
  }
}
