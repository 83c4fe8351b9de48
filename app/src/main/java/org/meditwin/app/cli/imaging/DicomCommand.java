package org.meditwin.app.cli.imaging;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.meditwin.app.cli.CliSupport;
import org.meditwin.imaging.Catalog;
import org.meditwin.imaging.DicomInfo;
import org.meditwin.imaging.DicomObject;
import org.meditwin.imaging.DicomReader;
import org.meditwin.imaging.DicomScanner;
import org.meditwin.imaging.DicomSource;
import org.meditwin.imaging.Frame;
import org.meditwin.imaging.ImageDescription;
import org.meditwin.imaging.Window;
import org.meditwin.imaging.render.PngWriter;
import org.meditwin.imaging.render.RenderOptions;
import org.meditwin.imaging.render.RenderedImage;
import org.meditwin.imaging.render.Renderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dicom info|render|scan}: stateless DICOM commands (no sign-in; files read in place). */
@Command(
    name = "dicom",
    description = "Inspect, render and scan DICOM files (read in place, nothing stored).",
    subcommands = {DicomCommand.Info.class, DicomCommand.Render.class, DicomCommand.Scan.class})
public final class DicomCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "missing subcommand: info, render or scan");
  }

  @Command(name = "info", description = "Header summary of one DICOM file (no PHI unless --phi).")
  static final class Info implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Option(names = "--phi", description = "Also print patient name, id, birth date and sex.")
    boolean phi;

    @Override
    public Integer call() {
      DicomInfo info = DicomReader.standard().readInfo(DicomSource.file(file));
      Map<String, Object> out = describe(info, phi);
      StringBuilder text = new StringBuilder();
      out.forEach((k, v) -> text.append(k).append(": ").append(v).append('\n'));
      CliSupport.emit(spec, out, text.toString().strip());
      return 0;
    }
  }

  static Map<String, Object> describe(DicomInfo info, boolean phi) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("transferSyntax", info.transferSyntax());
    out.put("transferSyntaxName", info.transferSyntaxName());
    out.put("sopClass", info.sopClass());
    out.put("sopClassName", info.sopClassName());
    out.put("sopInstanceUid", info.sopInstanceUid());
    out.put("modality", info.modality());
    out.put("rows", info.rows());
    out.put("columns", info.columns());
    out.put("frames", info.frames());
    out.put("hasPixelData", info.hasPixelData());
    info.image()
        .ifPresent(
            image -> {
              out.put("samplesPerPixel", image.samplesPerPixel());
              out.put("photometric", image.photometric());
              out.put("bitsAllocated", image.bitsAllocated());
              out.put("bitsStored", image.bitsStored());
              out.put("signed", image.signed());
              out.put("rescaleSlope", image.rescaleSlope());
              out.put("rescaleIntercept", image.rescaleIntercept());
              List<Map<String, Object>> windows = new ArrayList<>();
              for (Window w : image.windows()) {
                windows.add(
                    Map.of(
                        "center", w.center(), "width", w.width(), "explanation", w.explanation()));
              }
              out.put("windows", windows);
              out.put("voiLuts", image.voiLuts().size());
              out.put("voiFunction", image.voiFunction().name());
              out.put("overlays", image.overlays().size());
              image
                  .pixelSpacing()
                  .ifPresent(s -> out.put("pixelSpacingMm", List.of(s.row(), s.column())));
            });
    out.put("studyInstanceUid", info.studyInstanceUid());
    out.put("seriesInstanceUid", info.seriesInstanceUid());
    out.put("seriesNumber", info.seriesNumber());
    out.put("instanceNumber", info.instanceNumber());
    out.put("studyDate", info.studyDate());
    out.put("seriesDescription", info.seriesDescription());
    out.put("bodyPart", info.bodyPart());
    out.put("manufacturer", info.manufacturer());
    if (phi) {
      out.put("patientName", info.patientName());
      out.put("patientId", info.patientId());
      out.put("patientBirthDate", info.patientBirthDate());
      out.put("patientSex", info.patientSex());
    }
    return out;
  }

  @Command(name = "render", description = "Render one frame to PNG (modality LUT, VOI, overlays).")
  static final class Render implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Option(names = "--out", required = true, paramLabel = "PNG")
    Path out;

    @Option(names = "--frame", defaultValue = "1", description = "1-based frame (default 1).")
    int frame;

    @Option(
        names = "--window",
        arity = "2",
        paramLabel = "C W",
        description = "Window centre and width in modality units (default: the file's).")
    double[] window;

    @Option(names = "--invert", description = "Invert the output.")
    boolean invert;

    @Option(names = "--no-overlays", description = "Do not burn in 60xx overlays.")
    boolean noOverlays;

    @Override
    public Integer call() throws Exception {
      DicomObject object = DicomReader.standard().open(DicomSource.file(file));
      ImageDescription image =
          object
              .info()
              .image()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "the file has no image (it is a " + kind(object.info()) + ")"));
      if (frame < 1 || frame > image.frames()) {
        throw new IllegalArgumentException(
            "--frame must be between 1 and " + image.frames() + " for this file");
      }
      RenderOptions options = RenderOptions.defaults().withInvert(invert).withOverlays(!noOverlays);
      if (window != null) {
        if (!(window[1] >= 1)) {
          throw new IllegalArgumentException("--window width must be at least 1");
        }
        options = options.withWindow(Window.of(window[0], window[1]));
      }
      Frame decoded = object.frame(frame - 1);
      RenderedImage rendered = Renderer.render(image, decoded, frame - 1, options);
      PngWriter.write(rendered, out);
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("ok", true);
      result.put("width", rendered.width());
      result.put("height", rendered.height());
      result.put("frame", frame);
      result.put("frames", image.frames());
      result.put("color", rendered.color());
      if (decoded.samplesPerPixel() == 1 && image.palette().isEmpty()) {
        Window used = options.window().orElseGet(() -> Renderer.defaultWindow(image, decoded));
        result.put("window", Map.of("center", used.center(), "width", used.width()));
      }
      result.put("out", out.toAbsolutePath().toString());
      CliSupport.emit(
          spec,
          result,
          "wrote "
              + out
              + " ("
              + rendered.width()
              + " x "
              + rendered.height()
              + ", frame "
              + frame
              + ")");
      return 0;
    }
  }

  static String kind(DicomInfo info) {
    return info.sopClassName().isEmpty() ? "non-image object" : info.sopClassName();
  }

  @Command(
      name = "scan",
      description = "Sort a file, folder, DICOMDIR or zip into patients/studies/series.")
  static final class Scan implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PATH")
    Path path;

    @Override
    public Integer call() {
      Catalog catalog =
          DicomScanner.standard().scan(path, CliSupport.progress(spec), new AtomicBoolean());
      List<Map<String, Object>> series = new ArrayList<>();
      for (Catalog.Series s : catalog.allSeries()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seriesInstanceUid", s.uid());
        m.put("number", s.number());
        m.put("modality", s.modality());
        m.put("description", s.description());
        m.put("instances", s.instances().size());
        m.put("frames", s.slices().size());
        series.add(m);
      }
      List<Map<String, Object>> problems = new ArrayList<>();
      for (Catalog.FileProblem p : catalog.problems()) {
        problems.add(Map.of("file", p.name(), "reason", p.reason().name(), "message", p.message()));
      }
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("patients", catalog.patients().size());
      out.put("studies", catalog.patients().stream().mapToInt(p -> p.studies().size()).sum());
      out.put("series", series);
      out.put("instances", catalog.instanceCount());
      out.put("problems", problems);
      StringBuilder text = new StringBuilder();
      text.append(catalog.patients().size())
          .append(" patient(s), ")
          .append(series.size())
          .append(" series, ")
          .append(catalog.instanceCount())
          .append(" instance(s)\n");
      for (Catalog.FileProblem p : catalog.problems()) {
        text.append("  skipped ").append(p.name()).append(": ").append(p.message()).append('\n');
      }
      CliSupport.emit(spec, out, text.toString().strip());
      return 0;
    }
  }
}
