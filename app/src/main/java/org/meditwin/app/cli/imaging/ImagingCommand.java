package org.meditwin.app.cli.imaging;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.meditwin.app.cli.CliSupport;
import org.meditwin.imaging.ai.ChestXrayTrainer;
import org.meditwin.imaging.bench.ImagingBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code imaging bench} (= {@code bench imaging}). */
@Command(
    name = "imaging",
    description =
        "Imaging pipelines: image models (list, analyze with heat map or segmentation, DICOM"
            + " outputs), chest model training, benchmark.",
    subcommands = {
      ModelCommands.Models.class,
      ModelCommands.Analyze.class,
      ImagingCommand.Train.class,
      ArchiveCommands.Import.class,
      ArchiveCommands.Studies.class,
      ArchiveCommands.Report.class,
      SimilarCommand.class,
      ImagingCommand.Bench.class
    })
public final class ImagingCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "missing subcommand: bench");
  }

  @Command(
      name = "bench",
      description =
          "Time to first image and scrolling speed on a 500-slice CT series built from a sample"
              + " slice; decode time against dcm2pnm; memory.")
  static final class Bench implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--slices", defaultValue = "500")
    int slices;

    @Option(names = "--runs", defaultValue = "3")
    int runs;

    @Option(
        names = "--template",
        paramLabel = "FILE",
        description = "The slice to replicate (default: the 512x512 CT sample in the shared data).")
    Path template;

    @Option(names = "--work", defaultValue = "${java.io.tmpdir}", paramLabel = "DIR")
    Path work;

    @Override
    public Integer call() throws Exception {
      Path slice = template != null ? template : defaultTemplate();
      if (!Files.isRegularFile(slice)) {
        throw new IllegalArgumentException(
            "template slice not found: " + slice + " (give one with --template FILE)");
      }
      if (slices < 2 || runs < 1) {
        throw new IllegalArgumentException("--slices must be >= 2 and --runs >= 1");
      }
      ImagingBenchmark.Report r =
          ImagingBenchmark.run(slice, work, slices, runs, CliSupport.progress(spec));
      String text =
          String.format(
              java.util.Locale.ROOT,
              "| slices | size | scan ms | first image ms | scroll fps cold | scroll fps warm |"
                  + " render-only fps | ours ms/frame | dcm2pnm ms/frame | ratio | cache MiB |"
                  + " heap MiB |%n|---|---|---|---|---|---|---|---|---|---|---|---|%n"
                  + "| %d | %dx%d | %.0f | %.0f | %.0f | %.0f | %.0f | %.2f | %s | %s | %d | %d |",
              r.slices(),
              r.width(),
              r.height(),
              r.scanMs(),
              r.firstImageMs(),
              r.coldScrollFps(),
              r.warmScrollFps(),
              r.renderOnlyFps(),
              r.oursMsPerFrame(),
              r.dcm2pnmMsPerFrame()
                  .map(d -> String.format(java.util.Locale.ROOT, "%.2f", d))
                  .orElse("n/a"),
              r.dcm2pnmRatio()
                  .map(d -> String.format(java.util.Locale.ROOT, "%.2f", d))
                  .orElse("n/a"),
              r.cacheBytes() >> 20,
              r.heapUsedMiB());
      CliSupport.emit(spec, r, text);
      return 0;
    }
  }

  @Command(
      name = "train",
      description = "Retrain models/chest-xray-pneumonia on PneumoniaMNIST (train/val split).")
  static final class Train implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--data",
        paramLabel = "NPZ",
        description = "Default: ../shared/data/imaging/pneumoniamnist-trainval.npz")
    Path data;

    @Option(
        names = "--out",
        paramLabel = "DIR",
        description = "Default: <models>/chest-xray-pneumonia")
    Path out;

    @Option(names = "--epochs", defaultValue = "20")
    int epochs;

    @Option(names = "--seed", defaultValue = "42")
    long seed;

    @Override
    public Integer call() throws Exception {
      Path npz =
          data != null
              ? data
              : Path.of(
                      System.getenv().getOrDefault("MEDITWIN_DATA_DIR", "../shared/data"),
                      "imaging",
                      "pneumoniamnist-trainval.npz")
                  .toAbsolutePath()
                  .normalize();
      if (!Files.isRegularFile(npz)) {
        throw new IllegalArgumentException(
            "training data not found: " + npz + " (give --data FILE)");
      }
      Path folder = out != null ? out : CliSupport.modelsDir().resolve(ChestXrayTrainer.MODEL_NAME);
      ChestXrayTrainer.Options defaults = ChestXrayTrainer.Options.defaults();
      ChestXrayTrainer.Report r =
          ChestXrayTrainer.train(
              npz,
              folder,
              new ChestXrayTrainer.Options(
                  epochs, defaults.batchSize(), defaults.learningRate(), defaults.dropout(), seed),
              CliSupport.progress(spec));
      CliSupport.emit(
          spec,
          r,
          String.format(
              java.util.Locale.ROOT,
              "val accuracy %.3f, AUC %.3f (epoch %d of %d), %d parameters; written to %s",
              r.valAccuracy(),
              r.valAuc(),
              r.bestEpoch(),
              r.epochsRun(),
              r.parameters(),
              r.folder()));
      return 0;
    }
  }

  static Path defaultTemplate() {
    String data = System.getenv().getOrDefault("MEDITWIN_DATA_DIR", "../shared/data");
    return Path.of(data, "dicom", "debian-samples", "octave-dicom", "CT-MONO2-16-ankle.dcm")
        .toAbsolutePath()
        .normalize();
  }
}
