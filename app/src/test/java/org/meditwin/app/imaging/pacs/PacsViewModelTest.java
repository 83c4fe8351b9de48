package org.meditwin.app.imaging.pacs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.meditwin.app.i18n.I18n;
import org.meditwin.app.i18n.Language;
import org.meditwin.core.domain.Patient;
import org.meditwin.core.domain.PatientId;
import org.meditwin.core.domain.Sex;
import org.meditwin.core.task.ProgressListener;
import org.meditwin.imaging.DicomSource;
import org.meditwin.pacs.DimseClient;
import org.meditwin.pacs.DimseOptions;
import org.meditwin.pacs.EchoResult;
import org.meditwin.pacs.PacsException;
import org.meditwin.pacs.PacsMatch;
import org.meditwin.pacs.PacsNode;
import org.meditwin.pacs.PacsQuery;
import org.meditwin.pacs.QueryLevel;
import org.meditwin.pacs.ReceivedInstance;
import org.meditwin.pacs.RetrieveRequest;
import org.meditwin.pacs.RetrieveResult;
import org.meditwin.pacs.StoreResult;
import org.meditwin.pacs.StoreScp;

class PacsViewModelTest {
  static final Path CT =
      Path.of(System.getenv().getOrDefault("MEDITWIN_DATA_DIR", "../../shared/data"))
          .resolve("dicom/pydicom-testfiles/src/pydicom/data/test_files/CT_small.dcm")
          .toAbsolutePath()
          .normalize();

  private final I18n i18n = new I18n(Language.ENGLISH);

  /** Records what the view model asks; network calls go to {@code network} when given. */
  static class Recording implements PacsService {
    final List<PacsNode> saved = new ArrayList<>();
    final List<PacsQuery> queries = new ArrayList<>();
    final List<RetrieveRequest> retrieves = new ArrayList<>();
    List<PacsMatch> studies = List.of();
    List<PacsMatch> series = List.of();
    RuntimeException failure;

    @Override
    public List<PacsNode> nodes() {
      return List.copyOf(saved);
    }

    @Override
    public void save(PacsNode node) {
      saved.removeIf(n -> n.name().equalsIgnoreCase(node.name()));
      saved.add(node);
    }

    @Override
    public boolean remove(String name) {
      return saved.removeIf(n -> n.name().equalsIgnoreCase(name));
    }

    @Override
    public EchoResult echo(PacsNode node) {
      return DimseClient.of(node, DimseOptions.defaults()).echo();
    }

    @Override
    public List<PacsMatch> find(PacsNode node, PacsQuery query, boolean web, int limit) {
      if (failure != null) {
        throw failure;
      }
      queries.add(query);
      return query.level() == QueryLevel.SERIES ? series : studies;
    }

    @Override
    public Retrieved retrieve(
        PacsNode node,
        RetrieveRequest request,
        Method method,
        String patientId,
        ProgressListener progress,
        BooleanSupplier cancelled) {
      retrieves.add(request);
      progress.progress(3, 3, "3 of 3 instances");
      return new Retrieved(
          new RetrieveResult(3, 0, 0, List.of("1", "2", "3"), 300, Duration.ofMillis(5), false),
          2,
          Optional.of("archived-study-1"));
    }

    @Override
    public StoreResult send(
        PacsNode node,
        List<DicomSource> sources,
        boolean web,
        ProgressListener p,
        BooleanSupplier c) {
      return DimseClient.of(node).store(sources, p, c);
    }
  }

  static PacsMatch study(String uid) {
    return new PacsMatch(
        QueryLevel.STUDY,
        Optional.of("P-1"),
        Optional.of("Doe^Jane"),
        Optional.empty(),
        Optional.of(uid),
        Optional.of(LocalDate.of(2024, 1, 2)),
        Optional.of("CT chest"),
        Optional.empty(),
        List.of("CT"),
        Optional.empty(),
        OptionalInt.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        OptionalInt.empty(),
        OptionalInt.of(3));
  }

  static Patient patient() {
    Instant t = Instant.parse("2024-01-01T00:00:00Z");
    return new Patient(
        new PatientId("p-1"),
        "MRN-1",
        "Ann",
        "Lee",
        Optional.empty(),
        Sex.FEMALE,
        "",
        "",
        "",
        "",
        false,
        t,
        t);
  }

  private PacsViewModel model(
      PacsService service,
      Optional<Patient> patient,
      List<DicomSource> open,
      AtomicReference<String> opened) {
    return new PacsViewModel(
        i18n, service, Runnable::run, Runnable::run, () -> patient, () -> open, opened::set);
  }

  private static void fillNode(PacsViewModel m, String ae, String port) {
    m.nameProperty().set("Main");
    m.calledAeProperty().set(ae);
    m.hostProperty().set("127.0.0.1");
    m.portProperty().set(port);
  }

  @Test
  void rejectsAeTitlesLongerThanSixteenAndPortsOutOfRange() {
    Recording service = new Recording();
    PacsViewModel m = model(service, Optional.empty(), List.of(), new AtomicReference<>());
    fillNode(m, "ABCDEFGHIJKLMNOPQ", "104");
    m.saveNode();
    assertThat(m.formErrorProperty().get()).contains("1 to 16 characters");
    fillNode(m, "PACS", "70000");
    m.saveNode();
    assertThat(m.formErrorProperty().get()).contains("1 to 65535");
    m.portProperty().set("abc");
    m.saveNode();
    assertThat(m.formErrorProperty().get()).contains("1 to 65535");
    assertThat(service.saved).isEmpty();
  }

  @Test
  void savingANodeListsAndSelectsIt() {
    Recording service = new Recording();
    PacsViewModel m = model(service, Optional.empty(), List.of(), new AtomicReference<>());
    fillNode(m, "PACS", "11112");
    m.scpPortProperty().set("11113");
    m.saveNode();
    assertThat(m.formErrorProperty().get()).isEmpty();
    assertThat(m.nodes())
        .singleElement()
        .satisfies(n -> assertThat(n.storeScpPort()).hasValue(11113));
    assertThat(m.selectedNodeProperty().get().name()).isEqualTo("Main");
    assertThat(m.statusProperty().get()).isEqualTo("Node Main saved.");
    m.removeSelected();
    assertThat(m.nodes()).isEmpty();
    assertThat(m.nameProperty().get()).isEmpty();
  }

  @Test
  void echoAndSendGoOverTheNetworkToAStoreScp() {
    List<ReceivedInstance> got = new ArrayList<>();
    try (StoreScp scp = StoreScp.start("WS", 0, got::add, ae -> true, DimseOptions.defaults())) {
      PacsViewModel m =
          model(
              new Recording(),
              Optional.empty(),
              List.of(DicomSource.file(CT)),
              new AtomicReference<>());
      fillNode(m, "WS", Integer.toString(scp.port()));
      m.echo();
      assertThat(m.statusProperty().get()).startsWith("WS answered the echo in");
      assertThat(m.errorProperty().get()).isFalse();
      m.sendOpenStudy();
      assertThat(m.statusProperty().get()).isEqualTo("Sent 1 of 1 images.");
      assertThat(got).hasSize(1);
      fillNode(m, "OTHER", Integer.toString(scp.port()));
      m.echo();
      assertThat(m.errorProperty().get()).isTrue();
      assertThat(m.statusProperty().get()).contains("does not answer to the AE title 'OTHER'");
    }
  }

  @Test
  void searchBuildsTheStudyQueryAndSelectingAStudyLoadsItsSeries() {
    Recording service = new Recording();
    service.studies = List.of(study("1.2.3"), study("1.2.4"));
    service.series = List.of(study("1.2.3"));
    PacsViewModel m = model(service, Optional.empty(), List.of(), new AtomicReference<>());
    fillNode(m, "PACS", "104");
    m.patientIdProperty().set(" P-1 ");
    m.modalityProperty().set("CT");
    m.dateFromProperty().set(LocalDate.of(2024, 1, 1));
    m.dateToProperty().set(LocalDate.of(2024, 1, 31));
    m.search();
    PacsQuery q = service.queries.getFirst();
    assertThat(q.level()).isEqualTo(QueryLevel.STUDY);
    assertThat(q.patientId()).contains("P-1");
    assertThat(q.modality()).contains("CT");
    assertThat(q.studyDateRange()).contains("20240101-20240131");
    assertThat(m.studies()).hasSize(2);
    assertThat(m.statusProperty().get()).isEqualTo("2 studies found.");
    m.selectedStudyProperty().set(m.studies().getFirst());
    assertThat(service.queries.getLast().level()).isEqualTo(QueryLevel.SERIES);
    assertThat(service.queries.getLast().studyInstanceUid()).contains("1.2.3");
    assertThat(m.series()).hasSize(1);
  }

  @Test
  void retrieveNeedsAPatientAndAStudyThenOpensTheArchivedStudy() {
    Recording service = new Recording();
    service.studies = List.of(study("1.2.3"));
    AtomicReference<String> opened = new AtomicReference<>();
    PacsViewModel noPatient = model(service, Optional.empty(), List.of(), opened);
    fillNode(noPatient, "PACS", "104");
    noPatient.retrieve();
    assertThat(noPatient.statusProperty().get()).startsWith("Open a patient first");
    assertThat(noPatient.errorProperty().get()).isTrue();

    PacsViewModel m = model(service, Optional.of(patient()), List.of(), opened);
    fillNode(m, "PACS", "104");
    m.retrieve();
    assertThat(m.statusProperty().get()).isEqualTo("Select a study in the results first.");
    m.search();
    m.selectedStudyProperty().set(m.studies().getFirst());
    m.retrieve();
    assertThat(service.retrieves).containsExactly(RetrieveRequest.study("1.2.3"));
    assertThat(m.statusProperty().get())
        .isEqualTo("Retrieved 3 images; 2 new in the patient record.");
    assertThat(opened.get()).isEqualTo("archived-study-1");
    assertThat(m.busyProperty().get()).isFalse();
  }

  @Test
  void pacsFailuresAreShownAsStatusNotThrown() {
    Recording service = new Recording();
    service.failure =
        new PacsException(
            PacsException.Reason.REFUSED, "Nothing accepts connections at 127.0.0.1:104");
    PacsViewModel m = model(service, Optional.empty(), List.of(), new AtomicReference<>());
    fillNode(m, "PACS", "104");
    m.search();
    assertThat(m.statusProperty().get()).isEqualTo("Nothing accepts connections at 127.0.0.1:104");
    assertThat(m.errorProperty().get()).isTrue();
    assertThat(m.busyProperty().get()).isFalse();
  }

  @Test
  void sendWithoutAnOpenStudyExplains() {
    PacsViewModel m = model(new Recording(), Optional.empty(), List.of(), new AtomicReference<>());
    fillNode(m, "PACS", "104");
    m.sendOpenStudy();
    assertThat(m.statusProperty().get()).isEqualTo("Open a study in the viewer first.");
  }

  @Test
  void cancelReachesTheRunningRetrieve() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch finished = new CountDownLatch(1);
    Recording service =
        new Recording() {
          @Override
          public Retrieved retrieve(
              PacsNode node,
              RetrieveRequest request,
              Method method,
              String patientId,
              ProgressListener progress,
              BooleanSupplier cancelled) {
            started.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!cancelled.getAsBoolean() && System.nanoTime() < deadline) {
              Thread.onSpinWait();
            }
            return new Retrieved(
                new RetrieveResult(
                    1, 0, 0, List.of("1"), 1, Duration.ZERO, cancelled.getAsBoolean()),
                1,
                Optional.empty());
          }
        };
    service.studies = List.of(study("1.2.3"));
    PacsViewModel m =
        new PacsViewModel(
            i18n,
            service,
            r ->
                Thread.ofVirtual()
                    .start(
                        () -> {
                          r.run();
                          finished.countDown();
                        }),
            Runnable::run,
            () -> Optional.of(patient()),
            List::of,
            id -> {});
    fillNode(m, "PACS", "104");
    m.studies().setAll(service.studies);
    m.selectedStudyProperty().set(m.studies().getFirst());
    finished.await(10, TimeUnit.SECONDS);
    CountDownLatch retrieveDone = new CountDownLatch(1);
    m.statusProperty()
        .addListener(
            (o, a, b) -> {
              if ("Cancelled.".equals(b)) {
                retrieveDone.countDown();
              }
            });
    m.retrieve();
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    m.cancel();
    assertThat(retrieveDone.await(10, TimeUnit.SECONDS)).isTrue();
  }
}
