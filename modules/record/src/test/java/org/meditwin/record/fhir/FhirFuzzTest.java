package org.meditwin.record.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.core.task.ProgressListener;
import org.meditwin.record.TestWorkstation;
import org.meditwin.record.TimelineService;

/**
 * Seeded corruptions of real Synthea NDJSON: the reader and importer never throw; reasons stay
 * PHI-free.
 */
class FhirFuzzTest {
  static final String PATIENT = "129c6ac7-8d06-89de-ad63-0204a93e76c3";

  @TempDir Path dir;

  static List<String> realLines() throws IOException {
    List<String> out = new ArrayList<>();
    for (String f :
        List.of(
            "Patient",
            "Encounter",
            "Condition",
            "MedicationRequest",
            "Procedure",
            "Immunization")) {
      try (Stream<String> s = Files.lines(SyntheaImportTest.DATA.resolve(f + ".000.ndjson"))) {
        s.filter(l -> l.contains(PATIENT)).limit(f.equals("Patient") ? 1 : 6).forEach(out::add);
      }
    }
    return out;
  }

  static String corrupt(String line, Random r) {
    if (line.isEmpty()) {
      return line;
    }
    int at = r.nextInt(line.length());
    return switch (r.nextInt(7)) {
      case 0 -> line.substring(0, at); // truncated
      case 1 -> line.substring(0, at) + (char) (r.nextInt(94) + 33) + line.substring(at + 1);
      case 2 -> line.substring(0, at) + line.substring(at + 1); // deleted char
      case 3 -> line.substring(0, at) + "\"}]{" + line.substring(at); // structure junk
      case 4 -> line.replace("\"resourceType\":\"", "\"resourceType\":\"X");
      case 5 -> line.replaceFirst("\\d{4}-\\d{2}-\\d{2}", "2024-13-45"); // impossible date
      default -> line.replace("\"subject\"", "\"subjekt\"").replace("\"patient\"", "\"patiente\"");
    };
  }

  @Test
  void readerSurvivesRandomBytesAndCorruptedLines() throws IOException {
    List<String> lines = realLines();
    Random r = new Random(20261122);
    FhirReader reader = new FhirReader();
    for (int i = 0; i < 400; i++) {
      StringBuilder b = new StringBuilder();
      for (String l : lines) {
        b.append(r.nextInt(4) == 0 ? corrupt(l, r) : l).append('\n');
      }
      byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
      if (i % 5 == 0) {
        bytes[r.nextInt(bytes.length)] = (byte) r.nextInt(256); // raw byte damage, maybe not UTF-8
      }
      List<FhirReader.Located> ok = new ArrayList<>();
      List<FhirSkipped> skipped = new ArrayList<>();
      reader.readNdjson(new ByteArrayInputStream(bytes), "fuzz.ndjson", ok, skipped);
      assertThat(ok.size() + skipped.size()).isLessThanOrEqualTo(lines.size() + 1);
      assertThat(skipped).allSatisfy(s -> assertThat(s.reason()).isNotBlank());
    }
  }

  @Test
  void importerNeverThrowsOnCorruptedRealLinesAndKeepsTheAuditChain() throws IOException {
    List<String> lines = realLines();
    Random r = new Random(7);
    try (TestWorkstation ws = TestWorkstation.open(dir)) {
      FhirImport importer = FhirImport.of(ws.session);
      TimelineService timeline = TimelineService.of(ws.session);
      for (int i = 0; i < 40; i++) {
        StringBuilder b = new StringBuilder();
        for (String l : lines) {
          b.append(r.nextInt(3) == 0 ? corrupt(l, r) : l).append('\n');
        }
        FhirImportResult res =
            importer.importNdjson(
                new ByteArrayInputStream(b.toString().getBytes(StandardCharsets.UTF_8)),
                "fuzz-" + i + ".ndjson",
                ProgressListener.NONE);
        assertThat(res.events()).isLessThanOrEqualTo(lines.size());
        for (String pid : res.patientIds()) {
          // re-imports update in place: the record never holds more than one event per source
          assertThat(timeline.count(pid)).isLessThanOrEqualTo(lines.size() * 2);
        }
        assertThat(res.skipped())
            .allSatisfy(s -> assertThat(s.reason()).doesNotContain("Marine542"));
      }
      assertThat(ws.session.audit().verify().ok()).isTrue();
    }
  }
}
