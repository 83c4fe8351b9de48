package org.meditwin.search.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.core.task.ProgressListener;
import org.meditwin.search.HashingTestEmbedder;
import org.meditwin.search.IndexKeyMismatchException;
import org.meditwin.search.TextEmbedder;

class CaseIndexTest {
  private static final byte[] KEY = new byte[32];
  private static final String MARKER = "Quorvandelitis";
  private static final int DIM = 16;

  static {
    Arrays.fill(KEY, (byte) 5);
  }

  @TempDir Path tmp;

  private CaseIndex open(Optional<TextEmbedder> encoder) {
    return CaseIndex.open(tmp.resolve("cases"), KEY, encoder);
  }

  /** A unit vector near axis {@code axis} (noise from the seed). */
  static float[] near(int axis, long seed, double noise) {
    Random r = new Random(seed);
    float[] v = new float[DIM];
    for (int i = 0; i < DIM; i++) {
      v[i] = (float) (r.nextGaussian() * noise);
    }
    v[axis] += 1;
    return v;
  }

  static byte[] png(int n) {
    return new byte[] {(byte) 0x89, 'P', 'N', 'G', (byte) n};
  }

  static CaseRecord reference(String id, float[] v, String label) {
    return new CaseRecord(
        id,
        CaseSource.REFERENCE_LIBRARY,
        Optional.empty(),
        "CR",
        "chest",
        label,
        "Reference chest radiograph labelled " + label + ".",
        Optional.empty(),
        Optional.empty(),
        v,
        png(1));
  }

  static CaseRecord clinic(String id, String patient, float[] v, String impression) {
    return new CaseRecord(
        id,
        CaseSource.CLINIC,
        Optional.of(patient),
        "DX",
        "CHEST",
        "pneumonia",
        impression,
        Optional.of("1.2.3." + id.hashCode()),
        Optional.of(LocalDate.of(2026, 3, 2)),
        v,
        png(2));
  }

  private static List<CaseRecord> library(int n) {
    List<CaseRecord> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(reference("ref:" + i, near(i % DIM, i, 0.3), i % 2 == 0 ? "normal" : "pneumonia"));
    }
    return out;
  }

  @Test
  void imageKnnRanksByCosineWithThumbnailAndMetadata() {
    try (CaseIndex index = open(Optional.empty())) {
      assertThat(
              index.replaceSource(
                  CaseSource.REFERENCE_LIBRARY,
                  library(200),
                  "v1",
                  ProgressListener.NONE,
                  () -> false))
          .isTrue();
      float[] q = near(3, 999, 0.1);
      List<CaseHit> hits = index.search(CaseQuery.image(q, CaseFilter.referenceLibraryOnly(), 10));
      assertThat(hits).hasSize(10);
      for (int i = 1; i < hits.size(); i++) {
        assertThat(hits.get(i).imageSimilarity())
            .isLessThanOrEqualTo(hits.get(i - 1).imageSimilarity());
      }
      CaseHit top = hits.get(0);
      assertThat(Integer.parseInt(top.id().substring(4)) % DIM).isEqualTo(3);
      assertThat(top.score()).isCloseTo(top.imageSimilarity(), offset(1e-5));
      assertThat(top.thumbnailPng()).containsExactly(png(1));
      assertThat(top.modality()).isEqualTo("CR");
      assertThat(top.bodyPart()).isEqualTo("CHEST");
      assertThat(top.source()).isEqualTo(CaseSource.REFERENCE_LIBRARY);
      assertThat(index.count(CaseSource.REFERENCE_LIBRARY)).isEqualTo(200);
      assertThat(index.sourceVersion(CaseSource.REFERENCE_LIBRARY)).contains("v1");
    }
  }

  @Test
  void hnswAgreesWithExactSearchOnASmallLibrary() {
    try (CaseIndex index = open(Optional.empty())) {
      index.replaceSource(
          CaseSource.REFERENCE_LIBRARY, library(500), "v1", ProgressListener.NONE, () -> false);
      int agree = 0;
      int total = 0;
      for (int qi = 0; qi < 20; qi++) {
        CaseQuery q =
            CaseQuery.image(
                near(qi % DIM, 10_000 + qi, 0.3), CaseFilter.referenceLibraryOnly(), 10);
        Set<String> exact = Set.copyOf(index.searchExact(q).stream().map(CaseHit::id).toList());
        for (CaseHit h : index.search(q)) {
          agree += exact.contains(h.id()) ? 1 : 0;
          total++;
        }
      }
      assertThat((double) agree / total).isGreaterThanOrEqualTo(0.95);
    }
  }

  @Test
  void patientFilterInsideKnnFillsKAndNeverReturnsOtherPatientsStudies() {
    try (CaseIndex index = open(Optional.empty())) {
      index.replaceSource(
          CaseSource.REFERENCE_LIBRARY, library(1000), "v1", ProgressListener.NONE, () -> false);
      // 300 near-identical studies of another patient right at the query, 5 of ours far away
      List<CaseRecord> studies = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        studies.add(clinic("other:" + i, "P-OTHER", near(0, i, 0.01), "other"));
      }
      for (int i = 0; i < 5; i++) {
        studies.add(clinic("mine:" + i, "P-MINE", near(9, 50 + i, 0.3), "mine"));
      }
      AtomicInteger progress = new AtomicInteger();
      index.upsertAll(studies, (done, total, m) -> progress.set((int) done));
      assertThat(progress.get()).isEqualTo(305);
      float[] q = near(0, 7, 0.01);
      List<CaseHit> mine = index.search(CaseQuery.image(q, CaseFilter.patientOnly("P-MINE"), 5));
      assertThat(mine).hasSize(5).allMatch(h -> h.patientId().equals(Optional.of("P-MINE")));
      List<CaseHit> both =
          index.search(CaseQuery.image(q, CaseFilter.referenceAndPatient("P-MINE"), 50));
      assertThat(both).hasSize(50);
      assertThat(both).noneMatch(h -> h.patientId().equals(Optional.of("P-OTHER")));
      assertThat(index.search(CaseQuery.image(q, CaseFilter.referenceLibraryOnly(), 20)))
          .allMatch(h -> h.source() == CaseSource.REFERENCE_LIBRARY);
      assertThat(
              index.search(
                  CaseQuery.image(q, CaseFilter.patientOnly("P-MINE"), 5)
                      .excluding(Set.of("mine:0"))))
          .extracting(CaseHit::id)
          .hasSize(4)
          .doesNotContain("mine:0");
      assertThat(
              index.search(
                  CaseQuery.image(q, CaseFilter.referenceLibraryOnly().withModality("dx"), 5)))
          .isEmpty();
      index.deletePatient("P-OTHER");
      assertThat(index.count(CaseSource.CLINIC)).isEqualTo(5);
    }
  }

  @Test
  void reportTextIsFusedWithTheImageRanking() {
    for (Optional<TextEmbedder> encoder :
        List.<Optional<TextEmbedder>>of(Optional.empty(), Optional.of(new HashingTestEmbedder()))) {
      Path dir = tmp.resolve("fused-" + encoder.isPresent());
      try (CaseIndex index = CaseIndex.open(dir, KEY, encoder)) {
        float[] q = near(2, 1, 0.05);
        index.upsert(clinic("a", "P1", near(2, 2, 0.05), "Clear lungs, no consolidation."));
        index.upsert(clinic("b", "P1", near(2, 3, 0.15), "Right lower lobe consolidation."));
        index.upsert(clinic("c", "P1", near(5, 4, 0.05), "Left pleural effusion."));
        CaseQuery image = CaseQuery.image(q, CaseFilter.patientOnly("P1"), 3);
        assertThat(index.search(image).get(0).id()).isEqualTo("a");
        List<CaseHit> fused =
            index.search(
                image.withReportText("right lower lobe consolidation").withTextWeight(0.6f));
        assertThat(fused.get(0).id()).isEqualTo("b");
        assertThat(fused).extracting(CaseHit::id).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(index.semantic()).isEqualTo(encoder.isPresent());
        // text with no searchable word leaves the image ranking
        assertThat(index.search(image.withReportText("?? !!")).get(0).id()).isEqualTo("a");
      }
    }
  }

  @Test
  void signedReportUpdatesTextButKeepsImageAndThumbnail() {
    try (CaseIndex index = open(Optional.of(new HashingTestEmbedder()))) {
      float[] v = near(4, 1, 0.1);
      index.upsert(clinic("s1", "P1", v, ""));
      assertThat(index.updateReport("s1", "Signed: bilateral " + MARKER + " infiltrates."))
          .isTrue();
      assertThat(index.updateReport("missing", "x")).isFalse();
      CaseHit h = index.find("s1").orElseThrow();
      assertThat(h.impression()).contains(MARKER);
      assertThat(h.thumbnailPng()).containsExactly(png(2));
      List<CaseHit> hits =
          index.search(CaseQuery.image(v, CaseFilter.patientOnly("P1"), 1).withReportText(MARKER));
      assertThat(hits.get(0).id()).isEqualTo("s1");
      assertThat(hits.get(0).imageSimilarity()).isCloseTo(1.0, offset(1e-5));
      assertThat(index.count()).isEqualTo(1);
    }
  }

  @Test
  void everyChangeIsCommittedAndSurvivesReopen() {
    try (CaseIndex index = open(Optional.empty())) {
      index.upsert(clinic("s1", "P1", near(1, 1, 0.1), "x"));
      index.upsert(clinic("s2", "P1", near(1, 2, 0.1), "y"));
      index.delete("s2");
      index.upsert(clinic("s1", "P1", near(1, 3, 0.1), "replaced"));
    }
    try (CaseIndex index = open(Optional.empty())) {
      assertThat(index.count()).isEqualTo(1);
      assertThat(index.find("s1").orElseThrow().impression()).isEqualTo("replaced");
    }
  }

  @Test
  void cancelledRebuildKeepsThePreviousLibrary() {
    try (CaseIndex index = open(Optional.empty())) {
      index.replaceSource(
          CaseSource.REFERENCE_LIBRARY, library(300), "v1", ProgressListener.NONE, () -> false);
      index.upsert(clinic("s1", "P1", near(1, 1, 0.1), "kept"));
      AtomicInteger reports = new AtomicInteger();
      boolean done =
          index.replaceSource(
              CaseSource.REFERENCE_LIBRARY,
              library(600),
              "v2",
              (d, t, m) -> reports.incrementAndGet(),
              () -> reports.get() >= 1);
      assertThat(done).isFalse();
      assertThat(index.count(CaseSource.REFERENCE_LIBRARY)).isEqualTo(300);
      assertThat(index.count(CaseSource.CLINIC)).isEqualTo(1);
      assertThat(index.sourceVersion(CaseSource.REFERENCE_LIBRARY)).contains("v1");
      index.upsert(clinic("s2", "P1", near(1, 2, 0.1), "after"));
      assertThat(index.count()).isEqualTo(302);
    }
    try (CaseIndex index = open(Optional.empty())) {
      assertThat(index.count()).isEqualTo(302);
    }
  }

  @Test
  void rejectsBadRecordsAndQueries() {
    assertThatThrownBy(() -> reference("r", new float[DIM], "normal"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("zeros");
    float[] nan = near(0, 1, 0.1);
    nan[1] = Float.NaN;
    assertThatThrownBy(() -> reference("r", nan, "normal"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new CaseRecord(
                    "x",
                    CaseSource.CLINIC,
                    Optional.empty(),
                    "",
                    "",
                    "",
                    "",
                    Optional.empty(),
                    Optional.empty(),
                    near(0, 1, 0.1),
                    new byte[0]))
        .hasMessageContaining("patient");
    assertThatThrownBy(
            () -> new CaseFilter(false, Optional.of(" "), Optional.empty(), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CaseQuery.image(near(0, 1, 0.1), CaseFilter.referenceLibraryOnly(), 0))
        .isInstanceOf(IllegalArgumentException.class);
    try (CaseIndex index = open(Optional.empty())) {
      index.upsert(reference("r", near(0, 1, 0.1), "normal"));
      assertThatThrownBy(
              () ->
                  index.search(
                      CaseQuery.image(new float[] {1, 0}, CaseFilter.referenceLibraryOnly(), 1)))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void wrongKeyIsRejectedAndClosedIndexRefusesUse() {
    CaseIndex index = open(Optional.empty());
    index.upsert(reference("r", near(0, 1, 0.1), "normal"));
    index.close();
    index.close();
    assertThatThrownBy(index::count).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> CaseIndex.open(tmp.resolve("cases"), new byte[32], Optional.empty()))
        .isInstanceOf(UncheckedIOException.class)
        .hasCauseInstanceOf(IndexKeyMismatchException.class);
  }

  @Test
  void noIndexFileContainsPlaintextWhileOpenOrAfterClose() {
    Path dir = tmp.resolve("cases");
    try (CaseIndex index = CaseIndex.open(dir, KEY, Optional.of(new HashingTestEmbedder()))) {
      List<CaseRecord> studies = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        studies.add(
            clinic(
                "study:" + MARKER + i,
                "PATIENT-" + MARKER,
                near(i % DIM, i, 0.2),
                "Right lower lobe " + MARKER + " consolidation, follow-up 140/90"));
      }
      index.upsertAll(studies, ProgressListener.NONE);
      index.updateReport("study:" + MARKER + "1", "Signed " + MARKER);
      assertThat(filesContaining(dir)).isEmpty();
    }
    assertThat(filesContaining(dir)).isEmpty();
  }

  private static List<Path> filesContaining(Path dir) {
    byte[][] needles = {
      MARKER.getBytes(StandardCharsets.UTF_8),
      MARKER.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8),
      MARKER.substring(0, 8).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8),
      "PATIENT-".getBytes(StandardCharsets.UTF_8),
      "consolidation".getBytes(StandardCharsets.UTF_8),
      "CLINIC".getBytes(StandardCharsets.UTF_8),
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
      throw new UncheckedIOException(e);
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
