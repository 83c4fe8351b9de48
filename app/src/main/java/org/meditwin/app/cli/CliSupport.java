package org.meditwin.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.Console;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import org.meditwin.core.service.UserSession;
import org.meditwin.core.task.ProgressListener;
import org.meditwin.security.KeyRing;
import org.meditwin.store.EmbeddedWorkstation;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Plumbing shared by the pipeline commands in the {@code cli.*} sub-packages (SOAP, chat, record,
 * documents, imaging, search): global options, output, progress, the models folder and signing in.
 * One copy, so every command behaves the same (ADR 0040).
 */
public final class CliSupport {
  /** Where a signed-in command reads the password from (else a no-echo prompt). */
  public static final String PASSWORD_ENV = "MEDITWIN_PASSWORD";

  static final String MODELS_PROPERTY = "meditwin.modelsDir";
  static final String MODELS_ENV = "MEDITWIN_MODELS";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new Jdk8Module())
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private CliSupport() {}

  /** True when the global {@code --json} option was given. */
  public static boolean json(CommandSpec spec) {
    return matched(spec, "--json").isPresent();
  }

  private static Optional<CommandLine.ParseResult> matched(CommandSpec spec, String option) {
    for (CommandLine c = spec.commandLine(); c != null; c = c.getParent()) {
      CommandLine.ParseResult r = c.getParseResult();
      if (r != null && r.hasMatchedOption(option)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /** The data directory: global {@code --home}, else {@code $MEDITWIN_HOME}, else the default. */
  public static Path home(CommandSpec spec) {
    Optional<String> option =
        matched(spec, "--home")
            .map(r -> String.valueOf(r.matchedOptionValue("--home", (Object) null)));
    return DataHome.resolve(option, System.getenv(), System.getProperties());
  }

  /**
   * The shipped models folder: {@code -Dmeditwin.modelsDir}, else {@code $MEDITWIN_MODELS}, else
   * {@code ./models} (the launcher sets the property).
   */
  /**
   * The data folder for training and evaluation: {@code option} when given, else {@code
   * $MEDITWIN_DATA_DIR}, else {@code ../shared/data} (relative to the working directory).
   */
  public static Path dataDir(Path option) {
    if (option != null) {
      return option;
    }
    String env = System.getenv("MEDITWIN_DATA_DIR");
    return env != null && !env.isBlank() ? Path.of(env) : Path.of("..", "shared", "data");
  }

  public static Path modelsDir() {
    String p = System.getProperty(MODELS_PROPERTY);
    if (p != null && !p.isBlank()) {
      return Path.of(p).toAbsolutePath().normalize();
    }
    String e = System.getenv(MODELS_ENV);
    if (e != null && !e.isBlank()) {
      return Path.of(e).toAbsolutePath().normalize();
    }
    return Path.of("models").toAbsolutePath().normalize();
  }

  public static PrintWriter out(CommandSpec spec) {
    return spec.commandLine().getOut();
  }

  public static PrintWriter err(CommandSpec spec) {
    return spec.commandLine().getErr();
  }

  /** One JSON object on stdout with {@code --json} (records, Optionals, java.time supported). */
  public static void emit(CommandSpec spec, Object result, String text) {
    PrintWriter out = out(spec);
    out.println(json(spec) ? toJson(result) : text);
    out.flush();
  }

  public static String toJson(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("result is not serialisable", e);
    }
  }

  /** Progress lines on stderr, at most one per 5 % (messages must be PHI-free). */
  public static ProgressListener progress(CommandSpec spec) {
    PrintWriter err = err(spec);
    long[] lastPercent = {-1};
    return (done, total, message) -> {
      long percent = total > 0 ? done * 100 / total : -1;
      if (percent != lastPercent[0] && (percent % 5 == 0 || percent < 0)) {
        lastPercent[0] = percent;
        err.println(
            total > 0 ? message + ": " + done + "/" + total + " (" + percent + " %)" : message);
        err.flush();
      }
    };
  }

  /**
   * Opens the data directory, signs {@code user} in (password from {@code $MEDITWIN_PASSWORD} or
   * the console; audited, failures count towards lock-out as in the window), runs {@code action}
   * and signs out again.
   *
   * @throws IllegalArgumentException when no user is given, the data directory is not initialised
   *     or no password can be read
   */
  public static <T> T withSession(CommandSpec spec, String user, Function<UserSession, T> action) {
    if (user == null || user.isBlank()) {
      throw new IllegalArgumentException("this command needs --user NAME");
    }
    Path home = home(spec);
    if (!KeyRing.exists(home.resolve("keyring.json"))) {
      throw new IllegalArgumentException(
          "data directory " + home + " is not initialised: run 'init --admin NAME' first");
    }
    char[] password = password(user);
    try (EmbeddedWorkstation workstation =
            EmbeddedWorkstation.open(home, EmbeddedWorkstation.Options.defaults());
        UserSession session = workstation.login(user, password)) {
      return action.apply(session);
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  private static char[] password(String user) {
    String env = System.getenv(PASSWORD_ENV);
    if (env != null && !env.isEmpty()) {
      return env.toCharArray();
    }
    Console console = System.console();
    if (console == null) {
      throw new IllegalArgumentException(
          "no password: set " + PASSWORD_ENV + " or run in a terminal");
    }
    char[] p = console.readPassword("Password for %s: ", user);
    if (p == null) {
      throw new IllegalArgumentException("no password given");
    }
    return p;
  }
}
