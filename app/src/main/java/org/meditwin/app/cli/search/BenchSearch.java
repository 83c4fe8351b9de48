package org.meditwin.app.cli.search;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.meditwin.search.TextEmbedder;
import org.meditwin.search.VectorFormat;
import org.meditwin.search.bench.SearchBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench search}: search latency, recall and indexing at scale. 10k and 100k by default; 1M
 * only with {@code --sizes 1000000} (tens of minutes on 2 cores).
 */
@Command(name = "search", description = "Benchmark BM25, kNN and hybrid search at 10k-1M chunks.")
public class BenchSearch implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--sizes",
      split = ",",
      defaultValue = "10000,100000",
      description = "Chunk counts (default ${DEFAULT-VALUE}; add 1000000 explicitly).")
  List<Integer> sizes;

  @Option(names = "--queries", defaultValue = "200")
  int queries;

  @Option(
      names = "--format",
      split = ",",
      defaultValue = "HNSW_FLOAT32",
      description = "HNSW_FLOAT32 and/or HNSW_SCALAR_QUANTIZED_7BIT.")
  List<VectorFormat> formats;

  @Option(names = "--plain", description = "Also run on an unencrypted FSDirectory (overhead).")
  boolean plain;

  @Option(names = "--no-encoder", description = "Skip timing the real query encoder.")
  boolean noEncoder;

  @Option(names = "--work", defaultValue = "${java.io.tmpdir}", paramLabel = "DIR")
  Path work;

  @Option(
      names = "--grow",
      description =
          "Build ONE index grown through the sizes (ascending) and measure at each size; rows are"
              + " printed as soon as measured (large sizes on busy machines).")
  boolean grow;

  @Option(
      names = "--deadline",
      paramLabel = "INSTANT",
      description = "With --grow: stop growing after this time (e.g. 2026-11-22T02:50:00Z).")
  java.time.Instant deadline;

  @Override
  public Integer call() throws Exception {
    Optional<TextEmbedder> encoder = noEncoder ? Optional.empty() : SearchCli.encoder(spec, 1);
    List<SearchBenchmark.Report> reports = new ArrayList<>();
    var out = SearchCli.json(spec) ? SearchCli.err(spec) : SearchCli.out(spec);
    out.println(SearchBenchmark.markdownHeader());
    if (grow) {
      int largest = sizes.stream().mapToInt(Integer::intValue).max().orElse(10_000);
      for (VectorFormat f : formats) {
        reports.addAll(
            SearchBenchmark.runGrowing(
                new SearchBenchmark.Options(largest, queries, f, true, work, 42, encoder),
                sizes,
                java.util.Optional.ofNullable(deadline),
                SearchCli.progress(spec),
                r -> {
                  out.println(SearchBenchmark.markdownRow(r));
                  out.flush();
                }));
      }
      sizes = List.of();
    }
    for (int n : sizes) {
      for (VectorFormat f : formats) {
        for (boolean encrypted : plain ? new boolean[] {true, false} : new boolean[] {true}) {
          SearchBenchmark.Report r =
              SearchBenchmark.run(
                  new SearchBenchmark.Options(n, queries, f, encrypted, work, 42, encoder),
                  SearchCli.progress(spec));
          reports.add(r);
          out.println(SearchBenchmark.markdownRow(r));
          out.flush();
        }
      }
    }
    if (SearchCli.json(spec)) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("suite", "search");
      json.put("cores", Runtime.getRuntime().availableProcessors());
      json.put("reports", reports);
      SearchCli.emit(spec, json, "");
    }
    return 0;
  }
}
