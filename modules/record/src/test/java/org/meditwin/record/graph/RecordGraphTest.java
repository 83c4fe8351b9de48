package org.meditwin.record.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.core.domain.PatientId;
import org.meditwin.record.ClinicalEvent;
import org.meditwin.record.EventRelation;
import org.meditwin.record.EventType;
import org.meditwin.record.Laterality;
import org.meditwin.record.Provenance;
import org.meditwin.record.TestWorkstation;
import org.meditwin.record.TimelineService;

/** One Neo4j start for the class (it takes seconds); each test uses its own patient. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecordGraphTest {
  @TempDir static Path dir;
  TestWorkstation ws;
  TimelineService timeline;
  RecordGraph graph;

  @BeforeAll
  void open() throws Exception {
    ws = TestWorkstation.open(dir);
    timeline = TimelineService.of(ws.session);
    graph = RecordGraph.open(ws.session, dir);
  }

  @AfterAll
  void close() {
    if (graph != null) {
      graph.close();
    }
    ws.close();
  }

  private ClinicalEvent add(
      String patient, EventType t, String title, String part, Laterality side) {
    ClinicalEvent e =
        ClinicalEvent.of(patient, t, title, LocalDate.of(2022, 3, 4), Provenance.manual())
            .withCode("SNOMED:1234");
    return timeline.add(part == null ? e : e.withBodyPart(part, side));
  }

  @Test
  void whatAffectsTheLeftEarFindsEventsOnItsPartsAndBilateralOnesWithRelatedEvents() {
    String p = ws.newPatient("Graph");
    ClinicalEvent visit = add(p, EventType.VISIT, "Audiology visit", null, Laterality.NONE);
    ClinicalEvent otitis =
        add(p, EventType.DIAGNOSIS, "Otitis media", "middle ear", Laterality.LEFT);
    ClinicalEvent tinnitus = add(p, EventType.SYMPTOM, "Tinnitus", "ear", Laterality.BILATERAL);
    ClinicalEvent right = add(p, EventType.DIAGNOSIS, "Cochlear loss", "cochlea", Laterality.RIGHT);
    add(p, EventType.DIAGNOSIS, "Sprain", "ankle", Laterality.LEFT);
    timeline.relate(otitis.id(), visit.id(), EventRelation.SAME_ENCOUNTER);

    AnatomyAnswer left = graph.whatAffects(p, "Ear", Laterality.LEFT);
    assertThat(left.part().key()).isEqualTo("ear");
    assertThat(left.events()).containsExactlyInAnyOrder(otitis, tinnitus);
    assertThat(left.related()).containsExactly(visit);

    assertThat(graph.whatAffects(p, "ear", Laterality.RIGHT).events())
        .containsExactlyInAnyOrder(tinnitus, right);
    assertThat(graph.whatAffects(p, "ear", Laterality.NONE).events()).hasSize(3);
    assertThat(graph.whatAffects(p, "head", Laterality.LEFT).events()).hasSize(2);
    assertThat(graph.bodyMap(p))
        .extracting(RecordGraph.PartCount::partKey)
        .contains("middle-ear", "ear", "cochlea", "ankle");
  }

  @Test
  void updatesAndDeletesInTheRecordReachTheGraph() {
    String p = ws.newPatient("Sync");
    ClinicalEvent e = add(p, EventType.DIAGNOSIS, "Otitis externa", "ear canal", Laterality.RIGHT);
    assertThat(graph.whatAffects(p, "ear", Laterality.RIGHT).events()).containsExactly(e);

    ClinicalEvent moved = timeline.update(e.withBodyPart("ear canal", Laterality.LEFT));
    assertThat(graph.whatAffects(p, "ear", Laterality.RIGHT).events()).isEmpty();
    assertThat(graph.whatAffects(p, "ear", Laterality.LEFT).events()).containsExactly(moved);

    timeline.delete(e.id());
    assertThat(graph.whatAffects(p, "ear", Laterality.LEFT).events()).isEmpty();
  }

  @Test
  void deletingAPatientIsDetectedAndTheGraphRebuilt() {
    String p = ws.newPatient("Gone");
    add(p, EventType.DIAGNOSIS, "Otitis media", "middle ear", Laterality.LEFT);
    graph.sync();
    long before = graph.stats().events();
    ws.session.patients().delete(new PatientId(p));
    RecordGraph.SyncReport r = graph.sync();
    assertThat(r.rebuilt()).isTrue();
    assertThat(graph.stats().events()).isEqualTo(before - 1);
  }

  @Test
  void rebuildRecreatesTheSameGraph() {
    String p = ws.newPatient("Rebuild");
    add(p, EventType.DIAGNOSIS, "Otitis media", "middle ear", Laterality.LEFT);
    graph.sync();
    RecordGraph.GraphStats before = graph.stats();
    RecordGraph.SyncReport r = graph.rebuild();
    assertThat(r.rebuilt()).isTrue();
    assertThat(graph.stats()).isEqualTo(before);
    assertThat(before.bodyParts()).isGreaterThan(80);
  }

  @Test
  void theGraphHoldsNoPhiOnlyPseudonymsIdsCodesAndDates() {
    String p = ws.newPatient("Zebediah");
    add(p, EventType.DIAGNOSIS, "Secret diagnosis text", "ear", Laterality.LEFT);
    timeline.add(
        ClinicalEvent.of(p, EventType.NOTE, "x", LocalDate.of(2020, 1, 1), Provenance.manual())
            .withBodyPart("behind Zebediah's garden shed", Laterality.NONE));
    graph.sync();
    List<Object> values = graph.allPropertyValues();
    assertThat(values).noneMatch(v -> String.valueOf(v).contains("Zebediah"));
    assertThat(values).noneMatch(v -> String.valueOf(v).contains("Secret"));
    assertThat(values).noneMatch(v -> String.valueOf(v).equals(p));
    assertThat(values).contains(graph.pseudonym(p));
    assertThat(graph.pseudonym(p)).startsWith("p_").hasSize(34);
  }

  @Test
  void unknownBodyPartsAreRefusedClearly() {
    assertThatThrownBy(() -> graph.whatAffects("x", "flux capacitor", Laterality.LEFT))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessageContaining("Unknown body part");
  }
}
