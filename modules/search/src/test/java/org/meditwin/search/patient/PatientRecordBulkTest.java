package org.meditwin.search.patient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.core.task.ProgressListener;

/** Bulk changes of the patient-record index (timeline imports and rebuilds, ADR 0132). */
class PatientRecordBulkTest {
  private static final byte[] KEY = new byte[32];
  private static final LocalDate DAY = LocalDate.of(2025, 4, 9);

  static {
    Arrays.fill(KEY, (byte) 3);
  }

  @TempDir Path tmp;

  private static PatientRecord event(String id, String patient, String title) {
    return new PatientRecord(
        "event:" + id, patient, RecordKind.TIMELINE_EVENT, title, title, DAY, Optional.empty());
  }

  @Test
  void upsertAllIndexesEveryRecordWithProgressAndReplacesExistingOnes() {
    List<PatientRecord> many = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      many.add(event("e" + i, "p1", "Audiogram " + i + " left ear"));
    }
    AtomicInteger lastDone = new AtomicInteger();
    ProgressListener progress = (done, total, message) -> lastDone.set((int) done);
    try (PatientRecordIndex index = PatientRecordIndex.open(tmp, KEY, Optional.empty())) {
      index.upsertAll(many, progress);
      index.upsertAll(List.of(event("e7", "p1", "Cochlear implant activation")), progress);
      assertThat(index.count()).isEqualTo(300);
      assertThat(lastDone.get()).isEqualTo(1);
      assertThat(index.search("cochlear", Optional.of("p1"), Set.of(), 5))
          .extracting(PatientRecordHit::id)
          .containsExactly("event:e7");
    }
    try (PatientRecordIndex reopened = PatientRecordIndex.open(tmp, KEY, Optional.empty())) {
      assertThat(reopened.count()).isEqualTo(300);
    }
  }

  @Test
  void deleteAllRemovesOnlyTheGivenRecords() {
    try (PatientRecordIndex index = PatientRecordIndex.open(tmp, KEY, Optional.empty())) {
      index.upsertAll(
          List.of(
              event("a", "p1", "Otitis"),
              event("b", "p1", "Otalgia"),
              event("c", "p1", "Otosclerosis")),
          ProgressListener.NONE);
      index.deleteAll(List.of("event:a", "event:c", "event:missing"));
      assertThat(index.search("otitis otalgia otosclerosis", Optional.empty(), Set.of(), 10))
          .extracting(PatientRecordHit::id)
          .containsExactly("event:b");
    }
  }

  @Test
  void deleteKindRemovesOneKindOfOnePatientOrOfAll() {
    try (PatientRecordIndex index = PatientRecordIndex.open(tmp, KEY, Optional.empty())) {
      index.upsertAll(
          List.of(
              event("a", "p1", "Tinnitus"),
              event("b", "p2", "Tinnitus"),
              new PatientRecord(
                  "note:n", "p1", RecordKind.NOTE, "Visit", "Tinnitus", DAY, Optional.empty())),
          ProgressListener.NONE);

      index.deleteKind(Optional.of("p1"), RecordKind.TIMELINE_EVENT);
      assertThat(index.search("tinnitus", Optional.empty(), Set.of(), 10))
          .extracting(PatientRecordHit::id)
          .containsExactlyInAnyOrder("event:b", "note:n");

      index.deleteKind(Optional.empty(), RecordKind.TIMELINE_EVENT);
      assertThat(index.search("tinnitus", Optional.empty(), Set.of(), 10))
          .extracting(PatientRecordHit::id)
          .containsExactly("note:n");
    }
  }

  @Test
  void replaceKindSwapsOnePatientsEventsAndRefusesForeignRecords() {
    try (PatientRecordIndex index = PatientRecordIndex.open(tmp, KEY, Optional.empty())) {
      index.upsertAll(
          List.of(event("old", "p1", "Vertigo"), event("other", "p2", "Vertigo")),
          ProgressListener.NONE);
      index.replaceKind(
          Optional.of("p1"),
          RecordKind.TIMELINE_EVENT,
          List.of(event("new", "p1", "Vertigo")),
          ProgressListener.NONE);
      assertThat(index.search("vertigo", Optional.empty(), Set.of(), 10))
          .extracting(PatientRecordHit::id)
          .containsExactlyInAnyOrder("event:new", "event:other");
      assertThatThrownBy(
              () ->
                  index.replaceKind(
                      Optional.of("p1"),
                      RecordKind.TIMELINE_EVENT,
                      List.of(event("x", "p2", "Vertigo")),
                      ProgressListener.NONE))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(index.count()).isEqualTo(2);
    }
  }
}
