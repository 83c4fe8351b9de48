package org.meditwin.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersCommandTest {
  private static final String CLINICIAN_PASSWORD = "clinician password 1";

  @TempDir Path home;

  @Test
  void addedClinicianIsListedAndCanSignIn() {
    CliRunner cli =
        new CliRunner(home).initialised().env(CliContext.NEW_PASSWORD_ENV, CLINICIAN_PASSWORD);
    CliRunner.Result add =
        cli.run(
            "users",
            "add",
            "jdoe",
            "--role",
            "clinician",
            "--display-name",
            "J. Doe",
            "--user",
            "admin",
            "--json");
    assertThat(add.exitCode()).as(add.err()).isZero();
    assertThat(add.json().at("/user/role").asText()).isEqualTo("CLINICIAN");

    JsonNode list = cli.run("users", "list", "--user", "admin", "--json").json();
    assertThat(list.get("users").findValuesAsText("username")).contains("admin", "jdoe");

    cli.env(CliContext.PASSWORD_ENV, CLINICIAN_PASSWORD);
    assertThat(cli.run("demo", "load", "--user", "jdoe").exitCode()).isZero();
  }

  @Test
  void clinicianMayNotAdministerAccounts() {
    CliRunner cli =
        new CliRunner(home).initialised().env(CliContext.NEW_PASSWORD_ENV, CLINICIAN_PASSWORD);
    assertThat(cli.run("users", "add", "jdoe", "--user", "admin").exitCode()).isZero();
    cli.env(CliContext.PASSWORD_ENV, CLINICIAN_PASSWORD);
    CliRunner.Result result = cli.run("users", "list", "--user", "jdoe", "--json");
    assertThat(result.exitCode()).isEqualTo(ExitCode.AUTHENTICATION);
    assertThat(result.json().at("/error/code").asText()).isEqualTo("access-denied");
  }

  @Test
  void disabledUserCannotSignInAndResetPasswordWorks() {
    CliRunner cli =
        new CliRunner(home).initialised().env(CliContext.NEW_PASSWORD_ENV, CLINICIAN_PASSWORD);
    assertThat(cli.run("users", "add", "jdoe", "--user", "admin").exitCode()).isZero();

    JsonNode disabled = cli.run("users", "disable", "jdoe", "--user", "admin", "--json").json();
    assertThat(disabled.at("/user/disabled").asBoolean()).isTrue();
    CliRunner asJdoe = new CliRunner(home).env(CliContext.PASSWORD_ENV, CLINICIAN_PASSWORD);
    assertThat(asJdoe.run("audit", "verify", "--user", "jdoe").exitCode())
        .isEqualTo(ExitCode.AUTHENTICATION);

    String fresh = "a brand new password";
    cli.env(CliContext.NEW_PASSWORD_ENV, fresh);
    assertThat(cli.run("users", "enable", "jdoe", "--user", "admin").exitCode()).isZero();
    assertThat(
            new CliRunner(home)
                .env(CliContext.PASSWORD_ENV, fresh)
                .run("audit", "verify", "--user", "jdoe")
                .exitCode())
        .isZero();

    String another = "yet another password";
    cli.env(CliContext.NEW_PASSWORD_ENV, another);
    assertThat(cli.run("users", "reset-password", "JDOE", "--user", "admin").exitCode()).isZero();
    assertThat(
            new CliRunner(home)
                .env(CliContext.PASSWORD_ENV, another)
                .run("audit", "verify", "--user", "jdoe")
                .exitCode())
        .isZero();
  }

  @Test
  void unknownTargetUserIsAClearUsageError() {
    CliRunner cli = new CliRunner(home).initialised();
    CliRunner.Result result = cli.run("users", "disable", "ghost", "--user", "admin");
    assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(result.err()).contains("no user named 'ghost'");
  }
}
