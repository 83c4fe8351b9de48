package org.meditwin.imaging.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.core.domain.AuditAction;
import org.meditwin.core.domain.AuditEvent;
import org.meditwin.core.domain.Patient;
import org.meditwin.core.domain.Sex;
import org.meditwin.core.service.AuditLog;
import org.meditwin.core.service.PatientService.PatientInput;
import org.meditwin.core.service.UserSession;
import org.meditwin.core.task.ProgressListener;
import org.meditwin.imaging.Catalog;
import org.meditwin.imaging.DicomInfo;
import org.meditwin.imaging.DicomObject;
import org.meditwin.imaging.DicomReadException.Reason;
import org.meditwin.imaging.DicomReader;
import org.meditwin.imaging.DicomSource;
import org.meditwin.imaging.Frame;
import org.meditwin.imaging.Samples;
import org.meditwin.store.EmbeddedWorkstation;
import org.meditwin.testsupport.MutableClock;

/** The archive on a real encrypted workstation in a temporary directory. */
class ImagingArchiveTest {
  static final String FILES = "pydicom-testfiles/src/pydicom/data/test_files/";
  static final Path CT = Samples.named(FILES + "CT_small.dcm");
  static final Path MR = Samples.named(FILES + "MR_small.dcm");
  static final Path MR_RLE = Samples.named(FILES + "MR_small_RLE.dcm");
  static final Path MR_TRUNCATED = Samples.named(FILES + "MR_truncated.dcm");
  static final char[] PASSWORD = "admin-password-1".toCharArray();

  @TempDir Path dir;
  @TempDir Path inputs;
  final MutableClock clock = MutableClock.startingAt("2026-11-22T05:00:00Z");
  final DicomReader reader = DicomReader.standard();

  private EmbeddedWorkstation open() {
    return EmbeddedWorkstation.open(
        dir.resolve("data"), EmbeddedWorkstation.Options.fastKdfForTests(clock));
  }

  private static Patient patient(UserSession s, String mrn) {
    return s.patients()
        .create(
            new PatientInput(
                mrn,
                "Ada",
                "Quillfeather",
                Optional.of(LocalDate.of(1961, 2, 3)),
                Sex.FEMALE,
                "",
                "",
                "",
                ""));
  }

  private static List<DicomSource> sources(Path... files) {
    List<DicomSource> list = new ArrayList<>();
    for (Path f : files) {
      list.add(DicomSource.file(f));
    }
    return list;
  }

  private static ImportResult importAll(ImagingArchive archive, String patientId, Path... files) {
    return archive.importSources(
        patientId, "file", sources(files), ProgressListener.NONE, () -> false);
  }

  @Test
  void importsStudiesAndReportsTheCorruptFileWhileKeepingTheOthers() throws Exception {
    Path text = Files.writeString(inputs.resolve("notes.txt"), "not an image at all");
    try (EmbeddedWorkstation ws = open();
        UserSession s = ws.initialise("admin", "Dr Ada", PASSWORD.clone())) {
      Patient p = patient(s, "MRN-1");
      ImagingArchive archive = new ImagingArchive(s.clinicalStore(), reader);
      AtomicInteger ticks = new AtomicInteger();
      ImportResult result =
          archive.importSources(
              p.id().value(),
              "file",
              sources(CT, MR_TRUNCATED, text, MR),
              (done, total, message) -> ticks.incrementAndGet(),
              () -> false);

      assertThat(result.importedCount()).isEqualTo(2);
      assertThat(result.duplicates()).isZero();
      assertThat(result.cancelled()).isFalse();
      assertThat(ticks.get()).isEqualTo(4);
      assertThat(result.problems())
          .extracting(Catalog.FileProblem::name, Catalog.FileProblem::reason)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("MR_truncated.dcm", Reason.TRUNCATED),
              org.assertj.core.groups.Tuple.tuple("notes.txt", Reason.NOT_DICOM));
      DicomInfo ct = reader.readInfo(DicomSource.file(CT));
      assertThat(result.studyInstanceUids()).contains(ct.studyInstanceUid());

      List<ArchivedStudy> studies = archive.studies(p.id().value());
      assertThat(studies).hasSize(2);
      ArchivedStudy ctStudy =
          studies.stream()
              .filter(st -> st.studyInstanceUid().equals(ct.studyInstanceUid()))
              .findFirst()
              .orElseThrow();
      assertThat(ctStudy.modality()).isEqualTo("CT");
      assertThat(ctStudy.instanceCount()).isEqualTo(1);
      assertThat(ctStudy.seriesCount()).isEqualTo(1);
      assertThat(ctStudy.origin()).isEqualTo("file");
      assertThat(ctStudy.patientId()).isEqualTo(p.id().value());
      assertThat(ctStudy.description()).isEqualTo(ct.studyDescription());

      List<AuditEvent> imports =
          s.audit().find(AuditLog.Filter.all(), 100).stream()
              .filter(e -> e.action() == AuditAction.PHI_IMPORT)
              .toList();
      assertThat(imports).hasSize(2);
      assertThat(imports).allSatisfy(e -> assertThat(e.targetType()).isEqualTo("imaging-instance"));
      assertThat(imports)
          .extracting(AuditEvent::targetId)
          .containsExactlyInAnyOrderElementsOf(
              result.imported().stream().map(ArchivedInstance::id).toList());
      assertThat(s.audit().verify().ok()).isTrue();
    }
  }

  @Test
  void deduplicatesBySopInstanceUid() {
    try (EmbeddedWorkstation ws = open();
        UserSession s = ws.initialise("admin", "Dr Ada", PASSWORD.clone())) {
      Patient p = patient(s, "MRN-1");
      ImagingArchive archive = new ImagingArchive(s.clinicalStore(), reader);
      assertThat(importAll(archive, p.id().value(), MR).importedCount()).isEqualTo(1);
      // the same file again, and the same instance re-encoded as RLE (same SOP Instance UID)
      ImportResult again = importAll(archive, p.id().value(), MR, MR_RLE);
      assertThat(again.importedCount()).isZero();
      assertThat(again.duplicates()).isEqualTo(2);
      assertThat(again.problems()).isEmpty();
      assertThat(archive.studies(p.id().value()).getFirst().instanceCount()).isEqualTo(1);
    }
  }

  @Test
  void refusesAStudyThatBelongsToAnotherPatient() {
    try (EmbeddedWorkstation ws = open();
        UserSession s = ws.initialise("admin", "Dr Ada", PASSWORD.clone())) {
      Patient first = patient(s, "MRN-1");
      Patient second = patient(s, "MRN-2");
      ImagingArchive archive = new ImagingArchive(s.clinicalStore(), reader);
      importAll(archive, first.id().value(), CT);
      ImportResult other = importAll(archive, second.id().value(), CT);
      assertThat(other.importedCount()).isZero();
      assertThat(other.problems())
          .singleElement()
          .extracting(Catalog.FileProblem::reason)
          .isEqualTo(Reason.PATIENT_CONFLICT);
      assertThat(archive.studies(second.id().value())).isEmpty();
    }
  }

  @Test
  void refusesUnknownPatientsAndBlankOrigins() {
    try (EmbeddedWorkstation ws = open();
        UserSession s = ws.initialise("admin", "Dr Ada", PASSWORD.clone())) {
      Patient p = patient(s, "MRN-1");
      ImagingArchive archive = new ImagingArchive(s.clinicalStore(), reader);
      assertThatThrownBy(() -> importAll(archive, "no-such-patient", CT))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("patient");
      assertThatThrownBy(
              () ->
                  archive.importSources(
                      p.id().value(), " ", sources(CT), ProgressListener.NONE, () -> false))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void cancellingKeepsWhatWasStoredAndStopsBeforeTheRest() {
    try (EmbeddedWorkstation ws = open();
        UserSession s = ws.initialise("admin", "Dr Ada", PASSWORD.clone())) {
      Patient p = patient(s, "MRN-1");
      ImagingArchive archive = new ImagingArchive(s.clinicalStore(), reader);
      AtomicInteger asked = new AtomicInteger();
      ImportResult result =
          archive.importSources(
              p.id().value(),
              "file",
              sources(CT, MR),
              ProgressListener.NONE,
              () -> asked.incrementAndGet() > 1);
      assertThat(result.cancelled()).isTrue();
      assertThat(result.importedCount()).isEqualTo(1);
      assertThat(archive.studies(p.id().value())).hasSize(1);
    }
  }

  @Test
  void importedBytesComeBackIdenticalAfterReopeningAndRenderFromMemory() throws Exception {
    String patientId;
    try (EmbeddedWorkstation ws = open();
        UserSession s = ws.initialise("admin", "Dr Ada", PASSWORD.clone())) {
      patientId = patient(s, "MRN-1").id().value();
      ImagingArchive archive = new ImagingArchive(s.clinicalStore(), reader);
      assertThat(
              archive
                  .importBytes(patientId, "pacs:ORTHANC", Files.readAllBytes(CT))
                  .importedCount())
          .isEqualTo(1);
    }
    try (EmbeddedWorkstation ws = open();
        UserSession s = ws.login("admin", PASSWORD.clone())) {
      ImagingArchive archive = new ImagingArchive(s.clinicalStore(), reader);
      ArchivedStudy study = archive.studies(patientId).getFirst();
      assertThat(study.origin()).isEqualTo("pacs:ORTHANC");
      assertThat(archive.study(study.studyInstanceUid())).contains(study);
      assertThat(archive.studyById(study.id())).contains(study);
      ArchivedInstance instance = archive.instances(study.studyInstanceUid()).getFirst();
      assertThat(archive.bytes(instance)).isEqualTo(Files.readAllBytes(CT));

      DicomSource source = archive.source(instance);
      assertThat(source).isInstanceOf(DicomSource.InMemorySource.class);
      assertThat(source).isEqualTo(archive.source(instance));
      DicomObject fromArchive = reader.open(source);
      DicomObject fromFile = reader.open(DicomSource.file(CT));
      Frame a = fromArchive.frame(0);
      Frame b = fromFile.frame(0);
      assertThat(a.width()).isEqualTo(b.width());
      assertThat(a.values()).isEqualTo(b.values());

      assertThat(archive.catalog(patientId, "1.2.3.4.no.such.study").patients()).isEmpty();
      assertThat(archive.catalog(patientId, study.studyInstanceUid()).instanceCount()).isEqualTo(1);
      Catalog catalog = archive.catalog(patientId);
      assertThat(catalog.problems()).isEmpty();
      assertThat(catalog.patients()).hasSize(1);
      Catalog.Study cs = catalog.patients().getFirst().studies().getFirst();
      assertThat(cs.uid()).isEqualTo(study.studyInstanceUid());
      Catalog.Instance ci = cs.series().getFirst().instances().getFirst();
      assertThat(ci.source()).isEqualTo(source);
      assertThat(reader.open(ci.source()).frame(0).values()).isEqualTo(b.values());

      long reads =
          s.audit().find(AuditLog.Filter.all(), 200).stream()
              .filter(e -> e.action() == AuditAction.PHI_READ)
              .filter(e -> e.targetType().equals("imaging-instance"))
              .filter(e -> e.targetId().equals(instance.id()))
              .count();
      assertThat(reads).isGreaterThanOrEqualTo(2);
    }
  }

  @Test
  void noPatientDataIsPlaintextInTheDataDirectory() throws Exception {
    DicomInfo ct = reader.readInfo(DicomSource.file(CT));
    DicomInfo mr = reader.readInfo(DicomSource.file(MR));
    List<String> markers = new ArrayList<>();
    for (DicomInfo info : List.of(ct, mr)) {
      markers.add(info.patientName().replace('^', ' ').split(" ")[0]);
      markers.add(info.studyInstanceUid());
      markers.add(info.sopInstanceUid());
    }
    markers.removeIf(m -> m.length() < 6);
    assertThat(markers).hasSizeGreaterThanOrEqualTo(4);
    try (EmbeddedWorkstation ws = open();
        UserSession s = ws.initialise("admin", "Dr Ada", PASSWORD.clone())) {
      Patient p = patient(s, "MRN-1");
      ImagingArchive archive = new ImagingArchive(s.clinicalStore(), reader);
      assertThat(importAll(archive, p.id().value(), CT, MR).importedCount()).isEqualTo(2);
      archive.catalog(p.id().value());
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir.resolve("data"))) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertThat(files).isNotEmpty();
    for (Path f : files) {
      byte[] data = Files.readAllBytes(f);
      for (String marker : markers) {
        assertThat(contains(data, marker))
            .as("%s found in %s", marker.length() > 3 ? marker.substring(0, 3) + "…" : marker, f)
            .isFalse();
      }
    }
  }

  private static boolean contains(byte[] data, String marker) throws IOException {
    for (var cs :
        List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
      byte[] needle = marker.getBytes(cs);
      outer:
      for (int i = 0; i <= data.length - needle.length; i++) {
        for (int j = 0; j < needle.length; j++) {
          if (data[i + j] != needle[j]) {
            continue outer;
          }
        }
        return true;
      }
    }
    return false;
  }
}
