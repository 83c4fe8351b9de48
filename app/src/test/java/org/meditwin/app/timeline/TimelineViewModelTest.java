package org.meditwin.app.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.core.domain.AuditAction;
import org.meditwin.core.service.AuditLog;
import org.meditwin.core.task.TaskExecutor;
import org.meditwin.record.ClinicalEvent;
import org.meditwin.record.EventStatus;
import org.meditwin.record.EventType;
import org.meditwin.record.Laterality;

class TimelineViewModelTest {
  @TempDir Path dir;
  TimelineTestKit kit;
  TimelineViewModel vm;
  final List<Throwable> errors = new ArrayList<>();

  @BeforeEach
  void open() {
    kit = new TimelineTestKit(dir);
    kit.timeline.addAll(kit.hearingHistory());
    vm =
        new TimelineViewModel(
            kit.timeline, TaskExecutor.sameThread(), errors::add, java.time.Clock.systemUTC());
  }

  @AfterEach
  void close() {
    kit.close();
  }

  @Test
  void loadsThePatientsEventsInDateOrderWithStatistics() {
    vm.setPatient(Optional.of(kit.pid()));
    assertThat(vm.events()).hasSize(kit.hearingHistory().size());
    assertThat(vm.events().getFirst().date()).isEqualTo(LocalDate.of(2016, 2, 9));
    assertThat(vm.events().getLast().date()).isEqualTo(LocalDate.of(2024, 6, 1));
    assertThat(vm.statsProperty().get().orElseThrow().currentMedications())
        .extracting(ClinicalEvent::title)
        .containsExactly("Betahistine 16 mg");
    assertThat(vm.statsProperty().get().orElseThrow().activeProblems())
        .extracting(ClinicalEvent::title)
        .containsExactlyInAnyOrder("Sensorineural hearing loss", "Tinnitus");
    assertThat(errors).isEmpty();
  }

  @Test
  void aRequestedEventIsShownOnceLoadedAndAHidingFilterIsCleared() {
    vm.openWhenLoaded("not-yet-loaded");
    assertThat(vm.requestedProperty().get()).isEmpty();
    vm.setPatient(Optional.of(kit.pid()));
    ClinicalEvent wanted =
        vm.events().stream()
            .filter(e -> e.type() == EventType.MEDICATION)
            .findFirst()
            .orElseThrow();

    // the request arrives while the patient's events are loading: shown once they are
    List<Runnable> queued = new ArrayList<>();
    TaskExecutor deferred =
        new TaskExecutor() {
          @Override
          public <T> java.util.concurrent.CompletableFuture<T> submit(
              String title, org.meditwin.core.task.BackgroundTask<T> task) {
            java.util.concurrent.CompletableFuture<T> f =
                new java.util.concurrent.CompletableFuture<>();
            queued.add(
                () -> {
                  try {
                    f.complete(task.run(org.meditwin.core.task.ProgressListener.NONE));
                  } catch (Exception e) {
                    f.completeExceptionally(e);
                  }
                });
            return f;
          }
        };
    TimelineViewModel loading =
        new TimelineViewModel(kit.timeline, deferred, errors::add, java.time.Clock.systemUTC());
    loading.setPatient(Optional.of(kit.pid()));
    loading.openWhenLoaded(wanted.id());
    assertThat(loading.requestedProperty().get()).isEmpty();
    queued.forEach(Runnable::run);
    assertThat(loading.requestedProperty().get()).contains(wanted);

    // with the events loaded, a request for an event the filter hides clears the filter
    vm.typeProperty().set(EventType.DIAGNOSIS);
    vm.applyFilter();
    assertThat(vm.events()).doesNotContain(wanted);
    vm.openWhenLoaded(wanted.id());
    assertThat(vm.requestedProperty().get()).contains(wanted);
    assertThat(vm.events()).contains(wanted);
    assertThat(vm.typeProperty().get()).isNull();

    // an event the patient does not have shows nothing new
    vm.setPatient(Optional.empty());
    vm.setPatient(Optional.of(kit.pid()));
    vm.openWhenLoaded("no-such-event");
    assertThat(vm.requestedProperty().get()).isEmpty();
    assertThat(errors).isEmpty();
  }

  @Test
  void noPatientShowsNothing() {
    vm.setPatient(Optional.of(kit.pid()));
    vm.setPatient(Optional.empty());
    assertThat(vm.events()).isEmpty();
    assertThat(vm.statsProperty().get()).isEmpty();
  }

  @Test
  void filtersByTextTypeBodyPartAndAReversedDateRange() {
    vm.setPatient(Optional.of(kit.pid()));
    vm.textProperty().set("threshold 4000");
    vm.applyFilter();
    assertThat(vm.events()).hasSize(16).allMatch(e -> e.title().contains("4000"));
    vm.clearFilter();
    vm.typeProperty().set(EventType.MEDICATION);
    vm.applyFilter();
    assertThat(vm.events())
        .extracting(ClinicalEvent::title)
        .containsExactly("Amoxicillin 500 mg", "Betahistine 16 mg");
    vm.clearFilter();
    vm.bodyPartProperty().set("middle ear");
    vm.applyFilter();
    assertThat(vm.events()).extracting(ClinicalEvent::title).containsExactly("Otitis media");
    vm.clearFilter();
    vm.fromProperty().set(LocalDate.of(2016, 12, 31)); // reversed: swapped by the view model
    vm.toProperty().set(LocalDate.of(2016, 1, 1));
    vm.applyFilter();
    assertThat(vm.events())
        .extracting(ClinicalEvent::title)
        .containsExactlyInAnyOrder("Otitis media", "Amoxicillin 500 mg");
  }

  @Test
  void hearingThresholdSeriesAreOnePerFrequencyAndEarOldestFirst() {
    vm.setPatient(Optional.of(kit.pid()));
    Map<String, TimelineViewModel.Series> series =
        TimelineViewModel.numericSeries(List.copyOf(vm.events()));
    List<TimelineViewModel.Series> hearing = TimelineViewModel.hearingThresholds(series);
    assertThat(hearing).hasSize(8);
    assertThat(hearing.getFirst().key()).isEqualTo("Hearing threshold 500 Hz (L)");
    assertThat(hearing.getLast().key()).isEqualTo("Hearing threshold 4000 Hz (R)");
    assertThat(hearing.getFirst().points()).hasSize(8);
    assertThat(hearing.getFirst().points().getFirst().date()).isEqualTo(LocalDate.of(2017, 6, 1));
    assertThat(hearing.getFirst().unit()).isEqualTo("dB HL");
    assertThat(series).containsKey("Systolic blood pressure");
    assertThat(hearing).noneMatch(s -> s.key().startsWith("Systolic"));
  }

  @Test
  void formCreatesUpdatesAndTheServiceAuditsEveryChange() {
    vm.setPatient(Optional.of(kit.pid()));
    int before = vm.events().size();
    ClinicalEvent draft =
        TimelineViewModel.fromForm(
            Optional.empty(),
            kit.pid(),
            EventType.PROCEDURE,
            "Tympanometry",
            "",
            LocalDate.of(2024, 6, 2),
            null,
            "middle ear",
            Laterality.LEFT,
            "",
            EventStatus.RESOLVED,
            "",
            "");
    boolean[] done = {false};
    vm.save(draft, () -> done[0] = true);
    assertThat(done[0]).isTrue();
    assertThat(vm.events()).hasSize(before + 1);
    ClinicalEvent saved =
        vm.events().stream()
            .filter(e -> e.title().equals("Tympanometry"))
            .findFirst()
            .orElseThrow();
    assertThat(saved.provenance().sourceKind()).isEqualTo("manual");

    ClinicalEvent edited =
        TimelineViewModel.fromForm(
            Optional.of(saved),
            kit.pid(),
            EventType.PROCEDURE,
            "Tympanometry (type B)",
            "",
            saved.date(),
            null,
            "middle ear",
            Laterality.LEFT,
            "",
            EventStatus.RESOLVED,
            "",
            "");
    vm.save(edited, () -> {});
    vm.delete(
        vm.events().stream().filter(e -> e.id().equals(saved.id())).findFirst().orElseThrow());
    assertThat(vm.events()).hasSize(before);
    assertThat(kit.session.audit().find(AuditLog.Filter.all(), 30))
        .extracting(a -> a.action())
        .contains(AuditAction.PHI_CREATE, AuditAction.PHI_UPDATE, AuditAction.PHI_DELETE);
    assertThat(errors).isEmpty();
  }

  @Test
  void formRejectsMissingDateAndNonNumericValues() {
    assertThatThrownBy(
            () ->
                TimelineViewModel.fromForm(
                    Optional.empty(),
                    "p",
                    EventType.NOTE,
                    "x",
                    "",
                    null,
                    null,
                    "",
                    Laterality.NONE,
                    "",
                    EventStatus.UNKNOWN,
                    "",
                    ""))
        .hasMessage("date");
    assertThatThrownBy(
            () ->
                TimelineViewModel.fromForm(
                    Optional.empty(),
                    "p",
                    EventType.OBSERVATION,
                    "x",
                    "",
                    LocalDate.of(2020, 1, 1),
                    null,
                    "",
                    Laterality.NONE,
                    "",
                    EventStatus.UNKNOWN,
                    "forty",
                    "dB"))
        .hasMessage("value");
    assertThat(
            TimelineViewModel.fromForm(
                    Optional.empty(),
                    "p",
                    EventType.OBSERVATION,
                    "x",
                    "",
                    LocalDate.of(2020, 1, 1),
                    null,
                    "",
                    Laterality.NONE,
                    "",
                    EventStatus.UNKNOWN,
                    "42,5",
                    "dB")
                .value())
        .hasValue(42.5);
  }

  @Test
  void aFailingSaveIsReportedNotThrown() {
    vm.setPatient(Optional.of(kit.pid()));
    ClinicalEvent ghost =
        ClinicalEvent.of(
                kit.pid(),
                EventType.NOTE,
                "Ghost",
                LocalDate.of(2020, 1, 1),
                org.meditwin.record.Provenance.manual())
            .withId("no-such-event");
    vm.save(ghost, () -> {});
    assertThat(errors)
        .singleElement()
        .satisfies(e -> assertThat(e).hasStackTraceContaining("no longer exists"));
  }
}
