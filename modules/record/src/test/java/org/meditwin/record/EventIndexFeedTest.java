package org.meditwin.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.core.domain.AuditAction;
import org.meditwin.core.service.AuditLog;

class EventIndexFeedTest {
  @TempDir Path dir;
  TestWorkstation ws;
  TimelineService timeline;
  EventIndexFeed feed;
  String patient;

  @BeforeEach
  void open() {
    ws = TestWorkstation.open(dir);
    timeline = TimelineService.of(ws.session);
    feed = EventIndexFeed.of(ws.session);
    patient = ws.newPatient("Feed");
  }

  @AfterEach
  void close() {
    ws.close();
  }

  private ClinicalEvent event(String title) {
    return ClinicalEvent.of(
        patient, EventType.DIAGNOSIS, title, LocalDate.of(2024, 2, 1), Provenance.manual());
  }

  @Test
  void everyChangeIsQueuedAndDeliveredAsTheEventsCurrentState() {
    ClinicalEvent a = timeline.add(event("Otitis media"));
    ClinicalEvent b = timeline.add(event("Tinnitus"));
    timeline.update(a.withSeverity("severe"));
    timeline.delete(b.id());

    EventIndexFeed.Batch batch = feed.pending(100);

    assertThat(batch.upserts()).containsExactly(a.withSeverity("severe"));
    assertThat(batch.removals()).containsExactly(new EventIndexFeed.Removal(b.id(), patient));
    assertThat(batch.lastSeq()).isPositive();
    assertThat(feed.backlog()).isEqualTo(4);
    assertThat(ws.session.audit().find(AuditLog.Filter.all(), 1).getFirst().action())
        .isEqualTo(AuditAction.PHI_READ);
  }

  @Test
  void acknowledgedChangesAreNotDeliveredAgainButLaterOnesAre() {
    timeline.add(event("Otitis media"));
    EventIndexFeed.Batch first = feed.pending(100);
    feed.acknowledge(first.lastSeq());
    assertThat(feed.pending(100).isEmpty()).isTrue();

    ClinicalEvent later = timeline.add(event("Vertigo"));
    assertThat(feed.pending(100).upserts()).containsExactly(later);
  }

  @Test
  void batchesAreBoundedAndOrdered() {
    for (int i = 0; i < 5; i++) {
      timeline.add(event("Event " + i));
    }
    EventIndexFeed.Batch two = feed.pending(2);
    assertThat(two.upserts())
        .extracting(ClinicalEvent::title)
        .containsExactly("Event 0", "Event 1");
    feed.acknowledge(two.lastSeq());
    assertThat(feed.pending(10).upserts())
        .extracting(ClinicalEvent::title)
        .containsExactly("Event 2", "Event 3", "Event 4");
  }

  @Test
  void eventsEnteredInErrorAreRemovalsAndLeaveTheSnapshot() {
    ClinicalEvent wrong = timeline.add(event("Wrong chart"));
    ClinicalEvent right = timeline.add(event("Right chart"));
    timeline.update(wrong.withStatus(EventStatus.ENTERED_IN_ERROR));

    assertThat(feed.pending(100).removals())
        .containsExactly(new EventIndexFeed.Removal(wrong.id(), patient));
    EventIndexFeed.Batch snapshot = feed.snapshot(Optional.of(patient));
    assertThat(snapshot.upserts()).containsExactly(right);
    assertThat(snapshot.lastSeq()).isEqualTo(feed.pending(100).lastSeq());
  }

  @Test
  void importsAndPerPatientAcknowledgementKeepOtherPatientsQueued() {
    String other = ws.newPatient("Other");
    timeline.importEvents(
        patient,
        List.of(
            ClinicalEvent.of(
                patient,
                EventType.DIAGNOSIS,
                "Imported",
                LocalDate.of(2020, 1, 1),
                Provenance.fhir("Condition", "c-1"))),
        List.of());
    timeline.add(
        ClinicalEvent.of(
            other, EventType.SYMPTOM, "Cough", LocalDate.of(2024, 1, 1), Provenance.manual()));

    EventIndexFeed.Batch snap = feed.snapshot(Optional.of(patient));
    assertThat(snap.upserts()).extracting(ClinicalEvent::title).containsExactly("Imported");
    feed.acknowledgePatient(patient, snap.lastSeq());

    assertThat(feed.pending(100).upserts())
        .extracting(ClinicalEvent::title)
        .containsExactly("Cough");
    assertThat(feed.snapshot(Optional.empty()).upserts()).hasSize(2);
  }
}
