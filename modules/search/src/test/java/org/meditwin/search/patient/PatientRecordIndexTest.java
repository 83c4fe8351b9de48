package org.meditwin.search.patient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.meditwin.core.service.UserSession;
import org.meditwin.search.HashingTestEmbedder;
import org.meditwin.search.IndexKeyMismatchException;
import org.meditwin.search.TextEmbedder;
import org.meditwin.store.EmbeddedWorkstation;

class PatientRecordIndexTest {
  private static final byte[] KEY = new byte[32];
  private static final String MARKER = "Quorvandelitis";
  private static final LocalDate DAY = LocalDate.of(2026, 3, 2);

  static {
    Arrays.fill(KEY, (byte) 7);
  }

  @TempDir Path tmp;

  private PatientRecordIndex open(Optional<TextEmbedder> encoder) {
    return PatientRecordIndex.open(tmp.resolve("idx"), KEY, encoder);
  }

  private static PatientRecord note(String id, String patient, String title, String text) {
    return new PatientRecord(
        id, patient, RecordKind.NOTE, title, text, DAY, Optional.of("audiology"));
  }

  private static PatientRecord record(
      String id, String patient, RecordKind kind, String title, String text) {
    return new PatientRecord(id, patient, kind, title, text, DAY, Optional.empty());
  }

  @Test
  void findsARecordByItsWordsWithAHighlightedSnippet() {
    try (PatientRecordIndex index = open(Optional.empty())) {
      index.upsert(
          note(
              "note:1",
              "p1",
              "Audiology visit",
              "Bilateral tinnitus for two years. Otoscopy normal. Mild sensorineural loss."));
      index.upsert(note("note:2", "p1", "Cardiology visit", "Chest pain on exertion."));
      List<PatientRecordHit> hits = index.search("tinnitus", Optional.of("p1"), Set.of(), 10);
      assertThat(hits).extracting(PatientRecordHit::id).containsExactly("note:1");
      PatientRecordHit hit = hits.get(0);
      assertThat(hit.snippet()).contains("«tinnitus»");
      assertThat(hit.kind()).isEqualTo(RecordKind.NOTE);
      assertThat(hit.patientId()).isEqualTo("p1");
      assertThat(hit.title()).isEqualTo("Audiology visit");
      assertThat(hit.date()).isEqualTo(DAY);
      assertThat(hit.score()).isPositive();
      assertThat(index.semantic()).isFalse();
    }
  }

  @Test
  void patientFilterIsAppliedInsideTheKnnSearchAndStillFillsK() {
    // 300 near-identical records of other patients and 10 of p-small: a post-filter over the
    // top candidates would find few or none of p-small's records.
    try (PatientRecordIndex index = open(Optional.of(new HashingTestEmbedder()))) {
      for (int i = 0; i < 300; i++) {
        index.upsert(
            note("other:" + i, "p" + (i % 30), "Hearing test", "Hearing test audiogram " + i));
      }
      for (int i = 0; i < 10; i++) {
        index.upsert(
            note("mine:" + i, "p-small", "Visit", "Dizziness and unsteady gait, visit " + i));
      }
      assertThat(index.semantic()).isTrue();
      List<PatientRecordHit> hits =
          index.search("hearing test audiogram", Optional.of("p-small"), Set.of(), 10);
      assertThat(hits).hasSize(10).allMatch(h -> h.patientId().equals("p-small"));
      assertThat(index.count()).isEqualTo(310);
    }
  }

  @Test
  void kindFilterRestrictsResultsInEveryMode() {
    for (Optional<TextEmbedder> enc :
        List.<Optional<TextEmbedder>>of(Optional.empty(), Optional.of(new HashingTestEmbedder()))) {
      Path dir = tmp.resolve("kinds-" + enc.isPresent());
      try (PatientRecordIndex index = PatientRecordIndex.open(dir, KEY, enc)) {
        index.upsert(record("n", "p1", RecordKind.NOTE, "Note", "left ear effusion"));
        index.upsert(record("d", "p1", RecordKind.DOCUMENT, "Letter", "left ear effusion letter"));
        index.upsert(
            record("i", "p1", RecordKind.IMAGING_REPORT, "CT temporal", "left ear effusion CT"));
        index.upsert(record("t", "p1", RecordKind.TIMELINE_EVENT, "Otitis", "left ear effusion"));
        assertThat(
                index.search(
                    "ear effusion",
                    Optional.empty(),
                    Set.of(RecordKind.IMAGING_REPORT, RecordKind.DOCUMENT),
                    10))
            .extracting(PatientRecordHit::id)
            .containsExactlyInAnyOrder("i", "d");
        assertThat(index.search("ear effusion", Optional.of("p1"), Set.of(), 10))
            .extracting(PatientRecordHit::kind)
            .containsExactlyInAnyOrder(RecordKind.values());
        assertThat(index.search("ear effusion", Optional.of("p2"), Set.of(), 10)).isEmpty();
      }
    }
  }

  @Test
  void oneHitPerRecordEvenWhenItHasManyChunks() {
    try (PatientRecordIndex index = open(Optional.of(new HashingTestEmbedder()))) {
      String longText = "Tinnitus was discussed again today at length. ".repeat(200);
      index.upsert(note("note:long", "p1", "Long note", longText));
      index.upsert(note("note:short", "p1", "Short note", "Tinnitus better."));
      List<PatientRecordHit> hits = index.search("tinnitus", Optional.of("p1"), Set.of(), 10);
      assertThat(hits)
          .extracting(PatientRecordHit::id)
          .containsExactlyInAnyOrder("note:long", "note:short");
      assertThat(index.count()).isEqualTo(2);
    }
  }

  @Test
  void upsertReplacesDeleteAndDeletePatientRemove() {
    try (PatientRecordIndex index = open(Optional.of(new HashingTestEmbedder()))) {
      index.upsert(note("note:1", "p1", "Visit", "vertigo episodes"));
      index.upsert(note("note:1", "p1", "Visit", "otalgia only"));
      assertThat(index.search("vertigo", Optional.empty(), Set.of(), 10))
          .noneMatch(h -> h.snippet().contains("vertigo"));
      assertThat(index.search("otalgia", Optional.empty(), Set.of(), 10))
          .extracting(PatientRecordHit::id)
          .containsExactly("note:1");
      assertThat(index.count()).isEqualTo(1);

      index.upsert(note("note:2", "p2", "Visit", "otalgia right"));
      index.upsert(note("note:3", "p2", "Visit", "otalgia left"));
      index.delete("note:1");
      index.delete("never-indexed");
      assertThat(index.search("otalgia", Optional.empty(), Set.of(), 10))
          .extracting(PatientRecordHit::id)
          .containsExactlyInAnyOrder("note:2", "note:3");
      index.deletePatient("p2");
      assertThat(index.search("otalgia", Optional.empty(), Set.of(), 10)).isEmpty();
      assertThat(index.count()).isZero();
    }
  }

  @Test
  void everyChangeIsCommittedAndSurvivesReopen() {
    PatientRecordIndex index = open(Optional.empty());
    index.upsert(note("note:1", "p1", "Visit", "presbycusis follow-up"));
    index.upsert(note("note:2", "p1", "Visit", "cerumen removed"));
    index.delete("note:2");
    // Reading the files while the writer is still open sees the commits (crash-safety).
    assertThat(committedRecordsOnDiskWhileOpen()).isTrue();
    index.close();
    index.close(); // idempotent
    assertThatThrownBy(() -> index.search("x", Optional.empty(), Set.of(), 5))
        .isInstanceOf(IllegalStateException.class);

    try (PatientRecordIndex reopened = open(Optional.empty())) {
      assertThat(reopened.count()).isEqualTo(1);
      assertThat(reopened.search("presbycusis", Optional.of("p1"), Set.of(), 5))
          .extracting(PatientRecordHit::id)
          .containsExactly("note:1");
    }
  }

  private boolean committedRecordsOnDiskWhileOpen() {
    try (Stream<Path> files = Files.list(tmp.resolve("idx"))) {
      return files.anyMatch(f -> f.getFileName().toString().startsWith("segments_"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void similarFindsRelatedRecordsOfThePatientButNotTheRecordItself() {
    try (PatientRecordIndex index = open(Optional.of(new HashingTestEmbedder()))) {
      index.upsert(note("a", "p1", "Visit", "Sudden right sensorineural hearing loss, tinnitus"));
      index.upsert(note("b", "p1", "Visit", "Right sensorineural hearing loss improving"));
      index.upsert(note("c", "p1", "Visit", "Ankle sprain after football"));
      index.upsert(note("d", "p2", "Visit", "Right sensorineural hearing loss, sudden onset"));
      List<PatientRecordHit> similar = index.similar("a", Optional.of("p1"), 5);
      assertThat(similar).extracting(PatientRecordHit::id).doesNotContain("a", "d");
      assertThat(similar.get(0).id()).isEqualTo("b");
      assertThat(index.similar("a", Optional.empty(), 5))
          .extracting(PatientRecordHit::id)
          .contains("b", "d")
          .doesNotContain("a");
      assertThat(index.similar("missing", Optional.empty(), 5)).isEmpty();
    }
  }

  @Test
  void similarWorksWithoutAnEncoder() {
    try (PatientRecordIndex index = open(Optional.empty())) {
      index.upsert(note("a", "p1", "Visit", "Meniere disease with episodic vertigo"));
      index.upsert(note("b", "p1", "Visit", "Episodic vertigo, Meniere suspected"));
      index.upsert(note("c", "p1", "Visit", "Ankle sprain"));
      List<PatientRecordHit> similar = index.similar("a", Optional.of("p1"), 5);
      assertThat(similar.get(0).id()).isEqualTo("b");
      assertThat(similar).extracting(PatientRecordHit::id).doesNotContain("a");
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "AND OR NOT",
        "title:(tinnitus OR \"x) AND *",
        "+-&&||!(){}[]^\"~*?:\\/",
        "耳鸣 和 听力 损失",
        "कान में घंटी",
        "???",
        "\u0000\u0001"
      })
  void badQueriesReturnResultsOrNothingButNeverThrow(String query) {
    try (PatientRecordIndex index = open(Optional.of(new HashingTestEmbedder()))) {
      index.upsert(note("n", "p1", "Visit", "耳鸣 tinnitus and कान pain; title: OR AND"));
      assertThat(index.search(query, Optional.of("p1"), Set.of(), 10)).isNotNull();
    }
  }

  @Test
  void hugeAndNonLatinQueriesStillFindRecords() {
    try (PatientRecordIndex index = open(Optional.of(new HashingTestEmbedder()))) {
      index.upsert(note("zh", "p1", "随访", "患者 耳鸣 两年"));
      index.upsert(note("en", "p1", "Visit", "tinnitus for two years"));
      String huge = "tinnitus ".repeat(200_000);
      assertThat(index.search(huge, Optional.of("p1"), Set.of(), 10))
          .extracting(PatientRecordHit::id)
          .contains("en");
      assertThat(index.search("耳鸣", Optional.of("p1"), Set.of(), 10))
          .extracting(PatientRecordHit::id)
          .contains("zh");
      assertThat(index.search(null, Optional.empty(), Set.of(), 10)).isEmpty();
    }
  }

  @Test
  void rejectsInvalidArguments() {
    try (PatientRecordIndex index = open(Optional.empty())) {
      assertThatThrownBy(() -> index.search("x", Optional.empty(), Set.of(), 0))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> index.search("x", Optional.empty(), Set.of(), 10_000))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> note(" ", "p1", "t", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> note("id", "", "t", "x")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void highlightMarksAreUnambiguous() {
    try (PatientRecordIndex index = open(Optional.empty())) {
      index.upsert(note("n", "p1", "Visit", "He said «tinnitus» again"));
      String snippet = index.search("tinnitus", Optional.empty(), Set.of(), 1).get(0).snippet();
      assertThat(snippet).isEqualTo("He said ‹«tinnitus»› again");
    }
  }

  @Test
  void noIndexFileContainsRecordTextPatientIdsOrSpecialty() throws IOException {
    try (PatientRecordIndex index = open(Optional.of(new HashingTestEmbedder()))) {
      for (int i = 0; i < 40; i++) {
        index.upsert(
            new PatientRecord(
                "note:" + MARKER + i,
                "PATIENT-" + MARKER,
                RecordKind.values()[i % 4],
                "Visit " + MARKER,
                "Reports " + MARKER + " since March, blood pressure 140/90, visit " + i,
                DAY,
                Optional.of("otorhinolaryngology")));
      }
      assertThat(index.search(MARKER, Optional.empty(), Set.of(), 5)).isNotEmpty();
      assertThat(filesContaining(tmp.resolve("idx"))).isEmpty(); // committed, still open
    }
    assertThat(filesContaining(tmp.resolve("idx"))).isEmpty();
  }

  @Test
  void wrongKeyIsRejected() {
    open(Optional.empty()).close();
    try (PatientRecordIndex index = open(Optional.empty())) {
      index.upsert(note("n", "p1", "Visit", "x"));
    }
    byte[] other = new byte[32];
    assertThatThrownBy(() -> PatientRecordIndex.open(tmp.resolve("idx"), other, Optional.empty()))
        .isInstanceOf(java.io.UncheckedIOException.class)
        .hasCauseInstanceOf(IndexKeyMismatchException.class);
  }

  @Test
  void concurrentWritersAndReadersLoseNothing() throws Exception {
    try (PatientRecordIndex index = open(Optional.of(new HashingTestEmbedder()));
        ExecutorService pool = Executors.newFixedThreadPool(4)) {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 15; i++) {
                    index.upsert(
                        note("t" + thread + ":" + i, "p" + thread, "Visit", "otitis " + i));
                    index.search("otitis", Optional.of("p" + thread), Set.of(), 5);
                  }
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
      assertThat(index.count()).isEqualTo(60);
      assertThat(index.search("otitis", Optional.of("p2"), Set.of(), 50)).hasSize(15);
    }
  }

  @Test
  void patientIndexesUsesTheSessionsDerivedKeyUnderTheDataDirectory() {
    Path data = tmp.resolve("data");
    Clock clock = Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC);
    try (EmbeddedWorkstation ws =
            EmbeddedWorkstation.open(data, EmbeddedWorkstation.Options.fastKdfForTests(clock));
        UserSession session =
            ws.initialise("admin", "Ada Admin", "admin-password-1".toCharArray())) {
      try (PatientRecordIndex index = PatientIndexes.open(session, data, Optional.empty())) {
        index.upsert(note("n", "p1", "Visit", "otosclerosis " + MARKER));
      }
      assertThat(PatientIndexes.directoryIn(data)).isEqualTo(data.resolve("patient-index"));
      try (PatientRecordIndex index = PatientIndexes.open(session, data, Optional.empty())) {
        assertThat(index.search("otosclerosis", Optional.of("p1"), Set.of(), 5)).hasSize(1);
      }
      byte[] key = session.clinicalStore().derivedKey(PatientIndexes.KEY_PURPOSE);
      assertThat(key).hasSize(32);
      assertThatThrownBy(
              () ->
                  PatientRecordIndex.open(
                      PatientIndexes.directoryIn(data), new byte[32], Optional.empty()))
          .isInstanceOf(java.io.UncheckedIOException.class)
          .hasCauseInstanceOf(IndexKeyMismatchException.class);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    assertThat(filesContaining(PatientIndexes.directoryIn(data))).isEmpty();
  }

  private static List<Path> filesContaining(Path dir) {
    byte[][] needles = {
      MARKER.getBytes(StandardCharsets.UTF_8),
      MARKER.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8),
      MARKER.substring(0, 8).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8),
      "PATIENT-".getBytes(StandardCharsets.UTF_8),
      "otorhinolaryngology".getBytes(StandardCharsets.UTF_8),
      "imaging_report".getBytes(StandardCharsets.UTF_8),
      "140/90".getBytes(StandardCharsets.UTF_8)
    };
    List<Path> hits = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        byte[] content = Files.readAllBytes(f);
        for (byte[] n : needles) {
          if (indexOf(content, n) >= 0) {
            hits.add(f);
            break;
          }
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return hits;
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
