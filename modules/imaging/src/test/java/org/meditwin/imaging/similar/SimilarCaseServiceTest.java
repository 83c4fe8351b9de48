package org.meditwin.imaging.similar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.core.domain.AuditAction;
import org.meditwin.core.domain.Patient;
import org.meditwin.core.domain.Sex;
import org.meditwin.core.service.PatientService.PatientInput;
import org.meditwin.core.service.UserSession;
import org.meditwin.core.task.ProgressListener;
import org.meditwin.imaging.DicomInfo;
import org.meditwin.imaging.DicomObject;
import org.meditwin.imaging.DicomReader;
import org.meditwin.imaging.DicomSource;
import org.meditwin.imaging.Frame;
import org.meditwin.imaging.ImageDescription;
import org.meditwin.imaging.VoiFunction;
import org.meditwin.imaging.ai.ChestXrayDataset;
import org.meditwin.imaging.ai.ChestXrayModel;
import org.meditwin.imaging.archive.ImagingArchive;
import org.meditwin.imaging.archive.ImportResult;
import org.meditwin.search.cases.CaseHit;
import org.meditwin.search.cases.CaseIndex;
import org.meditwin.search.cases.CaseSource;
import org.meditwin.store.EmbeddedWorkstation;
import org.meditwin.testsupport.MutableClock;

/** The similar-case service on the shipped model and reference library (built once). */
class SimilarCaseServiceTest {
  static final Path MODELS = Path.of("../../models").toAbsolutePath().normalize();
  private static final byte[] KEY = new byte[32];

  @TempDir static Path tmp;
  private static EmbeddedWorkstation workstation;
  private static UserSession session;
  private static SimilarCaseService service;
  private static List<ChestXrayDataset.Sample> val;
  private static final AtomicLong buildSteps = new AtomicLong();

  @BeforeAll
  static void buildLibrary() throws Exception {
    KEY[0] = 9;
    workstation =
        EmbeddedWorkstation.open(
            tmp.resolve("data"),
            EmbeddedWorkstation.Options.fastKdfForTests(
                MutableClock.startingAt("2026-11-22T05:00:00Z")));
    session = workstation.initialise("admin", "Dr Ada", "admin-password-1".toCharArray());
    service =
        SimilarCaseService.of(
            ChestXrayModel.load(MODELS),
            CaseIndex.open(tmp.resolve("cases"), KEY, Optional.empty()),
            session.clinicalStore());
    assertThat(service.libraryReady()).isFalse();
    assertThat(service.ensureLibrary((d, t, m) -> buildSteps.incrementAndGet(), () -> false))
        .isTrue();
    val = ReferenceLibrary.load("val");
  }

  @AfterAll
  static void close() {
    service.close();
    session.close();
    workstation.close();
  }

  static ImageDescription image28() {
    return new ImageDescription(
        28,
        28,
        1,
        1,
        8,
        8,
        7,
        false,
        "MONOCHROME2",
        0,
        1,
        0,
        "",
        Optional.empty(),
        List.of(new org.meditwin.imaging.Window(128, 256, "")),
        List.of(),
        VoiFunction.LINEAR,
        Optional.empty(),
        List.of(),
        Optional.empty());
  }

  static DicomInfo info(String modality, String bodyPart) {
    return new DicomInfo(
        "1.2.840.10008.1.2.1",
        "",
        "",
        "",
        "1.2.3",
        modality,
        "",
        "",
        "",
        "",
        "1.2",
        "",
        "",
        "",
        "",
        "1.2.3.4",
        1,
        "",
        1,
        bodyPart,
        "",
        Optional.empty(),
        Optional.empty(),
        0,
        Optional.of(image28()));
  }

  static Frame frame(float[] grey) {
    int[] v = new int[grey.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = Math.round(grey[i]);
    }
    return new Frame(28, 28, 1, "MONOCHROME2", v);
  }

  @Test
  void libraryIsBuiltOnceWithProgressAndNotAtEveryStart() {
    assertThat(buildSteps.get()).isGreaterThan(5);
    SimilarCaseService.LibraryStatus status = service.libraryStatus();
    assertThat(status.cases()).isEqualTo(2428);
    assertThat(status.current()).isTrue();
    assertThat(status.version().orElseThrow())
        .contains(ReferenceLibrary.DATA_SHA256.substring(0, 12));
    AtomicInteger again = new AtomicInteger();
    assertThat(service.ensureLibrary((d, t, m) -> again.incrementAndGet(), () -> false)).isTrue();
    assertThat(again.get()).isZero();
  }

  @Test
  void similarCasesOfValidationImagesMostlyShareTheirLabel() {
    int agree = 0;
    int total = 0;
    for (int q = 0; q < 40; q++) {
      ChestXrayDataset.Sample s = val.get(q);
      SimilarResult r =
          service.findSimilar(
              SimilarRequest.of(info("CR", "CHEST"), image28(), frame(s.pixels()), 10));
      assertThat(r.applicable()).isTrue();
      assertThat(r.hits()).hasSize(10);
      for (CaseHit h : r.hits()) {
        assertThat(h.source()).isEqualTo(CaseSource.REFERENCE_LIBRARY);
        assertThat(h.thumbnailPng()).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        agree += h.label().equals(s.labelName()) ? 1 : 0;
        total++;
      }
      for (int i = 1; i < r.hits().size(); i++) {
        assertThat(r.hits().get(i).score()).isLessThanOrEqualTo(r.hits().get(i - 1).score());
      }
    }
    assertThat((double) agree / total).isGreaterThan(0.8);
  }

  @Test
  void nonChestImagesAreNotApplicableWithAClearReason() {
    SimilarResult r =
        service.findSimilar(
            SimilarRequest.of(info("CT", "HEAD"), image28(), frame(val.get(0).pixels()), 10));
    assertThat(r.applicable()).isFalse();
    assertThat(r.hits()).isEmpty();
    assertThat(r.notApplicableReason().orElseThrow()).contains("chest radiographs").contains("CT");
    assertThat(
            service.indexStudy(
                "P1",
                "1.2.9",
                Optional.empty(),
                info("MR", ""),
                image28(),
                frame(val.get(0).pixels()),
                Optional.empty()))
        .isFalse();
  }

  @Test
  void clinicStudiesAreFoundOnlyForTheirOwnPatientAndCarrySignedReports() {
    ChestXrayDataset.Sample s = val.get(1);
    assertThat(
            service.indexStudy(
                "PAT-A",
                "1.2.840.99.1",
                Optional.of(LocalDate.of(2026, 11, 2)),
                info("DX", "CHEST"),
                image28(),
                frame(s.pixels()),
                Optional.empty()))
        .isTrue();
    SimilarRequest base = SimilarRequest.of(info("DX", "CHEST"), image28(), frame(s.pixels()), 5);
    List<CaseHit> forA = service.findSimilar(base.forPatient("PAT-A", Optional.empty())).hits();
    assertThat(forA.get(0).id()).isEqualTo(SimilarCaseService.caseId("1.2.840.99.1"));
    assertThat(forA.get(0).imageSimilarity()).isGreaterThan(0.999);
    assertThat(forA.get(0).impression()).contains("Decision support only");
    assertThat(forA.get(0).thumbnailPng()).isNotEmpty();
    List<CaseHit> forB = service.findSimilar(base.forPatient("PAT-B", Optional.empty())).hits();
    assertThat(forB).noneMatch(h -> h.source() == CaseSource.CLINIC);
    List<CaseHit> ownExcluded =
        service.findSimilar(base.forPatient("PAT-A", Optional.of("1.2.840.99.1"))).hits();
    assertThat(ownExcluded).noneMatch(h -> h.source() == CaseSource.CLINIC);

    assertThat(
            service.indexSignedReport(
                "1.2.840.99.1", "IMPRESSION: right lower lobe consolidation."))
        .isTrue();
    assertThat(service.indexSignedReport("1.2.unknown", "x")).isFalse();
    List<CaseHit> withText =
        service
            .findSimilar(
                base.forPatient("PAT-A", Optional.empty()).withReportText("lobe consolidation"))
            .hits();
    assertThat(withText.get(0).impression()).contains("consolidation");
    service.removeStudy("1.2.840.99.1");
    assertThat(service.index().count(CaseSource.CLINIC)).isZero();
  }

  @Test
  void cancelledRebuildKeepsTheCurrentLibrary() {
    List<Long> seen = new ArrayList<>();
    boolean done = service.rebuildLibrary((d, t, m) -> seen.add(d), () -> !seen.isEmpty());
    assertThat(done).isFalse();
    assertThat(service.libraryStatus().cases()).isEqualTo(2428);
    assertThat(service.libraryReady()).isTrue();
  }

  @Test
  void patientSearchesAreAuditedAndRefusedWithoutASession() throws Exception {
    SimilarRequest forPatient =
        SimilarRequest.of(info("CR", "CHEST"), image28(), frame(val.get(2).pixels()), 3)
            .forPatient("PAT-AUDIT", Optional.empty());
    service.findSimilar(forPatient);
    assertThat(
            session.audit().find(org.meditwin.core.service.AuditLog.Filter.all(), 500).stream()
                .anyMatch(
                    e ->
                        e.action() == AuditAction.PHI_SEARCH
                            && e.targetId().equals("PAT-AUDIT")
                            && e.detail().startsWith("similar cases")))
        .isTrue();
    try (SimilarCaseService noSession =
        SimilarCaseService.of(
            ChestXrayModel.load(MODELS),
            CaseIndex.open(tmp.resolve("other"), KEY, Optional.empty()))) {
      assertThatThrownBy(() -> noSession.findSimilar(forPatient))
          .isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void archivedStudiesAreIndexedForTheirPatient() {
    Patient p =
        session
            .patients()
            .create(
                new PatientInput(
                    "MRN-SIM-1",
                    "Ada",
                    "Quillfeather",
                    Optional.of(LocalDate.of(1961, 2, 3)),
                    Sex.FEMALE,
                    "",
                    "",
                    "",
                    ""));
    DicomReader reader = DicomReader.standard();
    ImagingArchive archive = new ImagingArchive(session.clinicalStore(), reader);
    Path cr = chestDicom();
    ImportResult imported =
        archive.importSources(
            p.id().value(),
            "file",
            List.of(DicomSource.file(cr)),
            ProgressListener.NONE,
            () -> false);
    String uid = imported.studyInstanceUids().iterator().next();
    assertThat(service.indexArchivedStudy(archive, reader, uid)).isTrue();
    assertThat(service.indexArchivedStudy(archive, reader, "1.2.not.archived")).isFalse();
    assertThat(
            service.indexArchivedPatient(
                archive, reader, p.id().value(), ProgressListener.NONE, () -> false))
        .isZero(); // already indexed
    DicomObject object = reader.open(DicomSource.file(cr));
    SimilarResult r =
        service.findSimilar(
            SimilarRequest.of(
                    object.info(), object.info().image().orElseThrow(), object.frame(0), 5)
                .forPatient(p.id().value(), Optional.empty()));
    assertThat(r.hits().get(0).id()).isEqualTo(SimilarCaseService.caseId(uid));
    assertThat(r.hits().get(0).patientId()).contains(p.id().value());
    service.removePatient(p.id().value());
    assertThat(service.index().find(SimilarCaseService.caseId(uid))).isEmpty();
  }

  static Path chestDicom() {
    try {
      return Path.of(SimilarCaseServiceTest.class.getResource("chest-val1.dcm").toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void onlyStudiesWithRadiographSeriesAreOpenedForIndexing() {
    assertThat(SimilarCaseService.hasRadiographSeries("CR")).isTrue();
    assertThat(SimilarCaseService.hasRadiographSeries("DX/PR")).isTrue();
    assertThat(SimilarCaseService.hasRadiographSeries("dr")).isTrue();
    assertThat(SimilarCaseService.hasRadiographSeries("CT/SR")).isFalse();
    assertThat(SimilarCaseService.hasRadiographSeries("")).isFalse();
  }

  @Test
  void thumbnailsAreSmallPngs() {
    byte[] png = ReferenceLibrary.thumbnail(val.get(0).pixels(), 28, 28);
    assertThat(png.length).isLessThan(4096);
    assertThat(
            Thumbnails.fit(
                    new org.meditwin.imaging.render.RenderedImage(
                        400, 200, false, new int[400 * 200]),
                    96)
                .width())
        .isEqualTo(96);
    ProgressListener.NONE.progress(0, 0, "");
  }
}
