package org.meditwin.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.core.domain.AuditAction;
import org.meditwin.core.domain.AuditEvent;
import org.meditwin.core.domain.PatientId;
import org.meditwin.core.service.AuditLog;

class TimelineServiceTest {
  @TempDir Path dir;
  TestWorkstation ws;
  TimelineService timeline;
  String patient;

  @BeforeEach
  void open() {
    ws = TestWorkstation.open(dir);
    timeline = TimelineService.of(ws.session);
    patient = ws.newPatient("Timeline");
  }

  @AfterEach
  void close() {
    ws.close();
  }

  private ClinicalEvent event(EventType type, String title, LocalDate date) {
    return ClinicalEvent.of(patient, type, title, date, Provenance.manual());
  }

  private List<AuditEvent> audit(int n) {
    return ws.session.audit().find(AuditLog.Filter.all(), n);
  }

  @Test
  void addedEventIsReadBackWithEveryFieldAndAnAuditEntry() {
    ClinicalEvent in =
        event(EventType.DIAGNOSIS, "Sensorineural hearing loss", LocalDate.of(2021, 6, 3))
            .withCode("SNOMED:60700002")
            .withBodyPart("inner ear", Laterality.LEFT)
            .withSeverity("moderate")
            .withStatus(EventStatus.ACTIVE)
            .withEndDate(LocalDate.of(2022, 1, 1))
            .withValue(45, "dB HL");
    ClinicalEvent stored = timeline.add(in);

    assertThat(stored.id()).isNotBlank();
    assertThat(timeline.get(stored.id())).contains(stored);
    assertThat(timeline.find(patient, EventFilter.all())).containsExactly(stored);
    List<AuditEvent> entries = audit(10);
    assertThat(entries)
        .extracting(AuditEvent::action)
        .contains(AuditAction.PHI_CREATE, AuditAction.PHI_READ, AuditAction.PHI_SEARCH);
    assertThat(entries)
        .filteredOn(a -> a.action() == AuditAction.PHI_CREATE)
        .extracting(AuditEvent::targetId)
        .contains(stored.id());
    assertThat(entries).allSatisfy(a -> assertThat(a.detail()).doesNotContain("hearing"));
    assertThat(ws.session.audit().verify().ok()).isTrue();
  }

  @Test
  void documentProvenanceKeepsPageAndOffsets() {
    ClinicalEvent stored =
        timeline.add(
            ClinicalEvent.of(
                patient,
                EventType.SYMPTOM,
                "Tinnitus",
                LocalDate.of(2020, 1, 2),
                Provenance.document("doc-1", 3, 120, 131)));
    ClinicalEvent back = timeline.get(stored.id()).orElseThrow();
    assertThat(back.provenance().page()).hasValue(3);
    assertThat(back.provenance().start()).hasValue(120);
    assertThat(back.provenance().end()).hasValue(131);
    assertThat(back.provenance().describe()).isEqualTo("document doc-1 p.3 120–131");
  }

  @Test
  void findReturnsEventsInClinicalDateOrderNotInsertionOrder() {
    timeline.add(event(EventType.VISIT, "Second visit", LocalDate.of(2024, 5, 1)));
    timeline.add(event(EventType.VISIT, "First visit", LocalDate.of(2019, 2, 1)));
    timeline.add(event(EventType.VISIT, "Middle visit", LocalDate.of(2021, 7, 9)));
    assertThat(timeline.find(patient, EventFilter.all()))
        .extracting(ClinicalEvent::title)
        .containsExactly("First visit", "Middle visit", "Second visit");
  }

  @Test
  void filtersCombineTextTypeBodyPartAndDateRange() {
    timeline.addAll(
        List.of(
            event(EventType.DIAGNOSIS, "Otitis media", LocalDate.of(2020, 1, 5))
                .withBodyPart("middle ear", Laterality.LEFT),
            event(EventType.DIAGNOSIS, "Cochlear hearing loss", LocalDate.of(2022, 3, 5))
                .withBodyPart("cochlea", Laterality.RIGHT),
            event(EventType.MEDICATION, "Amoxicillin 500 mg", LocalDate.of(2020, 1, 5)),
            event(EventType.DIAGNOSIS, "Sprain of ankle", LocalDate.of(2022, 8, 1))
                .withBodyPart("ankle", Laterality.RIGHT)));

    assertThat(timeline.find(patient, EventFilter.all().withText("AMOXI")))
        .extracting(ClinicalEvent::title)
        .containsExactly("Amoxicillin 500 mg");
    assertThat(timeline.find(patient, EventFilter.all().withTypes(Set.of(EventType.DIAGNOSIS))))
        .hasSize(3);
    // the ear contains the middle ear and the cochlea
    assertThat(timeline.find(patient, EventFilter.all().withBodyPart("Ear")))
        .extracting(ClinicalEvent::title)
        .containsExactly("Otitis media", "Cochlear hearing loss");
    assertThat(
            timeline.find(
                patient,
                EventFilter.all()
                    .withBodyPart("ear")
                    .between(LocalDate.of(2021, 1, 1), LocalDate.of(2022, 12, 31))))
        .extracting(ClinicalEvent::title)
        .containsExactly("Cochlear hearing loss");
    assertThat(timeline.find(patient, EventFilter.all().withText("100%_"))).isEmpty();
  }

  @Test
  void affectingTheLeftEarIncludesBilateralAndExcludesTheRightEar() {
    timeline.addAll(
        List.of(
            event(EventType.DIAGNOSIS, "Otitis media", LocalDate.of(2020, 1, 5))
                .withBodyPart("middle ear", Laterality.LEFT),
            event(EventType.SYMPTOM, "Tinnitus", LocalDate.of(2021, 1, 5))
                .withBodyPart("ear", Laterality.BILATERAL),
            event(EventType.DIAGNOSIS, "Cochlear hearing loss", LocalDate.of(2022, 3, 5))
                .withBodyPart("cochlea", Laterality.RIGHT)));
    assertThat(timeline.affecting(patient, "ear", Laterality.LEFT))
        .extracting(ClinicalEvent::title)
        .containsExactly("Otitis media", "Tinnitus");
    assertThat(timeline.affecting(patient, "ear", Laterality.NONE)).hasSize(3);
  }

  @Test
  void updateChangesContentAndIsAudited() {
    ClinicalEvent e = timeline.add(event(EventType.SYMPTOM, "Dizzyness", LocalDate.of(2023, 1, 1)));
    ClinicalEvent fixed =
        new ClinicalEvent(
            e.id(),
            e.patientId(),
            EventType.SYMPTOM,
            "Dizziness",
            e.code(),
            e.date(),
            e.endDate(),
            e.bodyPart(),
            e.laterality(),
            e.severity(),
            EventStatus.RESOLVED,
            e.value(),
            e.unit(),
            e.provenance());
    timeline.update(fixed);
    assertThat(timeline.get(e.id()).orElseThrow().title()).isEqualTo("Dizziness");
    assertThat(audit(5)).extracting(AuditEvent::action).contains(AuditAction.PHI_UPDATE);
  }

  @Test
  void updatingAMissingEventFailsClearly() {
    ClinicalEvent ghost = event(EventType.NOTE, "Ghost", LocalDate.of(2023, 1, 1)).withId("nope");
    assertThatThrownBy(() -> timeline.update(ghost))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessageContaining("no longer exists");
  }

  @Test
  void deleteRemovesTheEventAndIsAudited() {
    ClinicalEvent e = timeline.add(event(EventType.NOTE, "Call back", LocalDate.of(2023, 1, 1)));
    assertThat(timeline.delete(e.id())).isTrue();
    assertThat(timeline.delete(e.id())).isFalse();
    assertThat(timeline.find(patient, EventFilter.all())).isEmpty();
    assertThat(audit(5))
        .filteredOn(a -> a.action() == AuditAction.PHI_DELETE)
        .extracting(AuditEvent::targetId)
        .containsExactly(e.id());
  }

  @Test
  void addAllIsAllOrNothing() {
    ClinicalEvent ok = event(EventType.NOTE, "Fine", LocalDate.of(2023, 1, 1));
    ClinicalEvent orphan =
        ClinicalEvent.of(
            PatientId.random().value(),
            EventType.NOTE,
            "No such patient",
            LocalDate.of(2023, 1, 1),
            Provenance.manual());
    assertThatThrownBy(() -> timeline.addAll(List.of(ok, orphan)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(timeline.count(patient)).isZero();
  }

  @Test
  void statsCountByTypeAndYearAndListActiveProblemsAndCurrentMedications() {
    timeline.addAll(
        List.of(
            event(EventType.DIAGNOSIS, "Hypertension", LocalDate.of(2019, 3, 1))
                .withStatus(EventStatus.ACTIVE),
            event(EventType.DIAGNOSIS, "Otitis media", LocalDate.of(2020, 1, 5))
                .withStatus(EventStatus.RESOLVED),
            event(EventType.MEDICATION, "Lisinopril 10 mg", LocalDate.of(2019, 3, 1))
                .withStatus(EventStatus.ACTIVE),
            event(EventType.MEDICATION, "Lisinopril 10 mg", LocalDate.of(2020, 3, 1))
                .withStatus(EventStatus.ACTIVE),
            event(EventType.MEDICATION, "Amoxicillin", LocalDate.of(2020, 1, 5))
                .withStatus(EventStatus.ACTIVE)
                .withEndDate(LocalDate.of(2020, 1, 15))));
    TimelineStats s = timeline.stats(patient);
    assertThat(s.total()).isEqualTo(5);
    assertThat(s.byType().get(EventType.MEDICATION)).isEqualTo(3);
    assertThat(s.byType().get(EventType.IMAGING)).isZero();
    assertThat(s.byYear()).containsEntry(2019, 2).containsEntry(2020, 3);
    assertThat(s.byYearAndType().get(2020)).containsEntry(EventType.DIAGNOSIS, 1);
    assertThat(s.activeProblems()).extracting(ClinicalEvent::title).containsExactly("Hypertension");
    assertThat(s.currentMedications())
        .extracting(ClinicalEvent::title)
        .containsExactly("Lisinopril 10 mg");
    assertThat(s.currentMedications().getFirst().date()).isEqualTo(LocalDate.of(2020, 3, 1));
    assertThat(s.first()).contains(LocalDate.of(2019, 3, 1));
    assertThat(s.last()).contains(LocalDate.of(2020, 3, 1));
  }

  @Test
  void inMemoryFilterAndStatsAgreeWithTheStore() {
    timeline.addAll(
        List.of(
            event(EventType.DIAGNOSIS, "Otitis media", LocalDate.of(2020, 1, 5))
                .withBodyPart("middle ear", Laterality.LEFT)
                .withStatus(EventStatus.ACTIVE),
            event(EventType.DIAGNOSIS, "Cochlear hearing loss", LocalDate.of(2022, 3, 5))
                .withBodyPart("cochlea", Laterality.RIGHT)
                .withCode("SNOMED:60700002"),
            event(EventType.MEDICATION, "Amoxicillin 500 mg", LocalDate.of(2020, 1, 5))
                .withStatus(EventStatus.ACTIVE),
            event(EventType.DIAGNOSIS, "Sprain of ankle", LocalDate.of(2022, 8, 1))
                .withBodyPart("ankle", Laterality.RIGHT)));
    List<ClinicalEvent> all = timeline.find(patient, EventFilter.all());
    for (EventFilter f :
        List.of(
            EventFilter.all().withText("60700002"),
            EventFilter.all().withText("EAR"),
            EventFilter.all().withBodyPart("ear"),
            EventFilter.all().withBodyPart("ankl"),
            EventFilter.all().withTypes(Set.of(EventType.MEDICATION)),
            EventFilter.all().between(LocalDate.of(2021, 1, 1), LocalDate.of(2022, 3, 5)))) {
      assertThat(all.stream().filter(f.predicate()).toList())
          .as(f.toString())
          .isEqualTo(timeline.find(patient, f));
    }
    TimelineStats db = timeline.stats(patient);
    TimelineStats mem = TimelineStats.of(all, LocalDate.of(2026, 3, 2));
    assertThat(mem).isEqualTo(db);
  }

  @Test
  void importTwiceUpdatesInsteadOfDuplicatingAndKeepsLinks() {
    List<ClinicalEvent> batch = new ArrayList<>();
    batch.add(
        ClinicalEvent.of(
            patient,
            EventType.VISIT,
            "Encounter",
            LocalDate.of(2020, 1, 5),
            Provenance.fhir("Encounter", "e1")));
    batch.add(
        ClinicalEvent.of(
            patient,
            EventType.DIAGNOSIS,
            "Otitis media",
            LocalDate.of(2020, 1, 5),
            Provenance.fhir("Condition", "c1")));
    List<TimelineService.SourceLink> links =
        List.of(
            new TimelineService.SourceLink(
                "Condition/c1", "Encounter/e1", EventRelation.SAME_ENCOUNTER));
    TimelineService.ImportOutcome first = timeline.importEvents(patient, batch, links);
    TimelineService.ImportOutcome second = timeline.importEvents(patient, batch, links);
    assertThat(first.created()).isEqualTo(2);
    assertThat(first.links()).isEqualTo(1);
    assertThat(second.created()).isZero();
    assertThat(second.updated()).isEqualTo(2);
    assertThat(timeline.count(patient)).isEqualTo(2);
    String condition = second.events().get(1).id();
    assertThat(timeline.related(condition))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.event().type()).isEqualTo(EventType.VISIT);
              assertThat(r.relation()).isEqualTo(EventRelation.SAME_ENCOUNTER);
              assertThat(r.outgoing()).isTrue();
            });
    assertThat(audit(10)).extracting(AuditEvent::action).contains(AuditAction.PHI_IMPORT);
  }

  @Test
  void deletingThePatientDeletesTheirEvents() {
    timeline.add(event(EventType.NOTE, "Bye", LocalDate.of(2023, 1, 1)));
    ws.session.patients().delete(new PatientId(patient));
    assertThat(timeline.count(patient)).isZero();
  }

  @Test
  void invalidEventsAreRejectedWithClearMessages() {
    assertThatThrownBy(() -> event(EventType.NOTE, "  ", LocalDate.of(2023, 1, 1)))
        .hasMessageContaining("title");
    assertThatThrownBy(
            () ->
                event(EventType.NOTE, "x", LocalDate.of(2023, 1, 5))
                    .withEndDate(LocalDate.of(2023, 1, 1)))
        .hasMessageContaining("End date");
    assertThatThrownBy(
            () ->
                event(EventType.OBSERVATION, "x", LocalDate.of(2023, 1, 5))
                    .withValue(Double.NaN, "x"))
        .hasMessageContaining("finite");
    assertThatThrownBy(() -> new Provenance("email", "x", null, null, null))
        .hasMessageContaining("provenance kind");
  }
}
