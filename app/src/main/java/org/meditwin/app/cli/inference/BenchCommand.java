package org.meditwin.app.cli.inference;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.meditwin.inference.bench.InferenceBenchmark;
import org.meditwin.inference.engine.DjlEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bench inference}: measured numbers of the local inference runtime. */
@Command(name = "bench", description = "Run a benchmark suite and print the measured numbers.")
public final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "SUITE",
      description = "Suite to run: inference, nlp, asr, search.")
  String suite;

  @Option(
      names = "--sentences",
      defaultValue = "64",
      description = "Sentences per throughput run (default: ${DEFAULT-VALUE}).")
  int sentences;

  @Override
  public Integer call() {
    if (!"inference".equals(suite)) {
      throw new IllegalArgumentException(
          "unknown benchmark suite '" + suite + "'; available: inference, nlp, asr, search");
    }
    boolean json = InferenceCli.json(spec);
    var err = InferenceCli.err(spec);
    var out = InferenceCli.out(spec);
    List<InferenceBenchmark.Measurement> results =
        InferenceBenchmark.run(
            InferenceCli.modelsDir(),
            DjlEnvironment.defaultCacheDir(),
            sentences,
            m -> {
              var w = json ? err : out;
              w.printf(
                  m.unit().isEmpty() ? "%-50s %10.4f%n" : "%-50s %10.1f %s%n",
                  m.name(),
                  m.value(),
                  m.unit());
              w.flush();
            });
    if (json) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("suite", suite);
      result.put("cores", Runtime.getRuntime().availableProcessors());
      result.put("measurements", results);
      InferenceCli.printJson(spec, result);
    }
    return 0;
  }
}
