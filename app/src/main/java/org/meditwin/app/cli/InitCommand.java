package org.meditwin.app.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.meditwin.core.domain.UserAccount;
import org.meditwin.core.service.UserSession;
import org.meditwin.core.service.Workstation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "init",
    description =
        "Create the encrypted data directory and its first administrator. Refuses on an"
            + " initialised directory. Password: $MEDITWIN_PASSWORD or a prompt.")
final class InitCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(InitCommand.class);

  private final CliContext context;

  @Option(
      names = "--admin",
      required = true,
      paramLabel = "NAME",
      description = "Administrator login name.")
  String admin;

  @Option(names = "--display-name", paramLabel = "TEXT", description = "Name shown in the window.")
  String displayName;

  InitCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    UserAccount user;
    try (Workstation workstation = context.openWorkstation()) {
      if (workstation.isInitialised()) {
        throw CliException.dataDirectory(
            "data directory "
                + workstation.dataDirectory()
                + " is already initialised; nothing changed");
      }
      char[] password =
          context.secret(
              CliContext.PASSWORD_ENV, "Password for administrator " + admin.strip(), true);
      Passwords.requireAcceptable(password, "the password");
      try (UserSession session =
          workstation.initialise(
              admin, displayName == null ? admin.strip() : displayName, password)) {
        user = session.user();
      } finally {
        Arrays.fill(password, '\0');
      }
    }
    LOG.atInfo().setMessage("data directory initialised").addKeyValue("event", "cli.init").log();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("ok", true);
    result.put("dataDirectory", context.home().toString());
    result.put("user", UserJson.of(user));
    context.emit(
        result,
        "Initialised " + context.home() + "; administrator '" + user.username() + "' created.");
    return ExitCode.OK;
  }
}
