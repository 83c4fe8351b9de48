package org.meditwin.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.meditwin.imaging.render.RenderOptions;
import org.meditwin.imaging.render.RenderedImage;
import org.meditwin.imaging.render.Renderer;

/**
 * VOI parity with dcmtk's dcm2pnm beyond linear windows: the SIGMOID VOI LUT function ({@code
 * --set-window C W --sigmoid-function}) on every uncompressed greyscale sample (first frame), and
 * every VOI LUT Sequence table of the samples that have one ({@code +Wl n}).
 */
class Dcm2PnmVoiParityTest {
  private static final DicomReader READER = DicomReader.standard();

  @TempDir Path tmp;

  record Case(String name, int lut) {
    @Override
    public String toString() {
      return name + (lut >= 0 ? " VOI LUT " + (lut + 1) : "");
    }
  }

  static List<Case> greyscale(boolean lutsOnly) {
    List<Case> out = new ArrayList<>();
    for (Path p : Samples.all()) {
      try {
        DicomInfo info = READER.readInfo(DicomSource.file(p));
        if (!Dcm2PnmParityTest.UNCOMPRESSED.contains(info.transferSyntax())
            || info.image().isEmpty()) {
          continue;
        }
        ImageDescription image = info.image().get();
        if (image.samplesPerPixel() != 1
            || image.palette().isPresent()
            || image.bitsAllocated() == 32
            || image.photometric().startsWith("PALETTE")) {
          continue;
        }
        if (lutsOnly) {
          for (int i = 0; i < image.voiLuts().size(); i++) {
            out.add(new Case(Samples.relative(p), i));
          }
        } else {
          out.add(new Case(Samples.relative(p), -1));
        }
      } catch (DicomReadException e) {
        // refused files are covered by SampleCorpusTest
      }
    }
    return out;
  }

  static Stream<Case> sigmoidCases() {
    return greyscale(false).stream();
  }

  @Test
  void theSharedSamplesHaveNoVoiLutSequenceSoTheTestWritesItsOwn() {
    // documented in the README: none of the 412 samples carries (0028,3010)
    assertThat(greyscale(true)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sigmoidCases")
  void sigmoidFunctionRendersLikeDcm2pnm(Case c) throws Exception {
    Path file = Samples.named(c.name());
    DicomObject object;
    Frame frame;
    try {
      object = READER.open(DicomSource.file(file));
      frame = object.frame(0);
    } catch (DicomReadException e) {
      assertThat(e.getMessage()).isNotBlank();
      return;
    }
    ImageDescription image = object.info().image().orElseThrow();
    Window w = Renderer.defaultWindow(image, frame);
    RenderedImage expected =
        Dcm2Pnm.render(
            file,
            0,
            tmp.resolve("s.pnm"),
            List.of(
                "--set-window",
                Double.toString(w.center()),
                Double.toString(w.width()),
                "--sigmoid-function"));
    RenderedImage actual =
        Renderer.render(
            image,
            frame,
            0,
            RenderOptions.defaults().withWindow(w).withFunction(VoiFunction.SIGMOID));
    assertSame(c, expected, actual);
  }

  /**
   * A VOI LUT Sequence added with dcmtk's dcmodify to a sample: 16-bit gamma tables on the signed,
   * rescaled CT (first mapped value negative, values beyond the table clamp), one file with two
   * tables (the second chosen). Not covered (README): 8/12-bit tables and MONOCHROME1 images, where
   * dcm2pnm 3.6.7 differs from the formula it uses for 16-bit tables.
   */
  @ParameterizedTest(name = "{0} first mapped {2}, {3} entries, {4} bits, table {5}")
  @org.junit.jupiter.params.provider.CsvSource({
    "debian-samples/octave-dicom/CT-MONO2-16-ankle.dcm, 0.5, -1024, 4096, 16, 1",
    "debian-samples/octave-dicom/CT-MONO2-16-ankle.dcm, 2.0, -1024, 4096, 16, 2",
    "debian-samples/octave-dicom/CT-MONO2-16-ankle.dcm, 1.5, -200, 1024, 16, 1"
  })
  void voiLutSequenceRendersLikeDcm2pnm(
      String name, double gamma, int firstMapped, int entries, int bits, int table)
      throws Exception {
    Path file = tmp.resolve("voi.dcm");
    Files.copy(Samples.named(name), file);
    List<String> command = new ArrayList<>(List.of("dcmodify", "-nb"));
    for (int t = 0; t < table; t++) {
      double g = t == table - 1 ? gamma : 1.0;
      StringBuilder data = new StringBuilder();
      for (int i = 0; i < entries; i++) {
        long v = Math.round(((1L << bits) - 1) * Math.pow(i / (double) (entries - 1), g));
        data.append(i == 0 ? "" : "\\").append(v);
      }
      String item = "(0028,3010)[" + t + "].";
      command.addAll(
          List.of(
              "-i",
              item + "(0028,3002)=" + entries + "\\" + firstMapped + "\\" + bits,
              "-i",
              item + "(0028,3003)=gamma " + g,
              "-i",
              item + "(0028,3006)=" + data));
    }
    command.add(file.toString());
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String log =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(log).isZero();

    DicomObject object = READER.open(DicomSource.file(file));
    ImageDescription image = object.info().image().orElseThrow();
    assertThat(image.voiLuts()).hasSize(table);
    Frame frame = object.frame(0);
    RenderedImage expected =
        Dcm2Pnm.render(file, 0, tmp.resolve("l.pnm"), List.of("+Wl", Integer.toString(table)));
    RenderedImage actual =
        Renderer.render(image, frame, 0, RenderOptions.defaults().withVoiLut(table - 1));
    assertSame(new Case(name, table - 1), expected, actual);
  }

  private static void assertSame(Case c, RenderedImage expected, RenderedImage actual)
      throws Exception {
    assertThat(actual.width()).isEqualTo(expected.width());
    int mismatches = 0;
    int first = -1;
    for (int i = 0; i < actual.rgb().length; i++) {
      if ((actual.rgb()[i] & 0xFFFFFF) != (expected.rgb()[i] & 0xFFFFFF)) {
        if (first < 0) {
          first = i;
        }
        mismatches++;
      }
    }
    assertThat(mismatches)
        .as(
            "%s: %d of %d pixels differ, first at %d (ours %06x, dcm2pnm %06x)",
            c,
            mismatches,
            actual.rgb().length,
            first,
            first < 0 ? 0 : actual.rgb()[first],
            first < 0 ? 0 : expected.rgb()[first])
        .isZero();
  }
}
