package org.meditwin.app.cli.imaging;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.meditwin.app.cli.CliSupport;
import org.meditwin.imaging.DicomObject;
import org.meditwin.imaging.DicomReader;
import org.meditwin.imaging.DicomSource;
import org.meditwin.imaging.Frame;
import org.meditwin.imaging.ImageDescription;
import org.meditwin.imaging.ai.ColorMap;
import org.meditwin.imaging.ai.ImageAnalysis;
import org.meditwin.imaging.ai.ImageModelDescriptor;
import org.meditwin.imaging.ai.ImageModelRunner;
import org.meditwin.imaging.ai.ModelCatalog;
import org.meditwin.imaging.output.Derivation;
import org.meditwin.imaging.output.DerivedObjects;
import org.meditwin.imaging.render.PngWriter;
import org.meditwin.imaging.render.RenderOptions;
import org.meditwin.imaging.render.RenderedImage;
import org.meditwin.imaging.render.Renderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code imaging models} and {@code imaging analyze} through the generic model runner. */
final class ModelCommands {
  static final String DEFAULT_MODEL = "chest-xray-pneumonia";

  private ModelCommands() {}

  @Command(
      name = "models",
      description =
          "Image models under models/: task, engine, input, status (what is wrong with a model"
              + " that cannot be used).")
  static final class Models implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      ModelCatalog catalog = ModelCatalog.scan(CliSupport.modelsDir());
      List<Map<String, Object>> rows = new ArrayList<>();
      StringBuilder text = new StringBuilder();
      for (ModelCatalog.Entry e : catalog.entries()) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", e.name());
        row.put("status", e.status().name());
        row.put("detail", e.detail());
        e.descriptor()
            .ifPresent(
                d -> {
                  row.put("version", d.version());
                  row.put("task", d.task().id());
                  row.put("engine", d.engine());
                  row.put("format", d.format().name());
                  row.put("modality", d.input().modalities());
                  row.put("bodyPart", d.input().bodyPart().orElse(""));
                  row.put("input", d.input().width() + "x" + d.input().height());
                  row.put(
                      "labels",
                      d.task() == ImageModelDescriptor.Task.CLASSIFICATION
                          ? d.output().labels()
                          : d.output().classes().stream()
                              .map(ImageModelDescriptor.SegmentClass::label)
                              .toList());
                });
        rows.add(row);
        text.append(
            String.format(
                Locale.ROOT,
                "%-28s %-8s %-22s %s%n",
                e.name(),
                e.status(),
                e.descriptor().map(d -> d.task().id() + "/" + d.engine()).orElse("-"),
                e.status().usable()
                    ? e.descriptor()
                        .map(
                            d ->
                                String.join("/", d.input().modalities())
                                    + d.input().bodyPart().map(b -> " " + b).orElse(""))
                        .orElse("")
                    : e.detail()));
      }
      if (rows.isEmpty()) {
        text.append("no image models in ").append(catalog.root());
      }
      CliSupport.emit(spec, Map.of("models", rows), text.toString().stripTrailing());
      return 0;
    }
  }

  @Command(
      name = "analyze",
      description =
          "Run an image model on one DICOM image: per-label probabilities (classification, with"
              + " Grad-CAM heat map for the chest model) or a label map (segmentation); optional"
              + " PNG and DICOM outputs (decision support only).")
  static final class Analyze implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Option(
        names = "--model",
        defaultValue = DEFAULT_MODEL,
        description = "Model folder name under models/ (see 'imaging models').")
    String model;

    @Option(
        names = "--heatmap",
        paramLabel = "PNG",
        description = "Write the image with the heat map or segmentation overlay.")
    Path heatmap;

    @Option(
        names = "--save-sc",
        paramLabel = "DCM",
        description = "Write a DICOM Secondary Capture with the overlay burned in (contains PHI).")
    Path saveSc;

    @Option(
        names = "--save-pmap",
        paramLabel = "DCM",
        description = "Write the heat map as a DICOM Parametric Map (contains PHI).")
    Path savePmap;

    @Option(
        names = "--save-seg",
        paramLabel = "DCM",
        description = "Write the label map as a DICOM Segmentation (contains PHI).")
    Path saveSeg;

    @Option(names = "--frame", defaultValue = "1")
    int frame;

    @Option(
        names = "--runs",
        defaultValue = "1",
        description = "Analyse N times and report the median inference time (timing).")
    int runs;

    @Option(names = "--opacity", defaultValue = "0.5")
    double opacity;

    @Option(names = "--colormap", defaultValue = "JET", description = "JET, HOT or VIRIDIS.")
    ColorMap colormap;

    @Override
    public Integer call() throws Exception {
      DicomSource source = DicomSource.file(file);
      DicomObject object = DicomReader.standard().open(source);
      ImageDescription image =
          object
              .info()
              .image()
              .orElseThrow(() -> new IllegalArgumentException("the file has no image"));
      if (frame < 1 || frame > image.frames()) {
        throw new IllegalArgumentException("--frame must be between 1 and " + image.frames());
      }
      ModelCatalog catalog = ModelCatalog.scan(CliSupport.modelsDir());
      ModelCatalog.Entry entry =
          catalog
              .find(model)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "no image model '" + model + "' in " + catalog.root()));
      Frame decoded = object.frame(frame - 1);
      Map<String, Object> result = new LinkedHashMap<>();
      try (ImageModelRunner runner = ImageModelRunner.open(entry)) {
        if (runs < 1) {
          throw new IllegalArgumentException("--runs must be >= 1");
        }
        ImageAnalysis a = runner.analyze(object.info(), image, decoded);
        double first = a.inferenceMillis();
        double[] times = new double[runs];
        times[0] = first;
        for (int i = 1; i < runs; i++) {
          times[i] = runner.analyze(object.info(), image, decoded).inferenceMillis();
        }
        java.util.Arrays.sort(times);
        List<Map<String, Object>> findings = new ArrayList<>();
        for (ImageAnalysis.LabelScore s : a.scores()) {
          Map<String, Object> f = new LinkedHashMap<>();
          f.put("label", s.label());
          f.put("probability", Math.round(s.probability() * 10000) / 10000.0);
          if (a.task() == ImageModelDescriptor.Task.CLASSIFICATION) {
            f.put("positive", s.probability() >= 0.5);
          }
          f.put("applicable", a.applicability().applicable());
          findings.add(f);
        }
        result.put("task", a.task().id());
        result.put("findings", findings);
        RenderedImage shown = Renderer.render(image, decoded, frame - 1, RenderOptions.defaults());
        RenderedImage blended =
            a.heatmap().isPresent() || a.labelMap().isPresent()
                ? ImageAnalysis.overlay(shown, a, opacity, colormap)
                : shown;
        result.put("heatmap", null);
        if (heatmap != null) {
          PngWriter.write(blended, heatmap);
          result.put("heatmap", heatmap.toAbsolutePath().toString());
        }
        Derivation derivation = Derivation.of(a, Clock.systemDefaultZone());
        Map<String, String> saved = new LinkedHashMap<>();
        if (saveSc != null) {
          write(saveSc, DerivedObjects.secondaryCapture(source, frame - 1, blended, derivation));
          saved.put("secondaryCapture", saveSc.toAbsolutePath().toString());
        }
        if (savePmap != null) {
          write(savePmap, DerivedObjects.parametricMap(source, frame - 1, a, derivation));
          saved.put("parametricMap", savePmap.toAbsolutePath().toString());
        }
        if (saveSeg != null) {
          write(saveSeg, DerivedObjects.segmentation(source, frame - 1, a, derivation));
          saved.put("segmentation", saveSeg.toAbsolutePath().toString());
        }
        result.put("saved", saved);
        result.put("model", Map.of("name", a.model(), "version", a.version()));
        result.put("inferenceMs", Math.round(a.inferenceMillis() * 10) / 10.0);
        if (runs > 1) {
          result.put("firstRunMs", Math.round(first * 10) / 10.0);
          result.put("medianMs", Math.round(times[runs / 2] * 100) / 100.0);
          result.put("runs", runs);
        }
        result.put("impression", a.impression());
        CliSupport.emit(spec, result, a.impression());
      }
      return 0;
    }

    private static void write(Path target, byte[] bytes) throws java.io.IOException {
      Path parent = target.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.write(target, bytes);
    }
  }
}
