package org.meditwin.app.imaging.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.app.common.ErrorReporter;
import org.meditwin.app.common.PaneContext;
import org.meditwin.app.fakes.ScriptedDialogs;
import org.meditwin.app.i18n.I18n;
import org.meditwin.app.i18n.Language;
import org.meditwin.core.domain.Patient;
import org.meditwin.core.domain.Sex;
import org.meditwin.core.service.PatientService.PatientInput;
import org.meditwin.core.service.UserSession;
import org.meditwin.core.task.ProgressListener;
import org.meditwin.core.task.TaskExecutor;
import org.meditwin.imaging.Catalog;
import org.meditwin.imaging.DicomReader;
import org.meditwin.imaging.DicomScanner;
import org.meditwin.imaging.FrameStore;
import org.meditwin.imaging.report.ImagingReport;
import org.meditwin.imaging.report.Measurement;
import org.meditwin.imaging.report.ReportCheck;
import org.meditwin.imaging.report.ReportService;
import org.meditwin.imaging.report.ReportTemplate;
import org.meditwin.inference.generate.Generation;
import org.meditwin.inference.generate.GenerationRequest;
import org.meditwin.inference.generate.GenerativeProvider;
import org.meditwin.inference.generate.TokenSink;
import org.meditwin.search.patient.PatientRecordIndex;
import org.meditwin.search.patient.RecordKind;
import org.meditwin.store.EmbeddedWorkstation;

/** The report panel's logic on a real encrypted workstation and a real CT sample. */
class ReportViewModelTest {
  static final Path SAMPLES =
      Path.of(System.getenv().getOrDefault("MEDITWIN_DATA_DIR", "../../shared/data"))
          .resolve("dicom/pydicom-testfiles/src/pydicom/data/test_files")
          .toAbsolutePath()
          .normalize();

  @TempDir Path dir;
  EmbeddedWorkstation ws;
  UserSession session;
  Patient patient;
  PatientRecordIndex index;
  final ScriptedDialogs dialogs = new ScriptedDialogs();
  final I18n i18n = new I18n(Language.ENGLISH);

  @BeforeEach
  void open() {
    ws =
        EmbeddedWorkstation.open(
            dir.resolve("data"), EmbeddedWorkstation.Options.fastKdfForTests(Clock.systemUTC()));
    session = ws.initialise("anna", "Dr Anna Reyes", "anna-password-1".toCharArray());
    patient =
        session
            .patients()
            .create(
                new PatientInput(
                    "MRN-300",
                    "Grace",
                    "Hopper",
                    Optional.of(LocalDate.of(1950, 5, 6)),
                    Sex.FEMALE,
                    "",
                    "",
                    "",
                    ""));
    index =
        PatientRecordIndex.open(
            dir.resolve("index"),
            session.clinicalStore().derivedKey("patient-index"),
            Optional.empty());
  }

  @AfterEach
  void close() {
    index.close();
    session.close();
    ws.close();
  }

  private ReportViewModel vm(Optional<GenerativeProvider> provider) {
    return new ReportViewModel(
        ReportService.of(session),
        TaskExecutor.sameThread(),
        i18n,
        dialogs,
        new ErrorReporter(dialogs, i18n),
        ZoneOffset.UTC,
        () -> provider,
        provider::isPresent,
        () -> Optional.of(index),
        uid -> Optional.empty());
  }

  /** The CT sample as the viewer would show it, with one 12.5 mm distance measured. */
  static StudyFacts ctFacts() {
    DicomReader reader = DicomReader.standard();
    Catalog catalog =
        DicomScanner.standard()
            .scan(SAMPLES.resolve("CT_small.dcm"), ProgressListener.NONE, new AtomicBoolean());
    Catalog.Study study = catalog.patients().getFirst().studies().getFirst();
    Catalog.Instance first = study.series().getFirst().instances().getFirst();
    return StudyFacts.build(
        new StudyFacts.Snapshot(
            study,
            first,
            List.of(new Measurement.Distance("distance 1", 12.5)),
            List.of(),
            Optional.empty()),
        new FrameStore(reader, 32L << 20));
  }

  @Test
  void loadsTheTemplateDraftFromTheStudyAndFlagsAnEditedUnsupportedSentence() {
    ReportViewModel vm = vm(Optional.empty());
    vm.setPatient(Optional.of(patient));
    vm.load(ctFacts());
    assertThat(vm.templateProperty().get()).isEqualTo(ReportTemplate.CT);
    assertThat(vm.techniqueProperty().get()).contains("120 kVp").contains("slice thickness 5 mm");
    assertThat(vm.findingsProperty().get()).contains("Distance 1 measures 12.5 mm.");
    assertThat(vm.rows()).extracting(ReportViewModel.FindingRow::value).contains("CT", "12.5 mm");
    assertThat(vm.checks()).noneMatch(ReportCheck::flagged);
    assertThat(vm.noticeProperty().get()).contains("No generative model is configured");
    assertThat(vm.storedProperty().get()).isEmpty();

    vm.impressionProperty().set("A 20 mm pneumothorax on the left.");
    assertThat(vm.dirtyProperty().get()).isTrue();
    assertThat(vm.checks())
        .filteredOn(c -> c.verdict() == ReportCheck.Verdict.UNSUPPORTED)
        .isNotEmpty();
  }

  @Test
  void savesSignsIndexesAndAmendsWithAReason() {
    ReportViewModel vm = vm(Optional.empty());
    List<ImagingReport> signedEvents = new java.util.ArrayList<>();
    vm.setOnSigned(signedEvents::add);
    vm.setPatient(Optional.of(patient));
    vm.load(ctFacts());
    ImagingReport saved = vm.save().join();
    assertThat(signedEvents).isEmpty();
    assertThat(vm.storedProperty().get()).contains(saved);

    dialogs.confirmations.add(true);
    ImagingReport signed = vm.sign().join();
    assertThat(signed.isSigned()).isTrue();
    assertThat(vm.signedProperty().get()).isTrue();
    assertThat(index.search("kVp", Optional.of(patient.id().value()), Set.of(), 5))
        .singleElement()
        .satisfies(
            h -> {
              assertThat(h.id()).isEqualTo("imaging:" + signed.id());
              assertThat(h.kind()).isEqualTo(RecordKind.IMAGING_REPORT);
            });

    assertThat(vm.save()).isCompletedExceptionally();
    vm.impressionProperty().set("Distance 1 measures 12.5 mm; no other finding.");
    dialogs.texts.add(Optional.of("impression clarified"));
    ImagingReport amended = vm.amend().join();
    assertThat(amended.amendments())
        .singleElement()
        .satisfies(a -> assertThat(a.reason()).isEqualTo("impression clarified"));
    assertThat(amended.signature().orElseThrow().content().impression())
        .isNotEqualTo(amended.content().impression());
    assertThat(signedEvents)
        .extracting(ImagingReport::id)
        .containsExactly(signed.id(), signed.id());

    // a new view model for the same study finds the stored, signed report
    ReportViewModel again = vm(Optional.empty());
    again.setPatient(Optional.of(patient));
    again.load(ctFacts());
    assertThat(again.signedProperty().get()).isTrue();
    assertThat(again.impressionProperty().get()).isEqualTo(amended.content().impression());
  }

  @Test
  void signingAsksFirstAndDoesNothingWhenDeclined() {
    ReportViewModel vm = vm(Optional.empty());
    vm.setPatient(Optional.of(patient));
    vm.load(ctFacts());
    dialogs.confirmations.add(false);
    assertThat(vm.sign()).isCompletedExceptionally();
    assertThat(vm.storedProperty().get()).isEmpty();
    assertThat(ReportService.of(session).forPatient(patient.id().value())).isEmpty();
  }

  @Test
  void aScriptedGenerativeDraftIsValidatedSentenceBySentence() {
    GenerativeProvider scripted =
        new GenerativeProvider() {
          @Override
          public String name() {
            return "scripted";
          }

          @Override
          public boolean available() {
            return true;
          }

          @Override
          public Generation generate(GenerationRequest request, TokenSink sink) {
            String text =
                "TECHNIQUE:\nCT at 120 kVp.\nFINDINGS:\nDistance 1 measures 14 mm.\n"
                    + "IMPRESSION:\nRight pleural effusion.";
            return new Generation(text, "scripted", List.of(), false);
          }
        };
    ReportViewModel vm = vm(Optional.of(scripted));
    vm.setPatient(Optional.of(patient));
    vm.load(ctFacts());
    assertThat(vm.noticeProperty().get()).isEmpty();
    vm.draft().join();
    assertThat(vm.findingsProperty().get()).isEqualTo("Distance 1 measures 14 mm.");
    assertThat(vm.statusProperty().get()).contains("generative (scripted)");
    assertThat(vm.checks())
        .filteredOn(ReportCheck::flagged)
        .extracting(ReportCheck::sentence)
        .contains("Distance 1 measures 14 mm.", "Right pleural effusion.");
  }

  @Test
  void exportsThePdfAndHandsTheReportToTheAssistant() throws Exception {
    ReportViewModel vm = vm(Optional.empty());
    vm.setPatient(Optional.of(patient));
    vm.load(ctFacts());
    vm.save().join();
    Path out = dir.resolve("report.pdf");
    dialogs.files.add(Optional.of(out));
    vm.exportPdf().join();
    assertThat(Files.size(out)).isGreaterThan(1000);
    PaneContext.ChatHandoff h = vm.chatHandoff().orElseThrow();
    assertThat(h.title()).contains("CT examination");
    assertThat(h.text())
        .contains("Impression:")
        .contains("12.5 mm")
        .contains("Structured findings");
  }
}
