package org.meditwin.search.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.meditwin.core.task.ProgressListener;
import org.meditwin.inference.embedding.BgeEncoder;
import org.meditwin.inference.embedding.CachingEmbeddingService;
import org.meditwin.inference.embedding.EncoderVariant;
import org.meditwin.inference.engine.DjlEnvironment;
import org.meditwin.search.FusionMethod;
import org.meditwin.search.HashingTestEmbedder;
import org.meditwin.search.KnowledgeBase;
import org.meditwin.search.SearchConfig;
import org.meditwin.search.SearchMode;
import org.meditwin.search.TextEmbedder;
import org.meditwin.search.embed.InferenceEmbedder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retrieval evaluation behind the module README's table (not part of the unit tests: it embeds
 * the dev-set corpus with the real encoder, minutes on 2 cores). Run:
 *
 * <pre>
 * ./mvnw -o -pl modules/search test -Dtest=MedquadEvalIT -Deval.encoder=bge
 * </pre>
 *
 * Tunes the fusion on the dev half of the queries and reports every mode on the test half. Writes
 * target/eval-report.md.
 */
class MedquadEvalIT {
  private static final Logger LOG = LoggerFactory.getLogger(MedquadEvalIT.class);
  static final Path DEV_SET = Path.of("src/test/resources/eval/medquad-dev");
  static final int FOCUSES = 300;
  static final long SEED = 20261121L;

  @Test
  void evaluateAllModes() throws IOException {
    if (!Files.exists(DEV_SET.resolve("corpus.jsonl"))) {
      MedquadDevSet.build(KnowledgeBase.Source.shipped(), FOCUSES, SEED).write(DEV_SET);
    }
    BeirDataset all =
        BeirDataset.load(
            DEV_SET.resolve("corpus.jsonl"),
            DEV_SET.resolve("queries.jsonl"),
            DEV_SET.resolve("qrels/all.tsv"));
    List<String> dev =
        List.copyOf(
            BeirDataset.load(
                    DEV_SET.resolve("corpus.jsonl"),
                    DEV_SET.resolve("queries.jsonl"),
                    DEV_SET.resolve("qrels/dev.tsv"))
                .queries()
                .keySet());
    List<String> test =
        List.copyOf(
            BeirDataset.load(
                    DEV_SET.resolve("corpus.jsonl"),
                    DEV_SET.resolve("queries.jsonl"),
                    DEV_SET.resolve("qrels/test.tsv"))
                .queries()
                .keySet());
    String which = System.getProperty("eval.encoder", "bge");
    Optional<BgeEncoder> encoder = Optional.empty();
    CachingEmbeddingService service = null;
    TextEmbedder plain;
    TextEmbedder instructed;
    if (which.equals("bge")) {
      DjlEnvironment.configureOffline(
          Path.of(System.getProperty("java.io.tmpdir"), "meditwin-djl-cache"));
      int threads = Integer.getInteger("eval.threads", 2);
      encoder =
          Optional.of(
              BgeEncoder.open(EncoderVariant.FULL, Path.of("target/encoders"), threads, 512));
      service = new CachingEmbeddingService(encoder.get(), 16, 50_000);
      plain = InferenceEmbedder.plain(service);
      instructed = InferenceEmbedder.withQueryInstruction(service);
    } else {
      plain = new HashingTestEmbedder();
      instructed = plain;
    }
    Switchable embedder = new Switchable(plain, instructed);
    StringBuilder report = new StringBuilder();
    long t0 = System.nanoTime();
    Path idx = Files.createTempDirectory("meditwin-eval");
    try (RetrievalEvaluator ev =
        RetrievalEvaluator.index(
            all, Optional.of(embedder), SearchConfig.defaults(), idx, progress())) {
      double indexSeconds = (System.nanoTime() - t0) / 1e9;
      report.append(
          String.format(
              Locale.ROOT,
              "Dev set: %d docs (%d chunks), %d queries (dev %d / test %d); encoder %s; indexing %.0f s%n%n",
              all.corpus().size(),
              ev.chunkCount(),
              all.queries().size(),
              dev.size(),
              test.size(),
              plain.modelId(),
              indexSeconds));

      report.append("## Dev half (tuning)\n\n").append(header());
      SearchConfig base = SearchConfig.defaults();
      report.append(row("BM25", ev.evaluate(SearchMode.BM25, dev, base)));
      embedder.instructed = false;
      RetrievalMetrics.Summary densePlain = ev.evaluate(SearchMode.DENSE, dev, base);
      report.append(row("dense (no query instruction)", densePlain));
      embedder.instructed = true;
      RetrievalMetrics.Summary denseInstr = ev.evaluate(SearchMode.DENSE, dev, base);
      report.append(row("dense (bge query instruction)", denseInstr));
      embedder.instructed = denseInstr.ndcg10() > densePlain.ndcg10();
      report.append(
          row(
              "hybrid RRF k=60",
              ev.evaluate(SearchMode.HYBRID, dev, base.withFusion(FusionMethod.RRF, 0.5f))));
      float bestW = 0.5f;
      double best = -1;
      String weights = System.getProperty("eval.weights", "0.2,0.3,0.4,0.5,0.6,0.7,0.8");
      for (String ws : weights.split(",")) {
        float wr = Float.parseFloat(ws.strip());
        RetrievalMetrics.Summary s =
            ev.evaluate(SearchMode.HYBRID, dev, base.withFusion(FusionMethod.WEIGHTED, wr));
        report.append(row(String.format(Locale.ROOT, "hybrid weighted w_bm25=%.2f", wr), s));
        if (s.ndcg10() > best) {
          best = s.ndcg10();
          bestW = wr;
        }
      }
      report.append(
          String.format(
              Locale.ROOT,
              "%nChosen on dev: query instruction=%s, weighted w_bm25=%.2f%n%n",
              embedder.instructed,
              bestW));

      report.append("## Test half (report)\n\n").append(header());
      report.append(row("BM25", ev.evaluate(SearchMode.BM25, test, base)));
      report.append(row("dense", ev.evaluate(SearchMode.DENSE, test, base)));
      report.append(
          row(
              "hybrid RRF k=60",
              ev.evaluate(SearchMode.HYBRID, test, base.withFusion(FusionMethod.RRF, 0.5f))));
      report.append(
          row(
              String.format(Locale.ROOT, "hybrid weighted w_bm25=%.2f", bestW),
              ev.evaluate(SearchMode.HYBRID, test, base.withFusion(FusionMethod.WEIGHTED, bestW))));
    } finally {
      KnowledgeBaseCleanup.deleteTree(idx);
      encoder.ifPresent(BgeEncoder::close);
    }
    report.append(String.format(Locale.ROOT, "%nTotal %.0f s%n", (System.nanoTime() - t0) / 1e9));
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of(System.getProperty("eval.report", "target/eval-report.md")), report);
    LOG.info("\n{}", report);
  }

  private static ProgressListener progress() {
    long start = System.nanoTime();
    return (done, total, msg) -> {
      if (done % 256 < 16 || done == total) {
        LOG.info("{} {}/{} ({} s)", msg, done, total, (System.nanoTime() - start) / 1_000_000_000L);
      }
    };
  }

  private static String header() {
    return "| mode | nDCG@10 | recall@10 | recall@100 | MRR@10 |\n|---|---|---|---|---|\n";
  }

  private static String row(String name, RetrievalMetrics.Summary s) {
    String r =
        String.format(
            Locale.ROOT,
            "| %s | %.4f | %.4f | %.4f | %.4f |%n",
            name,
            s.ndcg10(),
            s.recall10(),
            s.recall100(),
            s.mrr10());
    LOG.info(r.strip());
    return r;
  }

  /** Passages always plain; queries with or without the bge instruction (switched between runs). */
  private static final class Switchable implements TextEmbedder {
    private final TextEmbedder plain;
    private final TextEmbedder instructedEmbedder;
    volatile boolean instructed;

    Switchable(TextEmbedder plain, TextEmbedder instructed) {
      this.plain = plain;
      this.instructedEmbedder = instructed;
    }

    @Override
    public int dimension() {
      return plain.dimension();
    }

    @Override
    public float[][] embed(List<String> texts) {
      return plain.embed(texts);
    }

    @Override
    public float[] embedQuery(String query) {
      return (instructed ? instructedEmbedder : plain).embedQuery(query);
    }

    @Override
    public String modelId() {
      return plain.modelId();
    }
  }

  private static final class KnowledgeBaseCleanup {
    static void deleteTree(Path p) throws IOException {
      try (var walk = Files.walk(p)) {
        List<Path> all = new ArrayList<>(walk.toList());
        java.util.Collections.reverse(all);
        for (Path q : all) {
          Files.deleteIfExists(q);
        }
      }
    }
  }
}
