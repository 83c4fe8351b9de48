package org.meditwin.app.imaging.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.app.common.ErrorReporter;
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
import org.meditwin.imaging.DicomSource;
import org.meditwin.imaging.archive.ArchivedStudy;
import org.meditwin.imaging.archive.ImagingArchive;
import org.meditwin.imaging.archive.ImportResult;
import org.meditwin.record.ClinicalEvent;
import org.meditwin.record.EventFilter;
import org.meditwin.record.EventType;
import org.meditwin.record.TimelineService;
import org.meditwin.store.EmbeddedWorkstation;

/** "Add to patient record", the archived study list, opening, and the timeline event. */
class ArchiveViewModelTest {
  static final Path SAMPLES =
      Path.of(System.getenv().getOrDefault("MEDITWIN_DATA_DIR", "../../shared/data"))
          .resolve("dicom/pydicom-testfiles/src/pydicom/data/test_files")
          .toAbsolutePath()
          .normalize();

  @TempDir Path dir;
  EmbeddedWorkstation ws;
  UserSession session;
  Patient patient;
  ArchiveViewModel vm;
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
                    "MRN-400",
                    "Alan",
                    "Turing",
                    Optional.of(LocalDate.of(1954, 6, 7)),
                    Sex.MALE,
                    "",
                    "",
                    "",
                    ""));
    ScriptedDialogs dialogs = new ScriptedDialogs();
    vm =
        new ArchiveViewModel(
            new ImagingArchive(session.clinicalStore(), DicomReader.standard()),
            TimelineService.of(session),
            TaskExecutor.sameThread(),
            i18n,
            new ErrorReporter(dialogs, i18n),
            Clock.systemUTC(),
            ZoneOffset.UTC,
            id -> session.patients().find(id));
  }

  @AfterEach
  void close() {
    session.close();
    ws.close();
  }

  private static List<Catalog.Instance> shown(Path folder) {
    Catalog c = DicomScanner.standard().scan(folder, ProgressListener.NONE, new AtomicBoolean());
    return c.allSeries().stream().flatMap(s -> s.instances().stream()).toList();
  }

  @Test
  void addsTheShownStudyListsItOpensItAndPutsOneEventOnTheTimeline() throws Exception {
    Path folder = dir.resolve("cd");
    Files.createDirectories(folder);
    Files.copy(SAMPLES.resolve("CT_small.dcm"), folder.resolve("ct.dcm"));
    vm.setPatient(Optional.of(patient)).join();
    assertThat(vm.studies()).isEmpty();
    List<ImportResult> imports = new java.util.ArrayList<>();
    vm.setOnImported(imports::add);

    ImportResult r = vm.addToRecord(shown(folder)).join();
    assertThat(r.importedCount()).isEqualTo(1);
    assertThat(vm.studies())
        .singleElement()
        .satisfies(s -> assertThat(s.modality()).isEqualTo("CT"));
    assertThat(vm.statusProperty().get()).contains("Archived 1 objects");

    List<ClinicalEvent> events =
        TimelineService.of(session)
            .find(
                patient.id().value(),
                new EventFilter(
                    Optional.empty(),
                    java.util.Set.of(EventType.IMAGING),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty()));
    ArchivedStudy study = vm.studies().getFirst();
    assertThat(events)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.title()).startsWith("CT imaging study");
              assertThat(e.provenance().sourceKind()).isEqualTo("imaging");
              assertThat(e.provenance().sourceId()).isEqualTo(study.id());
              assertThat(e.date()).isEqualTo(study.date().orElseThrow());
            });

    // adding it again stores nothing new and adds no second event
    ImportResult again = vm.addToRecord(shown(folder)).join();
    assertThat(again.duplicates()).isEqualTo(1);
    assertThat(imports).singleElement().isSameAs(r);
    assertThat(
            TimelineService.of(session).find(patient.id().value(), EventFilter.all()).stream()
                .filter(e -> e.type() == EventType.IMAGING))
        .hasSize(1);

    Catalog opened = vm.open(study).join();
    Catalog.Instance instance = opened.allSeries().getFirst().instances().getFirst();
    assertThat(instance.source()).isInstanceOf(DicomSource.InMemorySource.class);
    assertThat(instance.info().studyInstanceUid()).isEqualTo(study.studyInstanceUid());

    ArchiveViewModel.Found found =
        vm.resolve(patient.id().value(), study.id(), id -> Optional.empty()).join();
    assertThat(found.study()).contains(study);
    assertThat(found.patient().map(Patient::id)).contains(patient.id());
  }

  @Test
  void withoutAPatientNothingIsArchived() {
    vm.setPatient(Optional.empty()).join();
    assertThat(vm.addToRecord(shown(SAMPLES.resolve("CT_small.dcm")))).isCompletedExceptionally();
    assertThat(vm.statusProperty().get()).contains("No patient selected");
  }
}
