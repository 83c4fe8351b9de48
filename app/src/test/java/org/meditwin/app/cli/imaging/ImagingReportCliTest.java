package org.meditwin.app.cli.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code imaging report FILE} (no session: drafted from the DICOM metadata) and usage errors. */
class ImagingReportCliTest {
  static final Path CT =
      Path.of(System.getenv().getOrDefault("MEDITWIN_DATA_DIR", "../../shared/data"))
          .resolve("dicom/pydicom-testfiles/src/pydicom/data/test_files/CT_small.dcm")
          .toAbsolutePath()
          .normalize();

  @TempDir Path tmp;

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CommandLine cli = new CommandLine(new ImagingCommand());
    cli.setOut(new java.io.PrintWriter(new PrintStream(out, true, StandardCharsets.UTF_8), true));
    cli.setErr(new java.io.PrintWriter(new PrintStream(err, true, StandardCharsets.UTF_8), true));
    cli.setExecutionExceptionHandler(
        (e, c, p) -> {
          c.getErr().println(e.getMessage());
          return 2;
        });
    int code = cli.execute(args);
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void draftsACtReportFromTheMetadataAndWritesThePdf() throws Exception {
    Path pdf = tmp.resolve("ct.pdf");
    Run r = run("report", CT.toString(), "--pdf", pdf.toString(), "--no-analysis");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("CT examination")
        .contains("120 kVp, 170 mAs, slice thickness 5 mm")
        .contains("Contrast agent: ISOVUE300/100")
        .contains("[template] No generative model is configured")
        .contains("0 sentence(s) flagged");
    assertThat(Files.readAllBytes(pdf)).startsWith("%PDF".getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void reportOfAFolderUsesItsFirstStudyAndListsChecks() throws Exception {
    Path folder = Files.createDirectories(tmp.resolve("cd"));
    Files.copy(CT, folder.resolve("a.dcm"));
    Files.writeString(folder.resolve("readme.txt"), "not an image");
    Run r = run("report", folder.toString(), "--no-analysis");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("Technique: CT examination.");
  }

  @Test
  void usageErrorsAreClear() {
    Run neither = run("report");
    assertThat(neither.code()).isNotZero();
    assertThat(neither.err()).contains("either FILE or --study UID");
    Run studyWithoutPatient = run("report", "--study", "1.2.3");
    assertThat(studyWithoutPatient.err()).contains("missing --patient ID");
    Run importWithoutPatient = run("import", CT.toString());
    assertThat(importWithoutPatient.err()).contains("missing --patient ID");
  }
}
