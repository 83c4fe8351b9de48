package org.meditwin.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import org.meditwin.core.service.UserSession;
import org.meditwin.core.service.Workstation;

/**
 * State shared by the commands of one CLI run: global options, streams, and helpers for passwords,
 * sessions and output.
 */
final class CliContext {
  static final String PASSWORD_ENV = "MEDITWIN_PASSWORD";
  static final String NEW_PASSWORD_ENV = "MEDITWIN_NEW_PASSWORD";
  static final String BACKUP_PASSWORD_ENV = "MEDITWIN_BACKUP_PASSWORD";

  private static final ObjectMapper JSON =
      new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private final CliIo io;
  private final Function<Path, Workstation> opener;
  private Optional<Path> homeOption = Optional.empty();
  private boolean json;
  private boolean verbose;

  CliContext(CliIo io, Function<Path, Workstation> opener) {
    this.io = io;
    this.opener = opener;
  }

  CliIo io() {
    return io;
  }

  void setHomeOption(Path home) {
    this.homeOption = Optional.of(home);
  }

  void setJson() {
    this.json = true;
  }

  void setVerbose() {
    this.verbose = true;
  }

  boolean json() {
    return json;
  }

  boolean verbose() {
    return verbose;
  }

  /** The data directory of this run (see {@link DataHome}). */
  Path home() {
    return DataHome.resolve(homeOption.map(Path::toString), io.env(), System.getProperties());
  }

  Workstation openWorkstation() {
    return opener.apply(home());
  }

  /**
   * A secret from {@code envVar}, else from a no-echo prompt (asked twice when {@code confirm}).
   */
  char[] secret(String envVar, String what, boolean confirm) {
    Optional<String> fromEnv = io.env(envVar);
    if (fromEnv.isPresent()) {
      return fromEnv.get().toCharArray();
    }
    char[] first =
        io.prompt()
            .read(what + ": ")
            .orElseThrow(
                () ->
                    CliException.usage(
                        "no "
                            + what.toLowerCase(java.util.Locale.ROOT)
                            + ": set "
                            + envVar
                            + " or run in a terminal"));
    if (confirm) {
      char[] again =
          io.prompt()
              .read("Repeat " + what.toLowerCase(java.util.Locale.ROOT) + ": ")
              .orElse(new char[0]);
      boolean same = Arrays.equals(first, again);
      Arrays.fill(again, '\0');
      if (!same) {
        Arrays.fill(first, '\0');
        throw CliException.usage("the two entries do not match");
      }
    }
    return first;
  }

  /** Opens the data directory, signs {@code username} in and runs {@code action}. */
  <T> T withSession(String username, Function<UserSession, T> action) {
    if (username == null || username.isBlank()) {
      throw CliException.usage("this command needs --user NAME");
    }
    try (Workstation workstation = openWorkstation()) {
      requireInitialised(workstation);
      char[] password = secret(PASSWORD_ENV, "Password for " + username.strip(), false);
      try (UserSession session = workstation.login(username, password)) {
        return action.apply(session);
      } finally {
        Arrays.fill(password, '\0');
      }
    }
  }

  void requireInitialised(Workstation workstation) {
    if (!workstation.isInitialised()) {
      throw CliException.dataDirectory(
          "data directory "
              + workstation.dataDirectory()
              + " is not initialised: run 'init --admin NAME' first");
    }
  }

  /** Prints {@code result} as one JSON object with {@code --json}, else {@code text}. */
  void emit(Object result, String text) {
    if (json) {
      io.out().println(toJson(result));
    } else if (!text.isEmpty()) {
      io.out().println(text);
    }
    io.out().flush();
  }

  static String toJson(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise CLI result", e);
    }
  }
}
