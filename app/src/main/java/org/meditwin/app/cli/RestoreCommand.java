package org.meditwin.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.meditwin.core.service.AccessDeniedException;
import org.meditwin.core.service.Workstation;
import org.meditwin.store.DataDirectoryRestore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "restore",
    description =
        "Restore a backup archive into the data directory. The current directory is moved aside,"
            + " never deleted; replacing an initialised directory needs an administrator's --user."
            + " Archive password: $MEDITWIN_BACKUP_PASSWORD or a prompt.")
final class RestoreCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(RestoreCommand.class);

  private final CliContext context;

  @Mixin UserOption user;

  @Option(names = "--in", required = true, paramLabel = "FILE", description = "Archive to restore.")
  Path in;

  RestoreCommand(CliContext context) {
    this.context = context;
  }

  record Result(boolean ok, String dataDirectory, String previous) {}

  @Override
  public Integer call() {
    Path archive = in.toAbsolutePath().normalize();
    if (!Files.isRegularFile(archive)) {
      throw CliException.usage("archive " + archive + " does not exist");
    }
    Path home = context.home();
    boolean initialised;
    try (Workstation workstation = context.openWorkstation()) {
      initialised = workstation.isInitialised();
    }
    if (initialised) {
      // replacing live data is an administrator's decision, exactly as in the Admin pane
      context.withSession(
          user.resolve(context),
          session -> {
            if (!session.user().role().canAdminister()) {
              throw new AccessDeniedException("only an administrator can restore a backup");
            }
            return session.user();
          });
    }
    char[] password = context.secret(CliContext.BACKUP_PASSWORD_ENV, "Archive password", false);
    Path previous;
    try {
      previous = DataDirectoryRestore.restore(archive, password, home);
    } finally {
      Arrays.fill(password, '\0');
    }
    // the log file moved aside with the old directory: reopen it in the restored one
    Logging.reopenIfConfiguredFor(home);
    LOG.atInfo().setMessage("backup restored").addKeyValue("event", "cli.restore").log();
    context.emit(
        new Result(true, home.toString(), previous.toString()),
        "Restored "
            + archive
            + " into "
            + home
            + "; the previous directory was kept at "
            + previous
            + ".");
    return ExitCode.OK;
  }
}
