package org.meditwin.search.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.meditwin.inference.embedding.BgeEncoder;
import org.meditwin.inference.embedding.EncoderVariant;
import org.meditwin.inference.engine.DjlEnvironment;
import org.meditwin.search.TextEmbedder;
import org.meditwin.search.VectorFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link SearchBenchmark} from Maven (same code as {@code ./run bench search}); appends rows
 * to target/bench-search.md. Not a unit test. Example:
 *
 * <pre>
 * ./mvnw -o -pl modules/search test -Dtest=SearchBenchIT -Dbench.sizes=10000,100000 \
 *     -Dbench.formats=HNSW_FLOAT32,HNSW_SCALAR_QUANTIZED_7BIT -Dbench.plain=true
 * </pre>
 */
class SearchBenchIT {
  private static final Logger LOG = LoggerFactory.getLogger(SearchBenchIT.class);

  @Test
  void bench() throws IOException {
    List<Integer> sizes =
        Arrays.stream(System.getProperty("bench.sizes", "10000").split(","))
            .map(String::strip)
            .map(Integer::parseInt)
            .toList();
    List<VectorFormat> formats =
        Arrays.stream(System.getProperty("bench.formats", "HNSW_FLOAT32").split(","))
            .map(String::strip)
            .map(VectorFormat::valueOf)
            .toList();
    boolean plain = Boolean.getBoolean("bench.plain");
    int queries = Integer.getInteger("bench.queries", 200);
    Optional<TextEmbedder> encoder = Optional.empty();
    if (!Boolean.getBoolean("bench.noEncoder")) {
      DjlEnvironment.configureOffline(
          Path.of(System.getProperty("java.io.tmpdir"), "meditwin-djl-cache"));
      BgeEncoder bge = BgeEncoder.open(EncoderVariant.FULL, Path.of("target/encoders"), 1, 512);
      // uncached on purpose: every query pays the real encoder cost
      encoder =
          Optional.of(
              new TextEmbedder() {
                @Override
                public int dimension() {
                  return BgeEncoder.DIMENSION;
                }

                @Override
                public float[][] embed(List<String> texts) {
                  return bge.embedBatch(texts);
                }

                @Override
                public String modelId() {
                  return bge.variant().modelName();
                }
              });
    }
    Path out = Path.of("target/bench-search.md");
    Files.createDirectories(out.getParent());
    if (!Files.exists(out)) {
      Files.writeString(out, SearchBenchmark.markdownHeader() + "\n");
    }
    long start = System.nanoTime();
    for (int n : sizes) {
      for (VectorFormat f : formats) {
        for (boolean encrypted : plain ? new boolean[] {true, false} : new boolean[] {true}) {
          SearchBenchmark.Report r =
              SearchBenchmark.run(
                  new SearchBenchmark.Options(
                      n, queries, f, encrypted, Path.of("target"), 42, encoder),
                  (done, total, msg) ->
                      LOG.info(
                          "{} {}/{} ({} s)",
                          msg,
                          done,
                          total,
                          (System.nanoTime() - start) / 1_000_000_000L));
          String row = SearchBenchmark.markdownRow(r);
          LOG.info("\n{}\n{}", SearchBenchmark.markdownHeader(), row);
          Files.writeString(out, row + "\n", StandardOpenOption.APPEND);
        }
      }
    }
  }
}
