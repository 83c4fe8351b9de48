package org.meditwin.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real JVM (Runtime.halt, no shutdown hooks, no close) after a commit and further flushed
 * but uncommitted changes, then reopens the index.
 */
class CrashSafetyTest {
  static final String KEY_HEX = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

  /** Entry point of the child JVM. */
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    SearchService s =
        SearchService.open(
            dir, HexFormat.of().parseHex(KEY_HEX), Optional.empty(), SearchConfig.defaults());
    for (int i = 0; i < 20; i++) {
      s.upsert(doc("committed-" + i, "durable text " + i));
    }
    s.commit();
    for (int i = 0; i < 20; i++) {
      s.upsert(doc("uncommitted-" + i, "volatile text " + i));
    }
    s.delete("committed-0");
    s.forceMerge(1); // pushes uncommitted segments to disk without committing
    Runtime.getRuntime().halt(3);
  }

  static IndexDocument doc(String id, String text) {
    return new IndexDocument(
        id, id, text, DocumentMetadata.knowledgeBase("test", "https://x/" + id, id, "information"));
  }

  @Test
  void aCrashLosesOnlyUncommittedChanges(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("idx");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                CrashSafetyTest.class.getName(),
                dir.toString())
            .inheritIO()
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(3);
    try (SearchService s =
        SearchService.open(
            dir, HexFormat.of().parseHex(KEY_HEX), Optional.empty(), SearchConfig.defaults())) {
      assertThat(s.chunkCount()).isEqualTo(20);
      assertThat(hitsFor(s, "durable")).hasSize(20).contains("committed-0");
      assertThat(hitsFor(s, "volatile")).isEmpty();
      s.upsert(doc("after", "writable again"));
      s.commit();
      assertThat(s.chunkCount()).isEqualTo(21);
    }
  }

  private static List<String> hitsFor(SearchService s, String q) throws IOException {
    return s.search(new SearchRequest(q, 100, SearchMode.BM25, SearchFilter.none())).hits().stream()
        .map(SearchHit::documentId)
        .toList();
  }
}
