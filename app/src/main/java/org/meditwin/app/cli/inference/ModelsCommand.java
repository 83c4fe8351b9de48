package org.meditwin.app.cli.inference;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.meditwin.inference.engine.DjlEnvironment;
import org.meditwin.inference.registry.ModelEntry;
import org.meditwin.inference.registry.ModelRegistry;
import org.meditwin.inference.train.RouterTraining;
import org.meditwin.inference.train.TrainModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code models list} and {@code models train <name>}. */
@Command(
    name = "models",
    description = "Installed models: list with checksum verification, retrain a shipped head.",
    subcommands = {ModelsCommand.ListCommand.class, ModelsCommand.TrainCommand.class})
public final class ModelsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing subcommand: list or train");
  }

  /** One row of {@code models list --json}. */
  public record ModelRow(
      String name,
      String task,
      String engine,
      String version,
      String sha256,
      boolean verified,
      String status,
      String detail) {
    static ModelRow of(ModelEntry e) {
      return new ModelRow(
          e.name(),
          e.descriptor().map(d -> d.task()).orElse(""),
          e.descriptor().map(d -> d.engine()).orElse(""),
          e.descriptor().map(d -> d.version()).orElse(""),
          e.sha256(),
          e.status().usable(),
          e.status().name(),
          e.detail());
    }
  }

  @Command(
      name = "list",
      description =
          "List models and verify their SHA-256 checksums. Exit 1 if one is missing or corrupt.")
  public static final class ListCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      Path dir = InferenceCli.modelsDir();
      List<ModelRow> rows =
          ModelRegistry.open(dir).listVerified().stream().map(ModelRow::of).toList();
      boolean ok = rows.stream().allMatch(ModelRow::verified);
      if (InferenceCli.json(spec)) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("models", rows);
        InferenceCli.printJson(spec, result);
      } else {
        var out = InferenceCli.out(spec);
        out.println("Models in " + dir + ":");
        if (rows.isEmpty()) {
          out.println("  (none)");
        }
        for (ModelRow r : rows) {
          out.printf(
              "  %-22s %-20s %-12s %-7s %s  %s%n",
              r.name(),
              r.task(),
              r.engine(),
              r.version(),
              r.verified() ? "verified" : "NOT VERIFIED",
              r.verified() ? r.sha256().substring(0, 12) : r.detail());
        }
        out.flush();
      }
      return ok ? 0 : 1;
    }
  }

  @Command(
      name = "train",
      description =
          "Retrain a shipped model from its public data set and rewrite its folder (model.json, MODEL.md, weights).")
  public static final class TrainCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
        index = "0",
        paramLabel = "NAME",
        description = "Model to retrain: ${COMPLETION-CANDIDATES}",
        completionCandidates = Trainable.class)
    String name;

    @Option(
        names = "--data",
        paramLabel = "CSV",
        description =
            "Training CSV (default: $MEDITWIN_DATA_DIR/router/mtsamples-dev.csv, else ../shared/data/router/mtsamples-dev.csv).")
    Path data;

    @Option(
        names = "--threads",
        defaultValue = "2",
        description = "Encoder threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(
        names = "--seed",
        defaultValue = "42",
        description = "Random seed (default: ${DEFAULT-VALUE}).")
    int seed;

    @Override
    public Integer call() throws Exception {
      TrainModel.Request d = TrainModel.Request.defaults(name);
      TrainModel.Request r =
          new TrainModel.Request(
              name,
              data != null ? data : d.data(),
              InferenceCli.modelsDir(),
              DjlEnvironment.defaultCacheDir(),
              threads,
              seed);
      var err = InferenceCli.err(spec);
      long[] last = {0};
      RouterTraining.Result res =
          TrainModel.train(
              r,
              (done, total, message) -> {
                long now = System.currentTimeMillis();
                if (now - last[0] > 2000 || done == total) {
                  last[0] = now;
                  err.println("  " + message);
                  err.flush();
                }
              });
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("name", name);
      result.put("folder", res.folder().toString());
      result.put("devMacroF1", res.dev().macroF1());
      result.put("devAccuracy", res.dev().accuracy());
      result.put("ambiguousDevTexts", res.ambiguousDev());
      result.put("ambiguousRoutedAcceptably", res.ambiguousAcceptable());
      if (InferenceCli.json(spec)) {
        InferenceCli.printJson(spec, result);
      } else {
        var out = InferenceCli.out(spec);
        out.printf(
            "Wrote %s%n  dev macro-F1 %.3f, accuracy %.3f%n%n%s",
            res.folder(), res.dev().macroF1(), res.dev().accuracy(), res.dev().toMarkdown());
        out.flush();
      }
      return 0;
    }
  }

  /** Completion candidates for {@code train}. */
  static final class Trainable extends ArrayList<String> {
    private static final long serialVersionUID = 1L;

    Trainable() {
      super(TrainModel.TRAINABLE);
    }
  }
}
