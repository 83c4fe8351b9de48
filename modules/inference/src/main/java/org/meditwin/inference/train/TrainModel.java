package org.meditwin.inference.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.meditwin.core.task.ProgressListener;
import org.meditwin.inference.engine.DjlEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point that retrains a shipped model: {@code TrainModel <name> [--data csv] [--models dir]
 * [--threads n] [--seed n]}. The CLI's {@code models train} calls {@link #train} directly.
 */
public final class TrainModel {
  private static final Logger LOG = LoggerFactory.getLogger(TrainModel.class);

  /** Names {@link #train} knows how to rebuild. */
  public static final List<String> TRAINABLE = List.of(RouterTraining.NAME);

  private TrainModel() {}

  /** Options with defaults resolved from the environment. */
  public record Request(
      String name, Path data, Path modelsDir, Path cacheDir, int threads, int seed) {
    public static Request defaults(String name) {
      String dataEnv = System.getenv("MEDITWIN_DATA_DIR");
      Path data =
          (dataEnv != null ? Path.of(dataEnv) : Path.of("..", "shared", "data"))
              .resolve("router")
              .resolve("mtsamples-dev.csv");
      return new Request(name, data, Path.of("models"), DjlEnvironment.defaultCacheDir(), 2, 42);
    }
  }

  public static RouterTraining.Result train(Request r, ProgressListener progress) throws Exception {
    if (!TRAINABLE.contains(r.name())) {
      throw new IllegalArgumentException(
          "no training recipe for '" + r.name() + "'; trainable: " + TRAINABLE);
    }
    if (!Files.isRegularFile(r.data())) {
      throw new IllegalArgumentException("training data not found: " + r.data());
    }
    DjlEnvironment.configureOffline(r.cacheDir());
    Path features = Path.of(System.getProperty("java.io.tmpdir"), "meditwin-features");
    return RouterTraining.run(
        new RouterTraining.Config(
            r.data(),
            r.modelsDir(),
            r.cacheDir().resolve("encoders"),
            features,
            r.threads(),
            TrainingOptions.defaults().withSeed(r.seed())),
        progress);
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      throw new IllegalArgumentException(
          "usage: TrainModel <name> [--data csv] [--models dir] [--threads n] [--seed n]");
    }
    Request d = Request.defaults(args[0]);
    Path data = d.data();
    Path models = d.modelsDir();
    int threads = d.threads();
    int seed = d.seed();
    for (int i = 1; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--data" -> data = Path.of(args[i + 1]);
        case "--models" -> models = Path.of(args[i + 1]);
        case "--threads" -> threads = Integer.parseInt(args[i + 1]);
        case "--seed" -> seed = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    long[] last = {0};
    RouterTraining.Result res =
        train(
            new Request(args[0], data, models, d.cacheDir(), threads, seed),
            (done, total, message) -> {
              long now = System.currentTimeMillis();
              if (now - last[0] > 5000 || done == total) {
                last[0] = now;
                LOG.info("{}", message);
              }
            });
    LOG.info(
        "wrote {}: dev macro-F1 {}, accuracy {}",
        res.folder(),
        String.format("%.3f", res.dev().macroF1()),
        String.format("%.3f", res.dev().accuracy()));
  }
}
