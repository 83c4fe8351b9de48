package org.meditwin.record.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.core.domain.AuditAction;
import org.meditwin.core.domain.PatientId;
import org.meditwin.core.service.AuditLog;
import org.meditwin.core.task.ProgressListener;
import org.meditwin.record.ClinicalEvent;
import org.meditwin.record.EventFilter;
import org.meditwin.record.EventStatus;
import org.meditwin.record.EventType;
import org.meditwin.record.Laterality;
import org.meditwin.record.TestWorkstation;
import org.meditwin.record.TimelineService;

class FhirImportTest {
  @TempDir Path dir;
  TestWorkstation ws;
  FhirImport importer;
  TimelineService timeline;

  @BeforeEach
  void open() {
    ws = TestWorkstation.open(dir.resolve("home"));
    importer = FhirImport.of(ws.session);
    timeline = TimelineService.of(ws.session);
  }

  @AfterEach
  void close() {
    ws.close();
  }

  FhirImportResult ndjson(String text) throws IOException {
    return importer.importNdjson(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
        "test.ndjson",
        ProgressListener.NONE);
  }

  FhirImportResult bundle(String text) throws IOException {
    return importer.importBundle(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
        "bundle.json",
        ProgressListener.NONE);
  }

  static final String PATIENT =
      """
      {"resourceType":"Patient","id":"p1","identifier":[{"type":{"coding":[{"code":"MR"}]},"value":"MRN-77"}],\
      "name":[{"family":"Okafor","given":["Ada"]}],"gender":"female","birthDate":"1958-02-03"}""";

  static final String CONDITION =
      """
      {"resourceType":"Condition","id":"c1","subject":{"reference":"Patient/p1"},\
      "clinicalStatus":{"coding":[{"code":"active"}]},\
      "code":{"coding":[{"system":"http://snomed.info/sct","code":"65363002","display":"Otitis media"}]},\
      "bodySite":[{"text":"Left ear"}],"onsetDateTime":"2019-04-30T23:30:00-05:00","recordedDate":"2024-01-01"}""";

  @Test
  void conditionKeepsItsOnsetDateAsWrittenNotTheImportOrRecordedDate() throws IOException {
    FhirImportResult r = ndjson(PATIENT + "\n" + CONDITION + "\n");
    assertThat(r.patients()).isEqualTo(1);
    assertThat(r.events()).isEqualTo(1);
    assertThat(r.skipped()).isEmpty();
    ClinicalEvent e = timeline.find(r.patientIds().getFirst(), EventFilter.all()).getFirst();
    assertThat(e.date()).isEqualTo(LocalDate.of(2019, 4, 30));
    assertThat(e.type()).isEqualTo(EventType.DIAGNOSIS);
    assertThat(e.code()).contains("SNOMED:65363002");
    assertThat(e.status()).isEqualTo(EventStatus.ACTIVE);
    assertThat(e.bodyPart()).contains("ear");
    assertThat(e.laterality()).isEqualTo(Laterality.LEFT);
    assertThat(e.provenance().describe()).isEqualTo("fhir Condition/c1");
    assertThat(
            ws.session
                .patients()
                .find(new PatientId(r.patientIds().getFirst()))
                .orElseThrow()
                .mrn())
        .isEqualTo("MRN-77");
    assertThat(ws.session.audit().find(AuditLog.Filter.all(), 20))
        .extracting(a -> a.action())
        .contains(AuditAction.PHI_IMPORT, AuditAction.PHI_CREATE);
  }

  @Test
  void malformedLinesAreReportedOneByOneAndTheRestIsImported() throws IOException {
    String text =
        String.join(
            "\n",
            PATIENT,
            CONDITION.substring(0, 80), // truncated line
            "{\"hello\":\"world\"}",
            "{\"resourceType\":\"Spaceship\",\"id\":\"x\"}",
            "{\"resourceType\":\"Condition\",\"id\":\"nodate\",\"subject\":{\"reference\":\"Patient/p1\"},"
                + "\"code\":{\"text\":\"Cough\"}}",
            "{\"resourceType\":\"Condition\",\"id\":\"orphan\",\"subject\":{\"reference\":\"Patient/nobody\"},"
                + "\"code\":{\"text\":\"Cough\"},\"onsetDateTime\":\"2020-01-01\"}",
            "not json at all",
            "",
            CONDITION);
    FhirImportResult r = ndjson(text);
    assertThat(r.events()).isEqualTo(1);
    assertThat(r.skipped())
        .extracting(FhirSkipped::item)
        .containsExactlyInAnyOrder(
            "line 2", "line 3", "line 4", "Condition/nodate", "Condition/orphan", "line 7");
    assertThat(r.skipped())
        .filteredOn(s -> s.item().equals("Condition/nodate"))
        .singleElement()
        .extracting(FhirSkipped::reason)
        .asString()
        .contains("no onset");
    // reasons never quote the input (PHI)
    assertThat(r.skipped())
        .allSatisfy(s -> assertThat(s.reason()).doesNotContain("Okafor", "Otitis"));
  }

  @Test
  void aPatientThatCannotBeCreatedImportsNothingAndOthersContinue() throws IOException {
    String badPatient =
        "{\"resourceType\":\"Patient\",\"id\":\"p2\",\"name\":[{\"family\":\"Future\"}],"
            + "\"birthDate\":\"2999-01-01\"}";
    String badCondition = CONDITION.replace("\"c1\"", "\"c2\"").replace("Patient/p1", "Patient/p2");
    FhirImportResult r = ndjson(String.join("\n", PATIENT, badPatient, CONDITION, badCondition));
    assertThat(r.patients()).isEqualTo(1);
    assertThat(r.skipped()).extracting(FhirSkipped::item).contains("Patient/p2", "Condition/c2");
    assertThat(ws.session.patients().count()).isEqualTo(1);
  }

  @Test
  void importingTheSameDataTwiceCreatesNoDuplicates() throws IOException {
    FhirImportResult first = ndjson(PATIENT + "\n" + CONDITION);
    FhirImportResult second = ndjson(PATIENT + "\n" + CONDITION);
    assertThat(second.patientIds()).isEqualTo(first.patientIds());
    assertThat(second.createdPatients()).isZero();
    assertThat(timeline.count(first.patientIds().getFirst())).isEqualTo(1);
  }

  @Test
  void bundleWithUuidReferencesImportsVitalsComponentsHearingThresholdsAndLinks()
      throws IOException {
    String b =
        """
        {"resourceType":"Bundle","type":"transaction","entry":[
         {"fullUrl":"urn:uuid:aaaa-1","resource":{"resourceType":"Patient","name":[{"family":"Lind"}],"birthDate":"1970-01-01"}},
         {"fullUrl":"urn:uuid:enc-1","resource":{"resourceType":"Encounter","status":"finished",
           "class":{"code":"AMB"},"type":[{"text":"Audiology visit"}],"subject":{"reference":"urn:uuid:aaaa-1"},
           "period":{"start":"2023-05-02T10:00:00+02:00","end":"2023-05-02T11:00:00+02:00"}}},
         {"fullUrl":"urn:uuid:bp-1","resource":{"resourceType":"Observation","status":"final",
           "code":{"text":"Blood pressure panel"},"subject":{"reference":"urn:uuid:aaaa-1"},
           "encounter":{"reference":"urn:uuid:enc-1"},"effectiveDateTime":"2023-05-02",
           "component":[
             {"code":{"coding":[{"system":"http://loinc.org","code":"8480-6","display":"Systolic blood pressure"}]},"valueQuantity":{"value":132,"unit":"mm[Hg]"}},
             {"code":{"coding":[{"system":"http://loinc.org","code":"8462-4","display":"Diastolic blood pressure"}]},"valueQuantity":{"value":84,"unit":"mm[Hg]"}}]}},
         {"fullUrl":"urn:uuid:ht-1","resource":{"resourceType":"Observation","status":"final",
           "code":{"text":"Hearing threshold 1000 Hz"},"bodySite":{"text":"Left ear"},
           "subject":{"reference":"urn:uuid:aaaa-1"},"encounter":{"reference":"urn:uuid:enc-1"},
           "effectiveDateTime":"2023-05-02","valueQuantity":{"value":45,"unit":"dB HL"}}},
         {"fullUrl":"urn:uuid:rep-1","resource":{"resourceType":"DiagnosticReport","status":"final",
           "code":{"text":"Audiogram"},"subject":{"reference":"urn:uuid:aaaa-1"},
           "effectiveDateTime":"2023-05-02","result":[{"reference":"urn:uuid:ht-1"}]}},
         {"fullUrl":"urn:uuid:broken","resource":{"resourceType":"Observation","status":"final",
           "code":{"text":"x"},"subject":{"reference":"urn:uuid:aaaa-1"},"effectiveDateTime":"not-a-date"}}
        ]}""";
    FhirImportResult r = bundle(b);
    assertThat(r.patients()).isEqualTo(1);
    assertThat(r.skipped()).singleElement().extracting(FhirSkipped::item).isEqualTo("entry 5");
    String pid = r.patientIds().getFirst();
    List<ClinicalEvent> obs = timeline.find(pid, EventFilter.all().withText("blood pressure"));
    assertThat(obs)
        .extracting(ClinicalEvent::title, e -> e.value().getAsDouble(), e -> e.unit().orElseThrow())
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("Systolic blood pressure", 132.0, "mm[Hg]"),
            org.assertj.core.groups.Tuple.tuple("Diastolic blood pressure", 84.0, "mm[Hg]"));
    ClinicalEvent threshold = timeline.find(pid, EventFilter.all().withText("1000 Hz")).getFirst();
    assertThat(threshold.laterality()).isEqualTo(Laterality.LEFT);
    assertThat(threshold.value()).hasValue(45.0);
    assertThat(timeline.related(threshold.id()))
        .extracting(rel -> rel.event().type())
        .containsExactlyInAnyOrder(EventType.VISIT, EventType.OBSERVATION);
    assertThat(timeline.affecting(pid, "ear", Laterality.LEFT)).contains(threshold);
  }

  @Test
  void emptyFilesAndBrokenBundlesAreReportedNotThrown() throws IOException {
    Path empty = Files.createFile(dir.resolve("empty.ndjson"));
    assertThat(importer.importPath(empty, ProgressListener.NONE).skipped())
        .singleElement()
        .extracting(FhirSkipped::reason)
        .isEqualTo("empty file");
    Path truncated = dir.resolve("cut.json");
    Files.writeString(
        truncated, "{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceT");
    assertThat(importer.importPath(truncated, ProgressListener.NONE).skipped())
        .singleElement()
        .extracting(FhirSkipped::reason)
        .asString()
        .startsWith("not valid JSON");
    Path binary = dir.resolve("bin.ndjson");
    Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, '\n'});
    assertThat(importer.importPath(binary, ProgressListener.NONE).skipped()).hasSize(1);
    assertThatThrownBy(() -> importer.importPath(dir.resolve("missing"), ProgressListener.NONE))
        .isInstanceOf(IOException.class);
  }
}
