package org.meditwin.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "backup",
    description =
        "Write an encrypted archive of the whole data directory (administrators). Archive"
            + " password: $MEDITWIN_BACKUP_PASSWORD or a prompt.")
final class BackupCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(BackupCommand.class);

  private final CliContext context;

  @Mixin UserOption user;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Archive to write.")
  Path out;

  @Option(names = "--force", description = "Overwrite an existing archive file.")
  boolean force;

  BackupCommand(CliContext context) {
    this.context = context;
  }

  record Result(boolean ok, String archive, long bytes) {}

  @Override
  public Integer call() {
    Path archive = out.toAbsolutePath().normalize();
    if (Files.exists(archive) && !force) {
      throw CliException.usage(archive + " already exists (use --force to overwrite)");
    }
    if (archive.getParent() != null && !Files.isDirectory(archive.getParent())) {
      throw CliException.usage("folder " + archive.getParent() + " does not exist");
    }
    long bytes =
        context.withSession(
            user.resolve(context),
            session -> {
              char[] password =
                  context.secret(CliContext.BACKUP_PASSWORD_ENV, "Archive password", true);
              try {
                Passwords.requireAcceptable(password, "the archive password");
                return session.backups().backup(archive, password);
              } finally {
                Arrays.fill(password, '\0');
              }
            });
    LOG.atInfo()
        .setMessage("backup written")
        .addKeyValue("event", "cli.backup")
        .addKeyValue("bytes", bytes)
        .log();
    context.emit(
        new Result(true, archive.toString(), bytes),
        "Backup written: " + archive + " (" + bytes + " bytes).");
    return ExitCode.OK;
  }
}
