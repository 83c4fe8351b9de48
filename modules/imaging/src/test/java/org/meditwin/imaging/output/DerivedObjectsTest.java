package org.meditwin.imaging.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.imaging.DicomInfo;
import org.meditwin.imaging.DicomObject;
import org.meditwin.imaging.DicomReader;
import org.meditwin.imaging.DicomSource;
import org.meditwin.imaging.Frame;
import org.meditwin.imaging.Samples;
import org.meditwin.imaging.ai.ColorMap;
import org.meditwin.imaging.ai.ImageAnalysis;
import org.meditwin.imaging.ai.ImageModelDescriptor;
import org.meditwin.imaging.ai.ModelCatalog;
import org.meditwin.imaging.render.RenderOptions;
import org.meditwin.imaging.render.RenderedImage;
import org.meditwin.imaging.render.Renderer;

/**
 * Secondary Capture, Parametric Map and Segmentation written for real sample images: dciodvfy
 * (Debian dicom3tools) reports no error, dcmdump (dcmtk) parses them, our reader reads them back.
 */
class DerivedObjectsTest {
  static final String CT = "debian-samples/octave-dicom/CT-MONO2-16-ankle.dcm";
  static final String CR =
      "debian-samples/python3-pydicom/test_files/dicomdirtests/77654033/CR1/6154";
  static final Derivation DERIVATION =
      new Derivation(
          "tiny-test-model",
          "1.0.0",
          "MediTwin AI model tiny-test-model 1.0.0; decision support only",
          ZonedDateTime.of(2026, 11, 22, 5, 0, 0, 0, ZoneOffset.UTC),
          Derivation.SERIES_NUMBER);

  @TempDir Path dir;

  record Source(DicomSource source, DicomInfo info, Frame frame, RenderedImage shown) {}

  static Source load(String name) {
    DicomSource s = DicomSource.file(Samples.named(name));
    DicomObject o = DicomReader.standard().open(s);
    Frame f = o.frame(0);
    RenderedImage shown =
        Renderer.render(o.info().image().orElseThrow(), f, 0, RenderOptions.defaults());
    return new Source(s, o.info(), f, shown);
  }

  static ImageAnalysis analysis(Source s, boolean segmentation) {
    int w = s.frame().width();
    int h = s.frame().height();
    float[] heat = new float[w * h];
    int[] labels = new int[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        heat[y * w + x] = (float) x / (w - 1);
        labels[y * w + x] = x < w / 3 ? 0 : x < 2 * w / 3 ? 1 : 2;
      }
    }
    return new ImageAnalysis(
        "tiny-test-model",
        "1.0.0",
        segmentation
            ? ImageModelDescriptor.Task.SEGMENTATION
            : ImageModelDescriptor.Task.CLASSIFICATION,
        List.of(new ImageAnalysis.LabelScore("finding", 0.8)),
        w,
        h,
        segmentation ? Optional.empty() : Optional.of(heat),
        segmentation ? Optional.of(labels) : Optional.empty(),
        List.of(
            new ImageModelDescriptor.SegmentClass(1, "left part", 0xFF0000),
            new ImageModelDescriptor.SegmentClass(2, "right part", 0x00FF00)),
        ModelCatalog.Applicability.yes(),
        1);
  }

  static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return out;
  }

  /** dciodvfy's errors (lines starting "Error"); it must be installed (apt-packages). */
  static List<String> dciodvfyErrors(Path file) throws Exception {
    String out = run("dciodvfy", file.toString());
    assertThat(out)
        .as("dciodvfy (Debian dicom3tools) must be installed")
        .doesNotContain("not found");
    List<String> errors = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (line.startsWith("Error")) {
        errors.add(line);
      }
    }
    Files.writeString(file.resolveSibling(file.getFileName() + ".dciodvfy.txt"), out);
    return errors;
  }

  @Test
  void secondaryCaptureWithBurnedInHeatMapValidatesAndReadsBack() throws Exception {
    for (String name : List.of(CT, CR)) {
      Source s = load(name);
      ImageAnalysis a = analysis(s, false);
      RenderedImage burned = ImageAnalysis.overlay(s.shown(), a, 0.5, ColorMap.JET);
      Path out = dir.resolve("sc-" + Math.abs(name.hashCode()) + ".dcm");
      Files.write(out, DerivedObjects.secondaryCapture(s.source(), 0, burned, DERIVATION));
      assertThat(dciodvfyErrors(out)).as(name).isEmpty();
      String dump = run("dcmdump", out.toString());
      assertThat(dump)
          .contains("(0008,0016) UI =SecondaryCaptureImageStorage")
          .contains("(0028,0301) CS [YES]")
          .contains(s.info().sopInstanceUid())
          .contains("(0008,2111) ST [MediTwin AI model tiny-test-model");
      DicomObject back = DicomReader.standard().open(DicomSource.file(out));
      assertThat(back.info().studyInstanceUid()).isEqualTo(s.info().studyInstanceUid());
      assertThat(back.info().patientId()).isEqualTo(s.info().patientId());
      assertThat(back.info().seriesInstanceUid())
          .isNotEqualTo(s.info().seriesInstanceUid())
          .startsWith("2.25.");
      assertThat(back.info().sopInstanceUid()).startsWith("2.25.");
      RenderedImage reread =
          Renderer.render(
              back.info().image().orElseThrow(), back.frame(0), 0, RenderOptions.defaults());
      assertThat(reread.rgb()).containsExactly(burned.rgb());
    }
  }

  @Test
  void parametricMapOfTheHeatMapValidatesAndKeepsTheFloats() throws Exception {
    for (String name : List.of(CT, CR)) {
      Source s = load(name);
      ImageAnalysis a = analysis(s, false);
      Path out = dir.resolve("pm-" + Math.abs(name.hashCode()) + ".dcm");
      Files.write(out, DerivedObjects.parametricMap(s.source(), 0, a, DERIVATION));
      assertThat(dciodvfyErrors(out)).as(name).isEmpty();
      String dump = run("dcmdump", "+P", "0040,9096", "+P", "0008,0016", out.toString());
      assertThat(dump).contains("ParametricMapStorage").contains("RealWorldValueMappingSequence");
      assertThat(DerivedObjects.parametricMapValues(DicomSource.file(out)))
          .containsExactly(a.heatmap().orElseThrow());
      DicomInfo back = DicomReader.standard().readInfo(DicomSource.file(out));
      assertThat(back.studyInstanceUid()).isEqualTo(s.info().studyInstanceUid());
      assertThat(back.columns()).isEqualTo(s.frame().width());
    }
  }

  @Test
  void segmentationHasOneBinaryFramePerClassAndValidates() throws Exception {
    for (String name : List.of(CT, CR)) {
      Source s = load(name);
      ImageAnalysis a = analysis(s, true);
      Path out = dir.resolve("seg-" + Math.abs(name.hashCode()) + ".dcm");
      Files.write(out, DerivedObjects.segmentation(s.source(), 0, a, DERIVATION));
      assertThat(dciodvfyErrors(out)).as(name).isEmpty();
      DicomObject back = DicomReader.standard().open(DicomSource.file(out));
      assertThat(back.info().frames()).isEqualTo(2);
      int w = s.frame().width();
      Frame second = back.frame(1);
      for (int x = 0; x < w; x++) {
        assertThat(second.value(x, 0)).as("x=%d", x).isEqualTo(x >= 2 * w / 3 ? 1 : 0);
      }
    }
  }
}
