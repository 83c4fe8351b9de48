package org.meditwin.app.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.app.common.PaneContext;
import org.meditwin.app.search.EncoderLoader;
import org.meditwin.app.search.PatientRecordsService;
import org.meditwin.core.task.ProgressListener;
import org.meditwin.core.task.TaskExecutor;
import org.meditwin.record.ClinicalEvent;
import org.meditwin.record.EventIndexFeed;
import org.meditwin.record.EventStatus;
import org.meditwin.record.EventType;
import org.meditwin.record.Laterality;
import org.meditwin.record.Provenance;
import org.meditwin.record.fhir.FhirImport;
import org.meditwin.record.fhir.FhirImportResult;
import org.meditwin.search.patient.PatientRecordHit;
import org.meditwin.search.patient.RecordKind;

/**
 * Timeline events in the global search (ADR 0132): a real encrypted workstation, the session's real
 * patient-record index behind {@link PatientRecordsService} (what the global search queries), and
 * the record's index outbox drained by {@link TimelineIndexing}.
 */
class TimelineIndexingTest {
  @TempDir Path dir;
  TimelineTestKit kit;
  PatientRecordsService records;
  EventIndexFeed feed;

  @BeforeEach
  void open() {
    kit = new TimelineTestKit(dir);
    records = new PatientRecordsService(dir.resolve("data"), EncoderLoader.none());
    records.open(kit.session);
    feed = EventIndexFeed.of(kit.session);
  }

  @AfterEach
  void close() {
    records.close();
    kit.close();
  }

  private List<PatientRecordHit> globalSearch(String query, String patientId) {
    return records.find(query, patientId, 20).orElseThrow();
  }

  private void drain() {
    TimelineIndexing.drain(feed, records.index().orElseThrow(), ProgressListener.NONE);
  }

  @Test
  void createdEditedAndDeletedEventsReachTheGlobalSearchAsTimelineRecords() {
    ClinicalEvent created =
        kit.timeline.add(
            ClinicalEvent.of(
                    kit.pid(),
                    EventType.DIAGNOSIS,
                    "Cholesteatoma",
                    LocalDate.of(2022, 3, 4),
                    Provenance.manual())
                .withBodyPart("middle ear", Laterality.LEFT));
    drain();

    List<PatientRecordHit> hits = globalSearch("cholesteatoma", kit.pid());
    assertThat(hits)
        .singleElement()
        .satisfies(
            h -> {
              assertThat(h.id()).isEqualTo("event:" + created.id());
              assertThat(h.kind()).isEqualTo(RecordKind.TIMELINE_EVENT);
              assertThat(h.date()).isEqualTo(LocalDate.of(2022, 3, 4));
              assertThat(h.snippet()).contains("«Cholesteatoma»");
            });
    assertThat(PatientRecordsService.paneOf(hits.getFirst().kind()))
        .isEqualTo(PaneContext.Pane.TIMELINE);
    assertThat(globalSearch("left middle ear", kit.pid()))
        .extracting(PatientRecordHit::id)
        .contains("event:" + created.id());

    kit.timeline.update(
        ClinicalEvent.of(
                kit.pid(),
                EventType.DIAGNOSIS,
                "Otosclerosis",
                LocalDate.of(2022, 3, 4),
                Provenance.manual())
            .withId(created.id()));
    drain();
    assertThat(globalSearch("cholesteatoma", kit.pid())).isEmpty();
    assertThat(globalSearch("otosclerosis", kit.pid()))
        .extracting(PatientRecordHit::id)
        .containsExactly("event:" + created.id());

    kit.timeline.delete(created.id());
    drain();
    assertThat(globalSearch("otosclerosis", kit.pid())).isEmpty();
    assertThat(feed.backlog()).isZero();
  }

  @Test
  void thePaneIndexesItsOwnSavesAndDeletesThroughItsChangeHook() {
    TimelineViewModel vm =
        new TimelineViewModel(
            kit.timeline, TaskExecutor.sameThread(), e -> {}, java.time.Clock.systemUTC());
    vm.onChange(() -> TimelineIndexing.drainQuietly(() -> feed, records::index));
    vm.setPatient(Optional.of(kit.pid()));
    vm.save(
        ClinicalEvent.of(
            kit.pid(),
            EventType.SYMPTOM,
            "Hyperacusis",
            LocalDate.of(2023, 1, 2),
            Provenance.manual()),
        () -> {});
    assertThat(globalSearch("hyperacusis", kit.pid())).hasSize(1);

    vm.delete(vm.allEvents().getFirst());
    assertThat(globalSearch("hyperacusis", kit.pid())).isEmpty();
  }

  @Test
  void aFhirImportIsIndexedInBulkAndEnteredInErrorEventsAreNotFound() throws IOException {
    String bundle =
        """
        {"resourceType":"Bundle","type":"transaction","entry":[
         {"fullUrl":"urn:uuid:p-1","resource":{"resourceType":"Patient","name":[{"family":"Lind"}],"birthDate":"1970-01-01"}},
         {"fullUrl":"urn:uuid:c-1","resource":{"resourceType":"Condition",
           "code":{"text":"Meniere disease"},"subject":{"reference":"urn:uuid:p-1"},
           "onsetDateTime":"2021-09-14"}},
         {"fullUrl":"urn:uuid:ht-1","resource":{"resourceType":"Observation","status":"final",
           "code":{"text":"Hearing threshold 4000 Hz"},"bodySite":{"text":"Right ear"},
           "subject":{"reference":"urn:uuid:p-1"},"effectiveDateTime":"2023-05-02",
           "valueQuantity":{"value":55,"unit":"dB HL"}}}
        ]}""";
    FhirImportResult r =
        FhirImport.of(kit.session)
            .importBundle(
                new ByteArrayInputStream(bundle.getBytes(StandardCharsets.UTF_8)),
                "bundle.json",
                ProgressListener.NONE);
    String lind = r.patientIds().getFirst();
    List<Long> progress = new ArrayList<>();
    TimelineIndexing.Report report =
        TimelineIndexing.drain(
            feed, records.index().orElseThrow(), (done, total, m) -> progress.add(done));

    assertThat(report.indexed()).isEqualTo(r.events());
    assertThat(progress).isNotEmpty();
    assertThat(globalSearch("meniere", lind)).hasSize(1);
    assertThat(globalSearch("threshold 4000 right ear", lind))
        .extracting(PatientRecordHit::title)
        .contains("Hearing threshold 4000 Hz");
    assertThat(globalSearch("meniere", kit.pid())).isEmpty();

    ClinicalEvent meniere =
        kit.timeline
            .find(lind, org.meditwin.record.EventFilter.all().withText("meniere"))
            .getFirst();
    kit.timeline.update(meniere.withStatus(EventStatus.ENTERED_IN_ERROR));
    drain();
    assertThat(globalSearch("meniere", lind)).isEmpty();
  }

  @Test
  void reindexRebuildsOnePatientFromTheRecordAndDropsStaleEntries() {
    kit.timeline.addAll(kit.hearingHistory());
    drain();
    int before = records.index().orElseThrow().count();
    // an entry the record no longer backs (e.g. an index restored from an older backup)
    records
        .index()
        .orElseThrow()
        .upsert(
            TimelineIndexing.record(
                ClinicalEvent.of(
                        kit.pid(),
                        EventType.SYMPTOM,
                        "Phantom vertigo",
                        LocalDate.of(2020, 1, 1),
                        Provenance.manual())
                    .withId("gone")));
    assertThat(globalSearch("phantom", kit.pid())).hasSize(1);

    TimelineIndexing.Report report =
        TimelineIndexing.reindex(
            feed, records.index().orElseThrow(), Optional.of(kit.pid()), ProgressListener.NONE);

    assertThat(report.indexed()).isEqualTo(kit.hearingHistory().size());
    assertThat(globalSearch("phantom", kit.pid())).isEmpty();
    assertThat(records.index().orElseThrow().count()).isEqualTo(before);
    assertThat(globalSearch("tinnitus", kit.pid())).isNotEmpty();
  }

  @Test
  void eventsStoredBeforeTheIndexExistedAreQueuedAndIndexedAtTheFirstDrain() {
    kit.timeline.addAll(kit.hearingHistory());
    assertThat(feed.backlog()).isEqualTo(kit.hearingHistory().size());
    drain();
    assertThat(globalSearch("betahistine", kit.pid())).hasSize(1);
  }
}
