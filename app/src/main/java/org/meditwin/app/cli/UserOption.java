package org.meditwin.app.cli;

import picocli.CommandLine.Option;

/** {@code --user NAME} for commands that sign in (password: MEDITWIN_PASSWORD or a prompt). */
final class UserOption {
  static final String USER_ENV = "MEDITWIN_USER";

  @Option(
      names = {"-u", "--user"},
      paramLabel = "NAME",
      description =
          "Sign in as NAME (default: $MEDITWIN_USER); password from $MEDITWIN_PASSWORD or a prompt.")
  String name;

  String resolve(CliContext context) {
    if (name != null && !name.isBlank()) {
      return name;
    }
    return context
        .io()
        .env(USER_ENV)
        .orElseThrow(() -> CliException.usage("this command needs --user NAME"));
  }
}
