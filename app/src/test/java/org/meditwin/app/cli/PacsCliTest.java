package org.meditwin.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.pacs.DimseOptions;
import org.meditwin.pacs.ReceivedInstance;
import org.meditwin.pacs.StoreScp;

/** {@code pacs echo|send|find|nodes} against our own Store SCP on 127.0.0.1 (ad-hoc nodes). */
class PacsCliTest {
  static final Path CT =
      Path.of(System.getenv().getOrDefault("MEDITWIN_DATA_DIR", "../../shared/data"))
          .resolve("dicom/pydicom-testfiles/src/pydicom/data/test_files/CT_small.dcm")
          .toAbsolutePath()
          .normalize();

  @TempDir Path home;
  @TempDir Path files;

  @Test
  void echoAndSendReachTheNodeAndReportInJson() throws Exception {
    List<ReceivedInstance> got = new CopyOnWriteArrayList<>();
    try (StoreScp scp =
        StoreScp.start(
            "CLI_SCP", 0, got::add, ae -> ae.equals("MEDITWIN"), DimseOptions.defaults())) {
      String node = "CLI_SCP@127.0.0.1:" + scp.port();
      CliRunner cli = new CliRunner(home);
      CliRunner.Result echo = cli.run("--json", "pacs", "echo", node);
      assertThat(echo.exitCode()).as(echo.err()).isZero();
      assertThat(echo.json().get("ok").asBoolean()).isTrue();
      assertThat(echo.json().get("calledAe").asText()).isEqualTo("CLI_SCP");

      Path text = files.resolve("notes.txt");
      Files.writeString(text, "not DICOM");
      CliRunner.Result send =
          cli.run("--json", "pacs", "send", node, CT.toString(), text.toString());
      assertThat(send.exitCode()).isEqualTo(1);
      JsonNode j = send.json();
      assertThat(j.get("sent").asInt()).isEqualTo(1);
      assertThat(j.get("failures")).hasSize(1);
      assertThat(j.get("failures").get(0).get("reason").asText())
          .contains("not a DICOM Part 10 file");
      assertThat(got).hasSize(1);
      assertThat(send.err()).contains("instances sent");
    }
  }

  @Test
  void rejectedAeTitlesAndRefusedPortsAreOneLineErrors() throws Exception {
    try (StoreScp scp =
        StoreScp.start(
            "CLI_SCP", 0, i -> {}, ae -> ae.equals("MEDITWIN"), DimseOptions.defaults())) {
      CliRunner cli = new CliRunner(home);
      CliRunner.Result wrongCalled = cli.run("pacs", "echo", "OTHER@127.0.0.1:" + scp.port());
      assertThat(wrongCalled.exitCode()).isEqualTo(ExitCode.ERROR);
      assertThat(wrongCalled.err()).contains("does not answer to the AE title 'OTHER'");
      CliRunner.Result wrongCalling =
          cli.run(
              "--json",
              "pacs",
              "echo",
              "CLI_SCP@127.0.0.1:" + scp.port(),
              "--calling-ae",
              "STRANGER");
      assertThat(wrongCalling.json().get("error").get("message").asText())
          .contains("does not know our AE title 'STRANGER'");
    }
  }

  @Test
  void badArgumentsAreUsageErrorsBeforeAnyNetworkUse() {
    CliRunner cli = new CliRunner(home);
    assertThat(cli.run("pacs", "find", "PACS@127.0.0.1:1", "--date", "2024-13-45").err())
        .contains("is not a date");
    CliRunner.Result ae =
        cli.run(
            "pacs",
            "nodes",
            "add",
            "x",
            "--ae",
            "ABCDEFGHIJKLMNOPQ",
            "--host",
            "h",
            "--port",
            "104");
    assertThat(ae.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(ae.err()).contains("at most 16 characters");
    assertThat(cli.run("pacs", "echo", "PACS@127.0.0.1:99999").err()).contains("1 to 65535");
  }
}
