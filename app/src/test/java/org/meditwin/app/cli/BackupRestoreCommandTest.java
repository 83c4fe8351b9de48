package org.meditwin.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupRestoreCommandTest {
  private static final String ARCHIVE_PASSWORD = "archive password 42";

  @TempDir Path work;

  @Test
  void backupRestoresIntoAFreshDirectoryWithTheSameData() throws Exception {
    CliRunner source =
        new CliRunner(work.resolve("source"))
            .initialised()
            .env(CliContext.BACKUP_PASSWORD_ENV, ARCHIVE_PASSWORD);
    JsonNode demo = source.run("demo", "load", "--user", "admin", "--json").json();
    Path archive = work.resolve("backup.mtbk");

    CliRunner.Result backup =
        source.run("backup", "--out", archive.toString(), "--user", "admin", "--json");
    assertThat(backup.exitCode()).as(backup.err()).isZero();
    assertThat(backup.json().get("bytes").asLong()).isEqualTo(Files.size(archive)).isPositive();

    CliRunner target =
        new CliRunner(work.resolve("target"))
            .env(CliContext.BACKUP_PASSWORD_ENV, ARCHIVE_PASSWORD)
            .env(CliContext.PASSWORD_ENV, CliRunner.ADMIN_PASSWORD);
    CliRunner.Result restore = target.run("restore", "--in", archive.toString(), "--json");
    assertThat(restore.exitCode()).as(restore.err()).isZero();
    assertThat(restore.json().get("ok").asBoolean()).isTrue();

    JsonNode again = target.run("demo", "load", "--user", "admin", "--json").json();
    assertThat(again.get("patients")).isEqualTo(demo.get("patients"));
    assertThat(target.run("audit", "verify", "--user", "admin").exitCode()).isZero();
  }

  @Test
  void backupRefusesToOverwriteAnExistingFile() throws Exception {
    CliRunner cli =
        new CliRunner(work.resolve("home"))
            .initialised()
            .env(CliContext.BACKUP_PASSWORD_ENV, ARCHIVE_PASSWORD);
    Path existing = Files.writeString(work.resolve("existing.bin"), "keep me");
    CliRunner.Result result = cli.run("backup", "--out", existing.toString(), "--user", "admin");
    assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(result.err()).contains("already exists");
    assertThat(Files.readString(existing)).isEqualTo("keep me");
  }

  @Test
  void restoreWithTheWrongArchivePasswordChangesNothing() {
    CliRunner source =
        new CliRunner(work.resolve("source"))
            .initialised()
            .env(CliContext.BACKUP_PASSWORD_ENV, ARCHIVE_PASSWORD);
    Path archive = work.resolve("backup.mtbk");
    assertThat(source.run("backup", "--out", archive.toString(), "--user", "admin").exitCode())
        .isZero();

    CliRunner target =
        new CliRunner(work.resolve("target"))
            .env(CliContext.BACKUP_PASSWORD_ENV, "wrong archive password");
    CliRunner.Result result = target.run("restore", "--in", archive.toString(), "--json");
    assertThat(result.exitCode()).isEqualTo(ExitCode.AUTHENTICATION);
    assertThat(result.json().at("/error/code").asText()).isEqualTo("archive-password");
    assertThat(Files.exists(work.resolve("target").resolve("keyring.json"))).isFalse();
  }

  @Test
  void replacingAnInitialisedDirectoryNeedsAnAdministrator() {
    CliRunner cli =
        new CliRunner(work.resolve("home"))
            .initialised()
            .env(CliContext.BACKUP_PASSWORD_ENV, ARCHIVE_PASSWORD);
    Path archive = work.resolve("backup.mtbk");
    assertThat(cli.run("backup", "--out", archive.toString(), "--user", "admin").exitCode())
        .isZero();

    CliRunner.Result withoutUser = cli.run("restore", "--in", archive.toString());
    assertThat(withoutUser.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(withoutUser.err()).contains("--user");

    CliRunner.Result withAdmin =
        cli.run("restore", "--in", archive.toString(), "--user", "admin", "--json");
    assertThat(withAdmin.exitCode()).as(withAdmin.err()).isZero();
    assertThat(Path.of(withAdmin.json().get("previous").asText())).exists();
  }
}
