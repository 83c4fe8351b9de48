package org.meditwin.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code soap draft} against the shipped soap-sections head (models/ of the repository). */
class SoapCliTest {
  @TempDir Path home;
  @TempDir Path files;

  private static String previous;

  @BeforeAll
  static void useRepositoryModels() {
    previous = System.getProperty(CliSupport.MODELS_PROPERTY);
    System.setProperty(
        CliSupport.MODELS_PROPERTY,
        Path.of("..", "models").toAbsolutePath().normalize().toString());
  }

  @AfterAll
  static void restore() {
    if (previous == null) {
      System.clearProperty(CliSupport.MODELS_PROPERTY);
    } else {
      System.setProperty(CliSupport.MODELS_PROPERTY, previous);
    }
  }

  private Path transcript() throws IOException {
    try (InputStream in = SoapCliTest.class.getResourceAsStream("soap-hearing-visit.txt")) {
      Path f = files.resolve("visit.txt");
      Files.write(f, in.readAllBytes());
      return f;
    }
  }

  @Test
  void draftPrintsTheContractWithSourceSpans() throws IOException {
    Path f = transcript();
    String text = Files.readString(f, StandardCharsets.UTF_8);
    CliRunner.Result r =
        new CliRunner(home)
            .run("--json", "soap", "draft", "--transcript", f.toString(), "--template", "hearing");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode j = r.json();
    assertThat(j.get("subjective").asText())
        .contains("Reports ringing in the left ear for two weeks.");
    assertThat(j.get("objective").asText()).contains("Audiogram thresholds");
    assertThat(j.get("assessment").isTextual()).isTrue();
    assertThat(j.get("plan").asText()).contains("ENT");
    assertThat(j.get("issues").isArray()).isTrue();
    assertThat(j.get("sentences").size()).isGreaterThan(5);
    for (JsonNode s : j.get("sentences")) {
      assertThat(s.get("section").asText()).isIn("subjective", "objective", "assessment", "plan");
      for (JsonNode src : s.get("sources")) {
        int start = src.get("start").asInt();
        int end = src.get("end").asInt();
        assertThat(end).isGreaterThan(start).isLessThanOrEqualTo(text.length());
      }
    }
    assertThat(j.get("fields").get("laterality").asText()).isEqualTo("left");
    assertThat(j.get("engine").asText()).contains("soap-sections");
  }

  @Test
  void badTranscriptFilesGetClearMessages() throws IOException {
    CliRunner cli = new CliRunner(home);
    CliRunner.Result missing =
        cli.run("soap", "draft", "--transcript", files.resolve("nope.txt").toString());
    assertThat(missing.exitCode()).isNotZero();
    assertThat(missing.err()).contains("nope.txt");

    Path binary = files.resolve("audio.wav");
    Files.write(
        binary, new byte[] {'R', 'I', 'F', 'F', (byte) 0xff, (byte) 0xfe, 0, 0, (byte) 0xc3, 0x28});
    CliRunner.Result b = cli.run("soap", "draft", "--transcript", binary.toString());
    assertThat(b.exitCode()).isNotZero();
    assertThat(b.err()).contains("not UTF-8 text");

    Path empty = files.resolve("empty.txt");
    Files.writeString(empty, "  \n");
    CliRunner.Result e = cli.run("soap", "draft", "--transcript", empty.toString());
    assertThat(e.exitCode()).isNotZero();
    assertThat(e.err()).contains("transcript is empty");

    CliRunner.Result t =
        cli.run("soap", "draft", "--transcript", transcript().toString(), "--template", "dental");
    assertThat(t.exitCode()).isNotZero();
    assertThat(t.err()).contains("general or hearing");
  }

  @Test
  void benchSoapRunsTheSoapBenchmark() {
    assertThat(MediTwinCli.benchAliases(new String[] {"bench", "soap", "--runs", "3"}))
        .containsExactly("soap", "bench", "--runs", "3");
  }
}
