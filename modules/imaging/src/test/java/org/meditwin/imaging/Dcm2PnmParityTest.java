package org.meditwin.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.meditwin.imaging.render.RenderOptions;
import org.meditwin.imaging.render.RenderedImage;
import org.meditwin.imaging.render.Renderer;

/**
 * Pixel-for-pixel parity with dcmtk's dcm2pnm on every uncompressed sample image (first and last
 * frame), with the same explicit window ({@code --set-window C W --linear-function}) so that
 * dcm2pnm's own default VOI choice does not differ from ours. Needs Debian's dcmtk.
 */
class Dcm2PnmParityTest {
  static final Set<String> UNCOMPRESSED =
      Set.of(
          "1.2.840.10008.1.2",
          "1.2.840.10008.1.2.1",
          "1.2.840.10008.1.2.2",
          "1.2.840.10008.1.2.1.99");

  private static final DicomReader READER = DicomReader.standard();

  @TempDir Path tmp;

  static Stream<String> uncompressedImages() {
    List<String> names = new ArrayList<>();
    for (Path p : Samples.all()) {
      try {
        DicomInfo info = READER.readInfo(DicomSource.file(p));
        if (UNCOMPRESSED.contains(info.transferSyntax()) && info.image().isPresent()) {
          names.add(Samples.relative(p));
        }
      } catch (DicomReadException e) {
        // refused files are covered by SampleCorpusTest
      }
    }
    return names.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("uncompressedImages")
  void rendersLikeDcm2pnm(String name) throws Exception {
    Path file = Samples.named(name);
    DicomObject object;
    try {
      object = READER.open(DicomSource.file(file));
      object.frame(0);
    } catch (DicomReadException e) {
      // reported per file (e.g. header promises an image without Pixel Data): not a parity case
      assertThat(e.getMessage()).isNotBlank();
      return;
    }
    ImageDescription image = object.info().image().orElseThrow();
    if (image.bitsAllocated() == 32) {
      // documented exception: dcm2pnm 3.6.7 wraps 32-bit stored values (its output is not
      // monotonic in the stored value, e.g. RT dose grids); we check that ours is
      assertMonotonic(image, object.frame(0));
      return;
    }
    for (int f : image.frames() == 1 ? new int[] {0} : new int[] {0, image.frames() - 1}) {
      Frame frame = object.frame(f);
      List<String> options = new ArrayList<>();
      RenderOptions ours = RenderOptions.defaults().withFunction(VoiFunction.LINEAR);
      if (frame.samplesPerPixel() == 1 && !"PALETTE COLOR".equals(frame.photometric())) {
        Window w = Renderer.defaultWindow(image, frame);
        ours = ours.withWindow(w);
        options.addAll(
            List.of(
                "--set-window",
                Double.toString(w.center()),
                Double.toString(w.width()),
                "--linear-function"));
      }
      RenderedImage expected = Dcm2Pnm.render(file, f, tmp.resolve("f" + f + ".pnm"), options);
      RenderedImage actual = Renderer.render(image, frame, f, ours);
      assertThat(actual.width()).isEqualTo(expected.width());
      assertThat(actual.height()).isEqualTo(expected.height());
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
              "%s frame %d: %d of %d pixels differ, first at %d (ours %06x, dcm2pnm %06x)",
              name,
              f + 1,
              mismatches,
              actual.rgb().length,
              first,
              first < 0 ? 0 : actual.rgb()[first],
              first < 0 ? 0 : expected.rgb()[first])
          .isZero();
      Files.deleteIfExists(tmp.resolve("f" + f + ".pnm"));
    }
  }

  private static void assertMonotonic(ImageDescription image, Frame frame) {
    RenderedImage ours = Renderer.render(image, frame, 0, RenderOptions.defaults());
    int[] v = frame.values();
    Integer[] order = new Integer[v.length];
    for (int i = 0; i < v.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> Long.compare(v[a] & 0xFFFFFFFFL, v[b] & 0xFFFFFFFFL));
    int previous = -1;
    for (int i : order) {
      int g = ours.rgb()[i] & 0xFF;
      assertThat(g).isGreaterThanOrEqualTo(previous);
      previous = g;
    }
  }
}
