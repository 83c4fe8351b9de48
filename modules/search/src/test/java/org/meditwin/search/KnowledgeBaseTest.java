package org.meditwin.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.core.task.ProgressListener;

class KnowledgeBaseTest {
  private static final byte[] KEY = new byte[32];
  private static final byte[] OTHER_KEY = new byte[32];

  static {
    KEY[0] = 1;
    OTHER_KEY[0] = 2;
  }

  @TempDir Path tmp;

  /** The first {@code n} entries of the shipped data as a small gz file. */
  private Path sample(int n, String name) throws IOException {
    Path out = tmp.resolve(name);
    try (BufferedReader r =
            new BufferedReader(
                new InputStreamReader(
                    new GZIPInputStream(KnowledgeBase.Source.shipped().open()),
                    StandardCharsets.UTF_8));
        OutputStream o = new GZIPOutputStream(Files.newOutputStream(out))) {
      for (int i = 0; i < n; i++) {
        o.write((r.readLine() + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private static final Optional<TextEmbedder> EMBEDDER = Optional.of(new HashingTestEmbedder());

  @Test
  void buildsOnceWithProgressThenReopensWithoutRebuilding() throws IOException {
    Path data = sample(120, "s.jsonl.gz");
    Path kb = tmp.resolve("kb");
    List<long[]> reports = new CopyOnWriteArrayList<>();
    ProgressListener p = (done, total, msg) -> reports.add(new long[] {done, total});
    try (KnowledgeBase k =
        KnowledgeBase.openOrBuild(
            kb, KEY, EMBEDDER, SearchConfig.defaults(), KnowledgeBase.Source.file(data), p)) {
      assertThat(k.wasBuilt()).isTrue();
      assertThat(k.manifest().entries()).isEqualTo(120);
      assertThat(k.manifest().chunks()).isGreaterThanOrEqualTo(120);
      assertThat(k.manifest().encoderId()).isEqualTo("test-hashing-384-v1");
      assertThat(k.manifest().sourceSha256()).hasSize(64);
    }
    assertThat(reports).anyMatch(r -> r[0] == 120 && r[1] == 120);
    assertThat(Files.exists(kb.resolve("manifest.json"))).isTrue();
    try (KnowledgeBase k =
        KnowledgeBase.openOrBuild(
            kb,
            KEY,
            EMBEDDER,
            SearchConfig.defaults(),
            KnowledgeBase.Source.file(data),
            ProgressListener.NONE)) {
      assertThat(k.wasBuilt()).isFalse();
      assertThat(k.index().chunkCount()).isEqualTo((int) k.manifest().chunks());
    }
  }

  @Test
  void everyHitCarriesSourceUrlFocusAndQuestionType() throws IOException {
    Path data = sample(120, "s.jsonl.gz");
    try (KnowledgeBase k =
        KnowledgeBase.openOrBuild(
            tmp.resolve("kb"),
            KEY,
            EMBEDDER,
            SearchConfig.defaults(),
            KnowledgeBase.Source.file(data),
            ProgressListener.NONE)) {
      SearchResult r =
          k.search(
              SearchRequest.of("symptoms of adult acute lymphoblastic leukemia")
                  .withMode(SearchMode.BM25));
      assertThat(r.hits()).isNotEmpty();
      SearchHit top = r.hits().getFirst();
      assertThat(top.metadata().sourceType()).isEqualTo(DocumentMetadata.KNOWLEDGE_BASE);
      assertThat(top.metadata().source()).isEqualTo("National Cancer Institute (cancer.gov)");
      assertThat(top.metadata().url())
          .hasValueSatisfying(u -> assertThat(u).startsWith("https://www.cancer.gov/"));
      assertThat(top.metadata().focus()).contains("Adult Acute Lymphoblastic Leukemia");
      assertThat(r.hits().subList(0, 3))
          .anyMatch(h -> h.metadata().questionType().equals(Optional.of("symptoms")));
      assertThat(k.search(SearchRequest.of("leukemia treatment")).hits())
          .isNotEmpty()
          .allSatisfy(
              h -> {
                assertThat(h.metadata().url()).isPresent();
                assertThat(h.metadata().focus()).isPresent();
                assertThat(h.metadata().questionType()).isPresent();
              });
    }
  }

  @Test
  void rebuildsWhenTheEncoderTheDataOrTheKeyChange() throws IOException {
    Path data = sample(40, "a.jsonl.gz");
    Path kb = tmp.resolve("kb");
    KnowledgeBase.Source src = KnowledgeBase.Source.file(data);
    KnowledgeBase.openOrBuild(
            kb, KEY, EMBEDDER, SearchConfig.defaults(), src, ProgressListener.NONE)
        .close();
    try (KnowledgeBase k =
        KnowledgeBase.openOrBuild(
            kb, KEY, Optional.empty(), SearchConfig.defaults(), src, ProgressListener.NONE)) {
      assertThat(k.wasBuilt()).isTrue();
      assertThat(k.manifest().encoderId()).isEqualTo("none");
    }
    try (KnowledgeBase k =
        KnowledgeBase.openOrBuild(
            kb, OTHER_KEY, Optional.empty(), SearchConfig.defaults(), src, ProgressListener.NONE)) {
      assertThat(k.wasBuilt()).isTrue();
    }
    Path more = sample(41, "b.jsonl.gz");
    try (KnowledgeBase k =
        KnowledgeBase.openOrBuild(
            kb,
            OTHER_KEY,
            Optional.empty(),
            SearchConfig.defaults(),
            KnowledgeBase.Source.file(more),
            ProgressListener.NONE)) {
      assertThat(k.wasBuilt()).isTrue();
      assertThat(k.manifest().entries()).isEqualTo(41);
    }
    try (KnowledgeBase k =
        KnowledgeBase.rebuild(
            kb,
            OTHER_KEY,
            Optional.empty(),
            SearchConfig.defaults(),
            KnowledgeBase.Source.file(more),
            ProgressListener.NONE)) {
      assertThat(k.wasBuilt()).isTrue();
    }
    try (var files = Files.list(kb)) {
      assertThat(files.map(f -> f.getFileName().toString()).toList())
          .containsExactlyInAnyOrder("index", "manifest.json");
    }
  }

  @Test
  void anInterruptedBuildLeavesThePreviousKnowledgeBaseUsable() throws IOException {
    Path data = sample(30, "a.jsonl.gz");
    Path kb = tmp.resolve("kb");
    KnowledgeBase.openOrBuild(
            kb,
            KEY,
            Optional.empty(),
            SearchConfig.defaults(),
            KnowledgeBase.Source.file(data),
            ProgressListener.NONE)
        .close();
    Path broken = tmp.resolve("broken.jsonl.gz");
    try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(broken))) {
      o.write(
          "{\"qa_id\": \"x\", \"answer\": \"fine\"}\n{not json\n".getBytes(StandardCharsets.UTF_8));
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                KnowledgeBase.rebuild(
                    kb,
                    KEY,
                    Optional.empty(),
                    SearchConfig.defaults(),
                    KnowledgeBase.Source.file(broken),
                    ProgressListener.NONE))
        .isInstanceOf(IOException.class);
    try (KnowledgeBase k =
        KnowledgeBase.openOrBuild(
            kb,
            KEY,
            Optional.empty(),
            SearchConfig.defaults(),
            KnowledgeBase.Source.file(data),
            ProgressListener.NONE)) {
      assertThat(k.wasBuilt()).isFalse();
      assertThat(k.manifest().entries()).isEqualTo(30);
    }
  }

  @Test
  void reusesAnIndexBuiltBeforeTheQueryFormLeftTheEncoderId() throws IOException {
    Path data = sample(60, "q.jsonl.gz");
    Path kb = tmp.resolve("kb-query-form");
    HashingTestEmbedder hashing = new HashingTestEmbedder();
    // what indexes built before ADR 0069 recorded: the document model + the query form
    TextEmbedder legacy =
        new TextEmbedder() {
          @Override
          public int dimension() {
            return hashing.dimension();
          }

          @Override
          public float[][] embed(List<String> texts) {
            return hashing.embed(texts);
          }

          @Override
          public String modelId() {
            return hashing.modelId() + "+query-instruction";
          }
        };
    try (KnowledgeBase k =
        KnowledgeBase.openOrBuild(
            kb,
            KEY,
            Optional.of(legacy),
            SearchConfig.defaults(),
            KnowledgeBase.Source.file(data),
            ProgressListener.NONE)) {
      assertThat(k.wasBuilt()).isTrue();
    }
    assertThat(KnowledgeBase.builtWith("test-hashing-384-v1+query-instruction", hashing)).isTrue();
    assertThat(KnowledgeBase.builtWith("another-model", hashing)).isFalse();
    try (KnowledgeBase k =
        KnowledgeBase.openOrBuild(
            kb,
            KEY,
            Optional.of(hashing),
            SearchConfig.defaults(),
            KnowledgeBase.Source.file(data),
            ProgressListener.NONE)) {
      assertThat(k.wasBuilt()).isFalse();
      SearchResult r =
          k.index().search(new SearchRequest("symptoms", 5, SearchMode.DENSE, SearchFilter.none()));
      assertThat(r.modeUsed()).isEqualTo(SearchMode.DENSE);
      assertThat(r.hits()).isNotEmpty();
    }
  }

  @Test
  void theShippedDataIsOnTheClassPathWithItsLicence() throws IOException {
    assertThat(KnowledgeBase.sha256(KnowledgeBase.Source.shipped()))
        .isEqualTo("1ed1bfc55598771b02b84d5272fa3a8011b5cd4eee7a27046c95b41fe2b1a788");
    assertThat(KnowledgeBase.class.getResource("/org/meditwin/search/kb/MedQuAD-LICENSE.txt"))
        .isNotNull();
  }
}
