package org.meditwin.record.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.core.domain.PatientId;
import org.meditwin.core.task.ProgressListener;
import org.meditwin.record.ClinicalEvent;
import org.meditwin.record.EventFilter;
import org.meditwin.record.EventStatus;
import org.meditwin.record.EventType;
import org.meditwin.record.TestWorkstation;
import org.meditwin.record.TimelineService;
import org.meditwin.record.TimelineStats;

/** The shared Synthea bulk export (13 patients, ../shared/data/fhir/synthea-bulk10). */
class SyntheaImportTest {
  static final Path DATA = Path.of("../../../shared/data/fhir/synthea-bulk10");

  @TempDir Path dir;

  @BeforeAll
  static void dataPresent() {
    assertThat(DATA.resolve("Patient.000.ndjson"))
        .as(
            "Synthea bulk data missing: expected %s (see shared/data/README.md)",
            DATA.toAbsolutePath())
        .exists();
  }

  static long lines(String file) throws IOException {
    try (var s = Files.lines(DATA.resolve(file))) {
      return s.filter(l -> !l.isBlank()).count();
    }
  }

  @Test
  void importsEveryPatientWithTrueClinicalDatesAndReimportsWithoutDuplicates() throws IOException {
    try (TestWorkstation ws = TestWorkstation.open(dir)) {
      FhirImportResult r = FhirImport.of(ws.session).importPath(DATA, ProgressListener.NONE);
      assertThat(r.patients()).isEqualTo(13);
      assertThat(r.createdPatients()).isEqualTo(13);
      // only the 16 Device resources are not timeline material
      assertThat(r.skipped()).hasSize((int) lines("Device.000.ndjson"));
      assertThat(r.skipped()).allSatisfy(s -> assertThat(s.reason()).contains("Device"));
      long expected =
          lines("AllergyIntolerance.000.ndjson")
              + lines("Condition.000.ndjson")
              + lines("DocumentReference.000.ndjson")
              + lines("Encounter.000.ndjson")
              + lines("Immunization.000.ndjson")
              + lines("MedicationRequest.000.ndjson")
              + lines("Procedure.000.ndjson");
      assertThat(r.events()).isEqualTo((int) expected);
      assertThat(r.links()).isGreaterThan(4000);
      assertThat(ws.session.patients().search("", 50))
          .allSatisfy(p -> assertThat(p.synthetic()).isTrue());

      // Condition 0023b3a7…: Sepsis, onset 1976-01-19T22:58:16-05:00 for patient 129c6ac7…
      String pid =
          ws.session
              .patients()
              .search("129c6ac7-8d06-89de-ad63-0204a93e76c3", 5)
              .getFirst()
              .id()
              .value();
      TimelineService timeline = TimelineService.of(ws.session);
      List<ClinicalEvent> sepsis = timeline.find(pid, EventFilter.all().withText("sepsis"));
      assertThat(sepsis)
          .filteredOn(
              e ->
                  e.provenance()
                      .sourceId()
                      .equals("Condition/0023b3a7-2ded-840c-ee5b-6b123fdcfb0b"))
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.date()).isEqualTo(LocalDate.of(1976, 1, 19));
                assertThat(e.type()).isEqualTo(EventType.DIAGNOSIS);
                assertThat(e.status()).isEqualTo(EventStatus.ACTIVE);
              });
      TimelineStats stats = timeline.stats(pid);
      assertThat(stats.byType().get(EventType.VISIT)).isPositive();
      assertThat(stats.first().orElseThrow()).isBefore(LocalDate.of(2000, 1, 1));

      FhirImportResult again = FhirImport.of(ws.session).importPath(DATA, ProgressListener.NONE);
      assertThat(again.createdPatients()).isZero();
      assertThat(again.events()).isEqualTo(r.events());
      int total = 0;
      for (String id : r.patientIds()) {
        total += timeline.count(id);
      }
      assertThat(total).isEqualTo(r.events());
      assertThat(ws.session.audit().verify().ok()).isTrue();
      assertThat(ws.session.patients().find(new PatientId(pid))).isPresent();
    }
  }
}
