package org.meditwin.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliWorkflowTest {
  @TempDir Path home;

  @Test
  void initThenDemoLoadThenAuditVerifyIsOk() {
    CliRunner cli = new CliRunner(home).env(CliContext.PASSWORD_ENV, CliRunner.ADMIN_PASSWORD);

    JsonNode init =
        cli.run("init", "--admin", "admin", "--display-name", "Dr Admin", "--json").json();
    assertThat(init.get("ok").asBoolean()).isTrue();
    assertThat(init.at("/user/username").asText()).isEqualTo("admin");
    assertThat(init.at("/user/role").asText()).isEqualTo("ADMINISTRATOR");

    CliRunner.Result demo = cli.run("demo", "load", "--user", "admin", "--json");
    assertThat(demo.exitCode()).as(demo.err()).isZero();
    JsonNode patients = demo.json().get("patients");
    assertThat(patients.size()).isPositive();
    for (JsonNode patient : patients) {
      assertThat(patient.get("id").asText()).isNotBlank();
      assertThat(patient.get("name").asText()).isNotBlank();
    }

    CliRunner.Result verify = cli.run("audit", "verify", "--user", "admin", "--json");
    assertThat(verify.exitCode()).as(verify.err()).isZero();
    JsonNode result = verify.json();
    assertThat(result.get("ok").asBoolean()).isTrue();
    assertThat(result.get("entries").asLong()).isPositive();
    assertThat(result.get("firstBrokenEntry").isNull()).isTrue();
  }

  @Test
  void demoLoadIsIdempotent() {
    CliRunner cli = new CliRunner(home).initialised();
    JsonNode first = cli.run("demo", "load", "--user", "admin", "--json").json();
    JsonNode second = cli.run("demo", "load", "--user", "admin", "--json").json();
    assertThat(first.get("added").asInt()).isPositive();
    assertThat(second.get("added").asInt()).isZero();
    assertThat(ids(second)).containsExactlyInAnyOrderElementsOf(ids(first));
  }

  @Test
  void initRefusesAnInitialisedDirectory() {
    CliRunner cli = new CliRunner(home).initialised();
    CliRunner.Result again = cli.run("init", "--admin", "other", "--json");
    assertThat(again.exitCode()).isEqualTo(ExitCode.DATA_DIRECTORY);
    assertThat(again.json().at("/error/message").asText()).contains("already initialised");
    assertThat(again.err()).contains("already initialised");
  }

  @Test
  void rejectsWrongPasswordWithOneLineMessageAndNoStackTrace() {
    CliRunner cli = new CliRunner(home).initialised();
    cli.env(CliContext.PASSWORD_ENV, "not the password at all");

    CliRunner.Result plain = cli.run("demo", "load", "--user", "admin");
    assertThat(plain.exitCode()).isEqualTo(ExitCode.AUTHENTICATION);
    assertThat(plain.out()).isEmpty();
    assertThat(plain.err().strip().lines()).hasSize(1);
    assertThat(plain.err())
        .startsWith("meditwin: ")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");

    CliRunner.Result json = cli.run("demo", "load", "--user", "admin", "--json");
    assertThat(json.exitCode()).isEqualTo(ExitCode.AUTHENTICATION);
    JsonNode error = json.json();
    assertThat(error.get("ok").asBoolean()).isFalse();
    assertThat(error.at("/error/code").asText()).isEqualTo("authentication");
    assertThat(error.at("/error/exitCode").asInt()).isEqualTo(ExitCode.AUTHENTICATION);
  }

  @Test
  void unknownUserGetsTheSameAnswerAsAWrongPassword() {
    CliRunner cli = new CliRunner(home).initialised();
    cli.env(CliContext.PASSWORD_ENV, "not the password at all");
    CliRunner.Result wrongPassword = cli.run("audit", "verify", "--user", "admin");
    CliRunner.Result unknownUser = cli.run("audit", "verify", "--user", "nobody");
    assertThat(unknownUser.exitCode())
        .isEqualTo(wrongPassword.exitCode())
        .isEqualTo(ExitCode.AUTHENTICATION);
    assertThat(unknownUser.err()).isEqualTo(wrongPassword.err());
  }

  @Test
  void verboseShowsTheStackTrace() {
    CliRunner cli = new CliRunner(home).initialised();
    cli.env(CliContext.PASSWORD_ENV, "not the password at all");
    CliRunner.Result result = cli.run("demo", "load", "--user", "admin", "--verbose");
    assertThat(result.exitCode()).isEqualTo(ExitCode.AUTHENTICATION);
    assertThat(result.err()).contains("AuthenticationException").contains("\tat ");
  }

  @Test
  void explainsHowToGiveAPasswordWhenThereIsNoTerminal() {
    CliRunner cli = new CliRunner(home);
    CliRunner.Result result = cli.run("init", "--admin", "admin");
    assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(result.err()).contains("MEDITWIN_PASSWORD");
  }

  @Test
  void initAsksTwiceAtThePromptAndRefusesAMismatch() {
    CliRunner cli =
        new CliRunner(home)
            .prompt(CliIo.PasswordPrompt.answering("first password 123", "second password 456"));
    CliRunner.Result result = cli.run("init", "--admin", "admin");
    assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(result.err()).contains("do not match");

    CliRunner again =
        new CliRunner(home)
            .prompt(CliIo.PasswordPrompt.answering("the same password", "the same password"));
    assertThat(again.run("init", "--admin", "admin").exitCode()).isZero();
  }

  @Test
  void rejectsAWeakPasswordBeforeCreatingAnything() {
    CliRunner cli = new CliRunner(home).env(CliContext.PASSWORD_ENV, "short");
    CliRunner.Result result = cli.run("init", "--admin", "admin", "--json");
    assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(result.json().at("/error/message").asText()).contains("at least 10 characters");
    assertThat(Files.exists(home.resolve("keyring.json"))).isFalse();
  }

  @Test
  void storeCommandsOnAFreshDirectoryPointToInit() {
    CliRunner cli = new CliRunner(home).env(CliContext.PASSWORD_ENV, CliRunner.ADMIN_PASSWORD);
    CliRunner.Result result = cli.run("demo", "load", "--user", "admin");
    assertThat(result.exitCode()).isEqualTo(ExitCode.DATA_DIRECTORY);
    assertThat(result.err()).contains("not initialised").contains("init --admin");
  }

  @Test
  void storeCommandsNeedAUser() {
    CliRunner cli = new CliRunner(home).initialised();
    CliRunner.Result result = cli.run("audit", "verify");
    assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(result.err()).contains("--user");
    assertThat(cli.env(UserOption.USER_ENV, "admin").run("audit", "verify").exitCode()).isZero();
  }

  @Test
  void unknownCommandIsAUsageErrorWithOneJsonObject() {
    CliRunner.Result result = new CliRunner(home).run("frobnicate", "--json");
    assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(result.json().at("/error/code").asText()).isEqualTo("usage");
  }

  @Test
  void globalOptionsWorkBeforeAndAfterTheCommand() {
    CliRunner cli = new CliRunner(home);
    JsonNode before = new CliRunner(home).run("--json", "version").json();
    JsonNode after = cli.run("version", "--json").json();
    assertThat(before).isEqualTo(after);
    assertThat(after.get("java").asText()).startsWith(String.valueOf(Runtime.version().feature()));
    assertThat(after.get("version").asText()).isNotBlank();
  }

  @Test
  void versionWithoutJsonIsReadableText() {
    CliRunner.Result result = new CliRunner(home).run("version");
    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).startsWith("MediTwin Workstation").contains("Java");
  }

  private static List<String> ids(JsonNode demo) {
    List<String> ids = new ArrayList<>();
    demo.get("patients").forEach(p -> ids.add(p.get("id").asText()));
    return ids;
  }
}
