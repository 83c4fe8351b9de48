package org.meditwin.pacs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.meditwin.core.task.ProgressListener;
import org.meditwin.imaging.DicomSource;
import org.meditwin.pacs.dimse.Part10;
import org.meditwin.pacs.web.DicomWebClient;

/**
 * Against Debian's Orthanc started by {@code orthanc/start.sh} in a network namespace with only
 * loopback; run inside it: {@code ip netns exec meditwin-pacs ./mvnw -B -o -pl modules/pacs verify
 * -Ppacs-it}.
 */
class OrthancIT {
  static final PacsNode ORTHANC =
      new PacsNode(
          "orthanc",
          "ORTHANC",
          "127.0.0.1",
          4242,
          "MEDITWIN",
          java.util.Optional.of(URI.create("http://127.0.0.1:8042/dicom-web")),
          java.util.OptionalInt.of(11113));

  static final Map<String, byte[]> originals = new HashMap<>();
  static StoreResult stored;

  static List<Path> sampleFiles() {
    List<Path> files = new ArrayList<>();
    files.add(Samples.ct());
    files.add(Samples.mr());
    files.add(Samples.usBigEndian());
    files.add(Samples.jpeg());
    files.addAll(Samples.crCtStudyFiles());
    files.addAll(Samples.tinySeries());
    return files;
  }

  @BeforeAll
  static void storeSamples() throws IOException {
    List<DicomSource> sources = new ArrayList<>();
    for (Path p : sampleFiles()) {
      byte[] b = Files.readAllBytes(p);
      originals.put(Part10.parse(b).sopInstanceUid(), b);
      sources.add(DicomSource.file(p));
    }
    stored = DimseClient.of(ORTHANC).store(sources, ProgressListener.NONE, () -> false);
  }

  static String uid(Path p) throws IOException {
    return Part10.parse(Files.readAllBytes(p)).sopInstanceUid();
  }

  static String studyOf(Path p) throws IOException {
    String sop = uid(p);
    return DimseClient.of(ORTHANC).find(PacsQuery.studies(), 1000).stream()
        .map(m -> m.studyInstanceUid().orElseThrow())
        .filter(
            study ->
                DimseClient.of(ORTHANC).find(PacsQuery.seriesOf(study), 1000).stream()
                    .flatMap(
                        s ->
                            DimseClient.of(ORTHANC)
                                .find(
                                    PacsQuery.instancesOf(
                                        study, s.seriesInstanceUid().orElseThrow()),
                                    1000)
                                .stream())
                    .anyMatch(i -> i.sopInstanceUid().orElseThrow().equals(sop)))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void storesEverySampleOfEachModality() {
    assertThat(stored.failures()).isEmpty();
    assertThat(stored.sent()).isEqualTo(sampleFiles().size());
  }

  @Test
  void echoAnswers() {
    assertThat(DimseClient.of(ORTHANC).echo().roundTrip()).isPositive();
  }

  @Test
  void findsPatientsStudiesAndSeries() throws IOException {
    DimseClient c = DimseClient.of(ORTHANC);
    List<PacsMatch> patients = c.find(PacsQuery.at(QueryLevel.PATIENT), 1000);
    assertThat(patients).isNotEmpty();
    List<PacsMatch> ct = c.find(PacsQuery.studies().withModality("CT"), 1000);
    assertThat(ct).isNotEmpty().allSatisfy(m -> assertThat(m.modalities()).contains("CT"));
    String study = studyOf(Samples.ct());
    PacsMatch match =
        c.find(PacsQuery.studies().withStudyInstanceUid(study), 10).stream()
            .findFirst()
            .orElseThrow();
    assertThat(match.patientId()).isPresent();
    List<PacsMatch> byPatient =
        c.find(PacsQuery.studies().withPatientId(match.patientId().get()), 100);
    assertThat(byPatient).extracting(m -> m.studyInstanceUid().orElseThrow()).contains(study);
    List<PacsMatch> series = c.find(PacsQuery.seriesOf(study), 100);
    assertThat(series).isNotEmpty();
    assertThat(series.getFirst().modalities()).containsExactly("CT");
    assertThat(c.find(PacsQuery.studies(), 2)).hasSize(2);
  }

  @Test
  void getRetrievesAStudyWithIdenticalInstancesAndProgress() throws IOException {
    String study = studyOf(Samples.crCtStudyFiles().getFirst());
    ConcurrentLinkedQueue<ReceivedInstance> got = new ConcurrentLinkedQueue<>();
    List<long[]> progress = new CopyOnWriteArrayList<>();
    RetrieveResult r =
        DimseClient.of(ORTHANC)
            .get(
                RetrieveRequest.study(study),
                got::add,
                (done, total, msg) -> progress.add(new long[] {done, total}),
                () -> false);
    List<Path> inStudy = new ArrayList<>();
    for (Path p : Samples.crCtStudyFiles()) {
      if (PixelBytes.studyUid(Files.readAllBytes(p)).equals(study)) {
        inStudy.add(p);
      }
    }
    assertThat(inStudy).hasSizeGreaterThan(1);
    assertIdentical(got, inStudy);
    assertThat(r.received()).isEqualTo(inStudy.size());
    assertThat(r.failed()).isZero();
    assertThat(progress.getLast()).containsExactly(r.received(), r.received());
  }

  @Test
  void getRetrievesCompressedAndBigEndianObjectsUnchanged() throws IOException {
    for (Path p : List.of(Samples.jpeg(), Samples.usBigEndian(), Samples.mr())) {
      ConcurrentLinkedQueue<ReceivedInstance> got = new ConcurrentLinkedQueue<>();
      DimseClient.of(ORTHANC)
          .get(RetrieveRequest.study(studyOf(p)), got::add, ProgressListener.NONE, () -> false);
      assertThat(got).extracting(ReceivedInstance::sopInstanceUid).contains(uid(p));
      assertIdentical(
          got.stream().filter(i -> i.sopInstanceUid().equals(uidUnchecked(p))).toList(),
          List.of(p));
    }
  }

  @Test
  void moveRetrievesAStudyThroughOurLoopbackStoreScp() throws IOException {
    String study = studyOf(Samples.ct());
    ConcurrentLinkedQueue<ReceivedInstance> got = new ConcurrentLinkedQueue<>();
    List<long[]> progress = new CopyOnWriteArrayList<>();
    RetrieveResult r =
        DimseClient.of(ORTHANC)
            .move(
                RetrieveRequest.study(study),
                got::add,
                (done, total, msg) -> progress.add(new long[] {done, total}),
                () -> false);
    assertThat(r.received()).isEqualTo(1);
    assertIdentical(got, List.of(Samples.ct()));
    assertThat(progress).isNotEmpty();
  }

  @Test
  void cancellingAGetStopsBeforeTheEnd() throws IOException {
    String study = studyOf(Samples.tinySeries().getFirst());
    AtomicInteger seen = new AtomicInteger();
    RetrieveResult r =
        DimseClient.of(ORTHANC)
            .get(
                RetrieveRequest.study(study),
                i -> seen.incrementAndGet(),
                ProgressListener.NONE,
                () -> seen.get() >= 3);
    assertThat(r.cancelled()).isTrue();
    assertThat(r.received()).isLessThan(Samples.tinySeries().size());
  }

  @Test
  void serverDownIsReportedAsRefused() {
    PacsNode down = PacsNode.of("down", "ORTHANC", "127.0.0.1", 4299, "MEDITWIN");
    assertThatThrownBy(() -> DimseClient.of(down).echo())
        .isInstanceOfSatisfying(
            PacsException.class,
            e -> assertThat(e.reason()).isEqualTo(PacsException.Reason.REFUSED))
        .hasMessageContaining("127.0.0.1:4299");
  }

  @Test
  void wrongCalledAeIsRejected() {
    PacsNode wrong = PacsNode.of("wrong", "NOT_ORTHANC", "127.0.0.1", 4242, "MEDITWIN");
    assertThatThrownBy(() -> DimseClient.of(wrong).echo())
        .isInstanceOfSatisfying(
            PacsException.class,
            e -> assertThat(e.reason()).isEqualTo(PacsException.Reason.CALLED_AE_REJECTED))
        .hasMessageContaining("NOT_ORTHANC");
  }

  @Test
  void unknownCallingAeCannotQuery() {
    PacsNode stranger = PacsNode.of("stranger", "ORTHANC", "127.0.0.1", 4242, "STRANGER");
    assertThatThrownBy(() -> DimseClient.of(stranger).find(PacsQuery.studies(), 10))
        .isInstanceOf(PacsException.class);
  }

  @Test
  void stowedObjectIsFoundByQidoAndReturnedIdenticallyByWado() throws IOException {
    DicomWebClient web = DicomWebClient.of(ORTHANC);
    Path file = Samples.stowSample();
    byte[] original = Files.readAllBytes(file);
    originals.put(Part10.parse(original).sopInstanceUid(), original);
    StoreResult sent =
        web.store(List.of(DicomSource.file(file)), ProgressListener.NONE, () -> false);
    assertThat(sent.failures()).isEmpty();
    assertThat(sent.sent()).isEqualTo(1);
    String study = PixelBytes.studyUid(original);
    List<PacsMatch> studies = web.search(PacsQuery.studies().withStudyInstanceUid(study), 10);
    assertThat(studies)
        .singleElement()
        .satisfies(m -> assertThat(m.studyInstanceUid()).contains(study));
    List<PacsMatch> series = web.search(PacsQuery.seriesOf(study), 10);
    assertThat(series).isNotEmpty();
    List<PacsMatch> instances =
        web.search(
            PacsQuery.instancesOf(study, series.getFirst().seriesInstanceUid().orElseThrow()), 10);
    assertThat(instances).extracting(m -> m.sopInstanceUid().orElseThrow()).contains(uid(file));
    ConcurrentLinkedQueue<ReceivedInstance> got = new ConcurrentLinkedQueue<>();
    List<long[]> progress = new CopyOnWriteArrayList<>();
    RetrieveResult r =
        web.retrieve(
            RetrieveRequest.study(study),
            got::add,
            (done, total, msg) -> progress.add(new long[] {done, total}),
            () -> false);
    assertThat(r.received()).isEqualTo(1);
    assertIdentical(got, List.of(file));
    assertThat(progress.getLast()).containsExactly(1, 1);
  }

  @Test
  void dicomWebFindsWhatDimseStored() throws IOException {
    DicomWebClient web = DicomWebClient.of(ORTHANC);
    String study = studyOf(Samples.mr());
    assertThat(web.search(PacsQuery.studies().withModality("MR"), 100))
        .extracting(m -> m.studyInstanceUid().orElseThrow())
        .contains(study);
    assertThat(web.search(PacsQuery.at(QueryLevel.PATIENT), 100)).isNotEmpty();
  }

  @Test
  void dicomWebErrorsAreClear() {
    DicomWebClient web = DicomWebClient.of(ORTHANC);
    assertThatThrownBy(
            () ->
                web.retrieve(
                    RetrieveRequest.study("1.2.3.4.5.6.7.8.9"),
                    i -> {},
                    ProgressListener.NONE,
                    () -> false))
        .isInstanceOfSatisfying(
            PacsException.class, e -> assertThat(e.reason()).isEqualTo(PacsException.Reason.HTTP))
        .hasMessageContaining("HTTP 404");
    DicomWebClient down =
        DicomWebClient.of(URI.create("http://127.0.0.1:8099/dicom-web"), DimseOptions.defaults());
    assertThatThrownBy(() -> down.search(PacsQuery.studies(), 1))
        .isInstanceOfSatisfying(
            PacsException.class,
            e -> assertThat(e.reason()).isEqualTo(PacsException.Reason.REFUSED));
  }

  static String uidUnchecked(Path p) {
    try {
      return uid(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Same SOP instance UIDs and transfer syntax as {@code files}, and the same pixel data bytes. */
  static void assertIdentical(java.util.Collection<ReceivedInstance> got, List<Path> files)
      throws IOException {
    List<String> expected = new ArrayList<>();
    for (Path p : files) {
      expected.add(uid(p));
    }
    assertThat(got)
        .extracting(ReceivedInstance::sopInstanceUid)
        .containsExactlyInAnyOrderElementsOf(expected);
    for (ReceivedInstance i : got) {
      byte[] original = originals.get(i.sopInstanceUid());
      Part10.Meta om = Part10.parse(original);
      Part10.Meta rm = Part10.parse(i.part10());
      assertThat(rm.transferSyntaxUid()).isEqualTo(om.transferSyntaxUid());
      assertThat(PixelBytes.of(i.part10())).isEqualTo(PixelBytes.of(original)).isNotEmpty();
    }
  }
}
