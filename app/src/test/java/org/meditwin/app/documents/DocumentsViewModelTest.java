package org.meditwin.app.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.app.common.ErrorReporter;
import org.meditwin.app.fakes.ScriptedDialogs;
import org.meditwin.app.i18n.I18n;
import org.meditwin.app.i18n.Language;
import org.meditwin.core.task.TaskExecutor;
import org.meditwin.documents.DocumentStatus;
import org.meditwin.documents.FailureReason;
import org.meditwin.documents.ProposalStatus;
import org.meditwin.documents.ProposedEvent;
import org.meditwin.record.EventFilter;
import org.meditwin.record.TimelineService;

class DocumentsViewModelTest {
  static final Duration WAIT = Duration.ofSeconds(60);
  @TempDir Path dir;
  DocumentsTestKit kit;
  DocumentsTestKit.FxQueue fx;
  DocumentsViewModel vm;
  I18n i18n;

  @BeforeEach
  void setUp() {
    kit = new DocumentsTestKit(dir);
    fx = new DocumentsTestKit.FxQueue();
    i18n = new I18n(Language.ENGLISH);
    vm =
        new DocumentsViewModel(
            kit.docs,
            TaskExecutor.sameThread(),
            fx::post,
            i18n,
            new ErrorReporter(new ScriptedDialogs(), i18n),
            Clock.systemUTC());
  }

  @AfterEach
  void tearDown() {
    vm.dispose();
    kit.close();
  }

  private Optional<JobRow> row(String fileName) {
    return vm.jobs().stream().filter(r -> r.fileName().equals(fileName)).findFirst();
  }

  @Test
  void withoutAPatientNothingIsImportedAndTheUserIsTold() throws Exception {
    vm.setPatient(Optional.empty());
    vm.importFiles(List.of(kit.letter("a.pdf", 1)));
    fx.drainUntil(() -> true, WAIT);
    assertThat(vm.jobs()).isEmpty();
    assertThat(vm.statusProperty().get()).isEqualTo(i18n.get("documents.noPatient"));
  }

  @Test
  void importedFilesBecomeJobsThatFinishAndRefusedFilesStayListedWithTheirReason()
      throws Exception {
    vm.setPatient(Optional.of(kit.patient));
    Path letterFile = kit.letter("letter.pdf", 2);
    vm.importFiles(
        List.of(
            letterFile,
            kit.bytes("empty.pdf", new byte[0]),
            kit.bytes("notes.txt", "hello".getBytes()),
            kit.bytes(
                "truncated.pdf",
                java.util.Arrays.copyOf(
                    org.meditwin.documents.bench.SyntheticDocuments.bornDigitalPdf(
                        org.meditwin.documents.bench.SyntheticDocuments.letterPages(1)),
                    200))));
    fx.drainUntil(
        () ->
            row("letter.pdf").map(JobRow::done).orElse(false)
                && row("truncated.pdf").map(JobRow::failed).orElse(false),
        WAIT);
    JobRow letter = row("letter.pdf").orElseThrow();
    assertThat(letter.pages()).isEqualTo(2);
    assertThat(vm.describe(letter)).contains("Done").contains("2 page(s), 0 by OCR");
    JobRow empty = row("empty.pdf").orElseThrow();
    assertThat(empty.refused()).isTrue();
    assertThat(vm.describe(empty)).contains("Not imported").contains("empty");
    assertThat(row("notes.txt").orElseThrow().failure()).contains(FailureReason.UNSUPPORTED_FORMAT);
    assertThat(vm.describe(row("truncated.pdf").orElseThrow()))
        .contains("Failed")
        .contains("damaged");
    assertThat(vm.statusProperty().get()).contains("2 queued").contains("2 not imported");

    // importing the same letter again points at the stored one
    vm.importFiles(
        List.of(kit.bytes("letter-copy.pdf", java.nio.file.Files.readAllBytes(letterFile))));
    fx.drainUntil(() -> vm.jobs().stream().anyMatch(JobRow::duplicate), WAIT);
    assertThat(vm.statusProperty().get()).contains("1 already imported");

    // a new view model (restart) lists what is stored; refused files were never stored
    DocumentsViewModel again =
        new DocumentsViewModel(
            kit.docs,
            TaskExecutor.sameThread(),
            fx::post,
            i18n,
            new ErrorReporter(new ScriptedDialogs(), i18n),
            Clock.systemUTC());
    again.setPatient(Optional.of(kit.patient));
    fx.drainUntil(() -> again.jobs().size() == 2, WAIT);
    assertThat(again.jobs())
        .extracting(JobRow::fileName)
        .containsExactlyInAnyOrder("letter.pdf", "truncated.pdf");
    again.dispose();
  }

  @Test
  void selectingADocumentShowsItsPagesWithHighlightsAndDecisionsReachTheTimeline()
      throws Exception {
    vm.setPatient(Optional.of(kit.patient));
    vm.importFiles(List.of(kit.letter("letter.pdf", 2)));
    fx.drainUntil(() -> row("letter.pdf").map(JobRow::done).orElse(false), WAIT);
    vm.select(row("letter.pdf"));
    fx.drainUntil(() -> vm.pageProperty().get().isPresent(), WAIT);
    PageView page = vm.pageProperty().get().orElseThrow();
    assertThat(page.pageCount()).isEqualTo(2);
    assertThat(page.image()).isPresent();
    assertThat(page.highlights()).isNotEmpty();
    assertThat(page.highlights()).allSatisfy(h -> assertThat(h.boxes()).isNotEmpty());
    assertThat(vm.proposals()).isNotEmpty();

    vm.showPage(2);
    fx.drainUntil(() -> vm.currentPage() == 2, WAIT);
    assertThat(vm.pageProperty().get().orElseThrow().page().text()).contains("Discharge Summary");

    ProposedEvent first = vm.proposals().getFirst();
    ProposedEvent second = vm.proposals().get(1);
    vm.confirm(first, Optional.empty());
    vm.reject(second);
    fx.drainUntil(
        () ->
            vm.proposals().getFirst().status() == ProposalStatus.CONFIRMED
                && vm.proposals().get(1).status() == ProposalStatus.REJECTED,
        WAIT);
    assertThat(vm.statusProperty().get()).startsWith("Rejected");
    assertThat(TimelineService.of(kit.session).find(kit.patient.id().value(), EventFilter.all()))
        .extracting(e -> e.title())
        .containsExactly(first.title());
    // a decided proposal cannot be decided again
    vm.reject(vm.proposals().getFirst());
    assertThat(vm.statusProperty().get()).isEqualTo(i18n.get("documents.alreadyDecided"));
  }

  @Test
  void aRequestedDocumentIsSelectedAndShownOnceThePatientsListHasLoaded() throws Exception {
    vm.setPatient(Optional.of(kit.patient));
    vm.importFiles(List.of(kit.letter("letter.pdf", 1), kit.letter("other.pdf", 1)));
    fx.drainUntil(
        () ->
            row("letter.pdf").map(JobRow::done).orElse(false)
                && row("other.pdf").map(JobRow::done).orElse(false),
        WAIT);
    String id = row("other.pdf").orElseThrow().id();

    // a fresh pane (restart): the request arrives before the list has loaded
    DocumentsViewModel fresh =
        new DocumentsViewModel(
            kit.docs,
            TaskExecutor.sameThread(),
            fx::post,
            i18n,
            new ErrorReporter(new ScriptedDialogs(), i18n),
            Clock.systemUTC());
    try {
      fresh.openWhenLoaded(id);
      assertThat(fresh.selectedProperty().get()).isEmpty();
      fresh.setPatient(Optional.of(kit.patient));
      fresh.openWhenLoaded(id);
      fx.drainUntil(() -> fresh.pageProperty().get().isPresent(), WAIT);
      assertThat(fresh.selectedProperty().get().orElseThrow().fileName()).isEqualTo("other.pdf");

      // with the list loaded, a request opens at once
      fresh.openWhenLoaded(row("letter.pdf").orElseThrow().id());
      assertThat(fresh.selectedProperty().get().orElseThrow().fileName()).isEqualTo("letter.pdf");
      // an unknown id selects nothing new
      fresh.openWhenLoaded("no-such-document");
      assertThat(fresh.selectedProperty().get().orElseThrow().fileName()).isEqualTo("letter.pdf");
    } finally {
      fresh.dispose();
    }
  }

  @Test
  void failedJobsCanBeRetriedAndDocumentsDeleted() throws Exception {
    vm.setPatient(Optional.of(kit.patient));
    vm.importFiles(List.of(kit.letter("a.pdf", 1)));
    fx.drainUntil(() -> row("a.pdf").map(JobRow::done).orElse(false), WAIT);
    JobRow a = row("a.pdf").orElseThrow();
    vm.delete(a);
    fx.drainUntil(() -> row("a.pdf").isEmpty(), WAIT);
    assertThat(kit.docs.documents(kit.patient.id().value())).isEmpty();
    // a job cancelled while it waits behind a slow OCR job fails as CANCELLED and can be retried
    byte[] digital =
        org.meditwin.documents.bench.SyntheticDocuments.bornDigitalPdf(
            org.meditwin.documents.bench.SyntheticDocuments.letterPages(2));
    byte[] scan =
        org.meditwin.documents.bench.SyntheticDocuments.imagePdf(
            org.meditwin.documents.bench.SyntheticDocuments.scan(digital, 300, false, 1), 300);
    vm.importFiles(List.of(kit.bytes("scan.pdf", scan), kit.letter("b.pdf", 3)));
    fx.drainUntil(() -> row("b.pdf").isPresent(), WAIT);
    vm.cancel(row("b.pdf").orElseThrow());
    fx.drainUntil(() -> row("b.pdf").map(JobRow::failed).orElse(false), WAIT);
    assertThat(row("b.pdf").orElseThrow().failure()).contains(FailureReason.CANCELLED);
    assertThat(vm.describe(row("b.pdf").orElseThrow())).contains("cancelled");
    vm.retry(row("b.pdf").orElseThrow());
    fx.drainUntil(() -> row("b.pdf").map(JobRow::done).orElse(false), WAIT);
    assertThat(row("b.pdf").orElseThrow().status()).contains(DocumentStatus.DONE);
    fx.drainUntil(() -> row("scan.pdf").map(JobRow::done).orElse(false), WAIT);
    assertThat(row("scan.pdf").orElseThrow().ocrPages()).isEqualTo(2);
  }
}
