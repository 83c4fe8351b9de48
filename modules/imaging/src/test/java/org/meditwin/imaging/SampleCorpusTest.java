package org.meditwin.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.meditwin.imaging.render.RenderOptions;
import org.meditwin.imaging.render.Renderer;

/**
 * Every file of the shared sample set either renders every frame or is refused with a reason; the
 * per-transfer-syntax outcome is written to target/transfer-syntax-support.tsv for the README.
 */
class SampleCorpusTest {
  private final DicomReader reader = DicomReader.standard();

  @Test
  void everySampleRendersOrIsReportedWithAClearReason() throws IOException {
    Map<String, int[]> table = new TreeMap<>();
    List<String> lines = new ArrayList<>();
    List<Path> files = Samples.all();
    assertThat(files).hasSizeGreaterThan(300);
    for (Path file : files) {
      String ts = "?";
      String outcome;
      try {
        DicomObject object = reader.open(DicomSource.file(file));
        ts =
            object.info().transferSyntaxName().isEmpty()
                ? object.info().transferSyntax()
                : object.info().transferSyntaxName();
        if (object.info().image().isEmpty()) {
          outcome = "no-image";
        } else {
          ImageDescription image = object.info().image().get();
          for (int f = 0; f < image.frames(); f++) {
            Renderer.render(image, object.frame(f), f, RenderOptions.defaults());
          }
          outcome = "ok";
        }
      } catch (DicomReadException e) {
        assertThat(e.getMessage()).as(Samples.relative(file)).isNotBlank();
        outcome = e.reason() + ": " + e.getMessage();
      }
      lines.add(Samples.relative(file) + "\t" + ts + "\t" + outcome);
      int[] counts = table.computeIfAbsent(ts, k -> new int[3]);
      counts[outcome.equals("ok") ? 0 : outcome.equals("no-image") ? 1 : 2]++;
    }
    List<String> summary = new ArrayList<>();
    table.forEach((k, v) -> summary.add(k + "\t" + v[0] + "\t" + v[1] + "\t" + v[2]));
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target/sample-outcomes.tsv"), lines);
    Files.write(Path.of("target/transfer-syntax-support.tsv"), summary);
  }
}
