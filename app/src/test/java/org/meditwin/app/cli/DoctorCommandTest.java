package org.meditwin.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorCommandTest {
  @TempDir Path home;

  @Test
  void reportsEveryCheckAsOneJsonObject() {
    CliRunner.Result result = new CliRunner(home).run("doctor", "--json");
    JsonNode report = result.json();
    Map<String, JsonNode> checks = new HashMap<>();
    report.get("checks").forEach(c -> checks.put(c.get("name").asText(), c));

    assertThat(checks).containsKeys("jdk", "javafx", "models", "h2");
    assertThat(checks.get("jdk").get("ok").asBoolean()).isTrue();
    assertThat(checks.get("h2").get("detail").asText()).contains("2.3");
    assertThat(checks.get("javafx").get("detail").asText()).contains("JavaFX 25");
    assertThat(checks.size()).isGreaterThan(4);
    boolean allOk = true;
    for (JsonNode check : report.get("checks")) {
      assertThat(check.get("detail").asText()).isNotBlank();
      allOk &= check.get("ok").asBoolean();
    }
    assertThat(report.get("ok").asBoolean()).isEqualTo(allOk);
    assertThat(result.exitCode()).isEqualTo(allOk ? ExitCode.OK : ExitCode.CHECK_FAILED);
  }

  @Test
  void noModelsIsHealthyButSaidSo() {
    DoctorCommand.Check check = DoctorCommand.models(home.resolve("models"));
    assertThat(check.ok()).isTrue();
    assertThat(check.detail()).contains("no models installed");
  }

  @Test
  void flagsModelFoldersThatCannotBeVerified() throws Exception {
    Path models = Files.createDirectories(home.resolve("models"));
    Files.createDirectories(models.resolve("pii-ner"));
    Files.writeString(models.resolve("pii-ner").resolve("MODEL.md"), "# card");
    Files.createDirectories(models.resolve("loose"));
    DoctorCommand.Check check = DoctorCommand.models(models);
    assertThat(check.ok()).isFalse();
    assertThat(check.detail())
        .contains("2 in")
        .contains("pii-ner INVALID_DESCRIPTOR: no model.json")
        .contains("(no MODEL.md)");
  }

  @Test
  void shippedModelsVerify() {
    Path shipped = Path.of("..", "models").toAbsolutePath().normalize();
    DoctorCommand.Check check = DoctorCommand.models(shipped);
    assertThat(check.ok()).as(check.detail()).isTrue();
    assertThat(check.detail()).contains("specialty-router verified");
  }

  @Test
  void javaFxNativesLoadWithoutAWindow() {
    JavaFxRuntime.NativeCheck natives = JavaFxRuntime.loadNatives();
    boolean gtkInstalled = JavaFxRuntime.findSystemLibrary("libgtk-3.so.0").isPresent();
    assertThat(natives.ok()).as(natives.detail()).isEqualTo(gtkInstalled);
    if (!gtkInstalled) {
      assertThat(natives.detail()).contains("apt-get install libgtk-3-0");
    }
  }

  @Test
  void aFreshDataDirectoryIsHealthyAndSaysHowToStart() {
    JsonNode report = new CliRunner(home).run("doctor", "--json").json();
    Map<String, JsonNode> checks = new HashMap<>();
    report.get("checks").forEach(c -> checks.put(c.get("name").asText(), c));
    assertThat(checks.get("initialised").get("ok").asBoolean()).isTrue();
    assertThat(checks.get("initialised").get("detail").asText()).contains("init --admin");
  }

  @Test
  void anInitialisedDirectoryPassesTheStoreChecks() {
    CliRunner cli = new CliRunner(home).initialised();
    JsonNode report = cli.run("doctor", "--json").json();
    for (JsonNode check : report.get("checks")) {
      if (!check.get("name").asText().equals("javafx")) {
        assertThat(check.get("ok").asBoolean()).as(check.toString()).isTrue();
      }
    }
  }

  @Test
  void aDatabaseWithoutItsKeyRingFails() throws Exception {
    CliRunner cli = new CliRunner(home).initialised();
    Files.delete(home.resolve("keyring.json"));
    CliRunner.Result result = cli.run("doctor", "--json");
    assertThat(result.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
    assertThat(result.json().get("ok").asBoolean()).isFalse();
  }
}
