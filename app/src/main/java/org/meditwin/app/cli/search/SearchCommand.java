package org.meditwin.app.cli.search;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.meditwin.search.FusionMethod;
import org.meditwin.search.KnowledgeBase;
import org.meditwin.search.SearchConfig;
import org.meditwin.search.SearchHit;
import org.meditwin.search.SearchMode;
import org.meditwin.search.SearchRequest;
import org.meditwin.search.SearchResult;
import org.meditwin.search.TextEmbedder;
import org.meditwin.search.eval.BeirDataset;
import org.meditwin.search.eval.MedquadDevSet;
import org.meditwin.search.eval.RetrievalEvaluator;
import org.meditwin.search.eval.RetrievalMetrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code search query|eval|devset}: the knowledge base and retrieval evaluation. */
@Command(
    name = "search",
    description = "Search the knowledge base, or evaluate retrieval on BEIR-format files.",
    subcommands = {
      SearchCommand.Query.class,
      SearchCommand.Eval.class,
      SearchCommand.DevSet.class,
      SearchCommand.Bench.class
    })
public final class SearchCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "missing subcommand: query, eval or devset");
  }

  static Path kbDir(CommandSpec spec) {
    return SearchCli.home(spec).resolve("kb");
  }

  @Command(
      name = "query",
      description = "Search the shipped knowledge base (builds it on first use).")
  static final class Query implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TEXT", description = "Free text; no query syntax.")
    String text;

    @Option(
        names = "--k",
        defaultValue = "5",
        description = "Number of hits (1-1000, default ${DEFAULT-VALUE}).")
    int k;

    @Option(
        names = "--mode",
        defaultValue = "hybrid",
        description = "bm25, dense or hybrid (default ${DEFAULT-VALUE}).")
    SearchMode mode;

    @Option(
        names = "--user",
        required = true,
        paramLabel = "NAME",
        description = "User whose key opens the index.")
    String user;

    @Option(names = "--no-encoder", description = "Do not load the neural encoder (BM25 only).")
    boolean noEncoder;

    @Override
    public Integer call() throws Exception {
      if (k < 1 || k > SearchRequest.MAX_K) {
        throw new IllegalArgumentException("--k must be within 1.." + SearchRequest.MAX_K);
      }
      byte[] key = SearchCli.indexKey(spec, user);
      Optional<TextEmbedder> encoder = noEncoder ? Optional.empty() : SearchCli.encoder(spec, 2);
      try (KnowledgeBase kb =
          KnowledgeBase.openOrBuild(
              kbDir(spec),
              key,
              encoder,
              SearchConfig.defaults(),
              KnowledgeBase.Source.shipped(),
              SearchCli.progress(spec))) {
        SearchResult r =
            kb.search(new SearchRequest(text, k, mode, org.meditwin.search.SearchFilter.none()));
        StringBuilder sb = new StringBuilder();
        r.notices().forEach(n -> sb.append("note: ").append(n).append('\n'));
        List<Map<String, Object>> hits = new ArrayList<>();
        int rank = 1;
        for (SearchHit h : r.hits()) {
          sb.append(
              String.format(
                  Locale.ROOT,
                  "%2d. %.4f  %s%n    %s%n    source: %s  %s%n    %s%n",
                  rank++,
                  h.score(),
                  h.title(),
                  h.metadata().focus().orElse("") + " / " + h.metadata().questionType().orElse(""),
                  h.metadata().source(),
                  h.metadata().url().orElse(""),
                  h.snippet().text().replaceAll("\\s+", " ")));
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("id", h.chunkId());
          m.put("score", h.score());
          m.put("title", h.title());
          m.put("source", h.metadata().source());
          m.put("url", h.metadata().url().orElse(null));
          m.put("focus", h.metadata().focus().orElse(null));
          m.put("questionType", h.metadata().questionType().orElse(null));
          m.put("snippet", h.snippet().text());
          m.put("highlights", h.snippet().highlights());
          hits.add(m);
        }
        if (r.hits().isEmpty()) {
          sb.append("No results.\n");
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("mode", r.modeUsed().name().toLowerCase(Locale.ROOT));
        json.put("notices", r.notices());
        json.put("hits", hits);
        SearchCli.emit(spec, json, sb.toString().stripTrailing());
      }
      return 0;
    }
  }

  @Command(name = "eval", description = "nDCG@10, recall@10/100 and MRR@10 on BEIR-format files.")
  static final class Eval implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--corpus", required = true, paramLabel = "C.jsonl")
    Path corpus;

    @Option(names = "--queries", required = true, paramLabel = "Q.jsonl")
    Path queries;

    @Option(names = "--qrels", required = true, paramLabel = "R.tsv")
    Path qrels;

    @Option(
        names = "--mode",
        split = ",",
        defaultValue = "bm25,dense,hybrid",
        description = "bm25, dense, hybrid or a comma list (default ${DEFAULT-VALUE}).")
    List<SearchMode> modes;

    @Option(
        names = "--fusion",
        description = "rrf, weighted (min-max) or zscore (default: the shipped fusion).")
    FusionMethod fusion;

    @Option(
        names = "--bm25-weight",
        description = "Weight of BM25 in weighted/zscore fusion (default: the shipped weight).")
    Float bm25Weight;

    @Option(names = "--threads", defaultValue = "2", description = "Encoder threads.")
    int threads;

    @Override
    public Integer call() throws Exception {
      for (Path p : List.of(corpus, queries, qrels)) {
        if (!Files.isRegularFile(p)) {
          throw new IllegalArgumentException("file not found: " + p);
        }
      }
      BeirDataset data = BeirDataset.load(corpus, queries, qrels);
      boolean needsEncoder = modes.stream().anyMatch(m -> m != SearchMode.BM25);
      Optional<TextEmbedder> encoder =
          needsEncoder ? SearchCli.encoder(spec, threads) : Optional.empty();
      SearchConfig shipped = SearchConfig.defaults();
      SearchConfig config =
          shipped.withFusion(
              fusion == null ? shipped.fusion() : fusion,
              bm25Weight == null ? shipped.bm25Weight() : bm25Weight);
      Path work = Files.createTempDirectory("meditwin-eval");
      Map<String, Object> json = new LinkedHashMap<>();
      StringBuilder sb =
          new StringBuilder(
              String.format(
                  Locale.ROOT,
                  "%d documents, %d queries, encoder %s%n%-8s %8s %9s %10s %7s%n",
                  data.corpus().size(),
                  data.queries().size(),
                  encoder.map(TextEmbedder::modelId).orElse("none"),
                  "mode",
                  "nDCG@10",
                  "recall@10",
                  "recall@100",
                  "MRR@10"));
      try (RetrievalEvaluator ev =
          RetrievalEvaluator.index(
              data, encoder, config, work.resolve("index"), SearchCli.progress(spec))) {
        for (SearchMode mode : modes) {
          if (mode != SearchMode.BM25 && encoder.isEmpty()) {
            sb.append(mode.name().toLowerCase(Locale.ROOT)).append(": skipped (no encoder)\n");
            continue;
          }
          RetrievalMetrics.Summary s = ev.evaluate(mode, data.queries().keySet(), config);
          sb.append(
              String.format(
                  Locale.ROOT,
                  "%-8s %8.4f %9.4f %10.4f %7.4f%n",
                  mode.name().toLowerCase(Locale.ROOT),
                  s.ndcg10(),
                  s.recall10(),
                  s.recall100(),
                  s.mrr10()));
          json.put(mode.name().toLowerCase(Locale.ROOT), s);
        }
      } finally {
        try (var walk = Files.walk(work)) {
          for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
            Files.deleteIfExists(p);
          }
        }
      }
      SearchCli.emit(spec, json, sb.toString().stripTrailing());
      return 0;
    }
  }

  /** {@code search bench}: the same suite as {@code bench search}. */
  @Command(name = "bench", description = "Benchmark BM25, kNN and hybrid search at 10k-1M chunks.")
  static final class Bench extends BenchSearch {}

  @Command(name = "devset", description = "Write the MedQuAD-derived dev set (BEIR format).")
  static final class DevSet implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR")
    Path out;

    @Option(names = "--focuses", defaultValue = "300")
    int focuses;

    @Option(names = "--seed", defaultValue = "20261121")
    long seed;

    @Override
    public Integer call() throws Exception {
      MedquadDevSet.Split split =
          MedquadDevSet.build(KnowledgeBase.Source.shipped(), focuses, seed);
      split.write(out);
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("documents", split.dataset().corpus().size());
      json.put("queries", split.dataset().queries().size());
      json.put("dev", split.devQueryIds().size());
      json.put("test", split.testQueryIds().size());
      SearchCli.emit(spec, json, "Wrote " + json + " to " + out);
      return 0;
    }
  }
}
