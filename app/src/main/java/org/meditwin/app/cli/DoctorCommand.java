package org.meditwin.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.meditwin.store.StoreDiagnostics;
import picocli.CommandLine.Command;

@Command(
    name = "doctor",
    description =
        "Check this installation without signing in: JDK, JavaFX natives, data directory and"
            + " stores, disk, models, database engine. Exit 1 when a check fails.")
final class DoctorCommand implements Callable<Integer> {
  static final String MODELS_PROPERTY = "meditwin.modelsDir";
  static final String MODELS_ENV = "MEDITWIN_MODELS";
  static final int MINIMUM_JAVA = 25;
  static final String INITIALISED_CHECK = "initialised";
  static final String DATABASE_CHECK = "database file";
  static final java.util.Set<String> FRESH_DIRECTORY_CHECKS =
      java.util.Set.of("database file", "key ring readable");

  private final CliContext context;

  DoctorCommand(CliContext context) {
    this.context = context;
  }

  /** One line of the report. */
  record Check(String name, boolean ok, String detail) {}

  /** The JSON contract: {@code {ok, checks:[{name, ok, detail}]}}. */
  record Result(boolean ok, List<Check> checks) {}

  @Override
  public Integer call() {
    List<Check> checks = new ArrayList<>();
    checks.add(jdk());
    checks.add(javafx());
    Path home = context.home();
    checks.addAll(storeChecks(StoreDiagnostics.check(home)));
    checks.add(models(modelsDirectory(home)));
    checks.add(new Check("h2", true, "H2 " + org.h2.engine.Constants.VERSION));
    boolean ok = checks.stream().allMatch(Check::ok);
    String text =
        checks.stream()
                .map(
                    c ->
                        String.format(
                            "[%s] %-22s %s", c.ok() ? " ok " : "FAIL", c.name(), c.detail()))
                .collect(Collectors.joining(System.lineSeparator()))
            + System.lineSeparator()
            + (ok ? "All checks passed." : "Some checks FAILED.");
    context.emit(new Result(ok, checks), text);
    return ok ? ExitCode.OK : ExitCode.CHECK_FAILED;
  }

  /**
   * The store's checks, except that a fresh (never initialised) data directory is healthy: its
   * missing key ring and database are expected until {@code init} or the first-start window. A
   * database without a key ring still fails — that data could not be unlocked.
   */
  static List<Check> storeChecks(List<StoreDiagnostics.Check> store) {
    boolean fresh =
        store.stream().anyMatch(c -> c.name().equals(INITIALISED_CHECK) && !c.ok())
            && store.stream()
                .anyMatch(c -> c.name().equals(DATABASE_CHECK) && c.detail().startsWith("missing"));
    List<Check> checks = new ArrayList<>();
    for (StoreDiagnostics.Check check : store) {
      if (fresh && check.name().equals(INITIALISED_CHECK)) {
        checks.add(
            new Check(
                check.name(),
                true,
                "not yet: fresh data directory (run 'init --admin NAME' or open the window)"));
      } else if (fresh && FRESH_DIRECTORY_CHECKS.contains(check.name()) && !check.ok()) {
        checks.add(new Check(check.name(), true, "not created yet (fresh data directory)"));
      } else {
        checks.add(new Check(check.name(), check.ok(), check.detail()));
      }
    }
    return checks;
  }

  static Check jdk() {
    Runtime.Version version = Runtime.version();
    String detail =
        "Java "
            + version
            + " ("
            + System.getProperty("java.vendor", "?")
            + ") at "
            + System.getProperty("java.home");
    if (version.feature() < MINIMUM_JAVA) {
      return new Check("jdk", false, detail + "; Java " + MINIMUM_JAVA + " or newer is required");
    }
    return new Check("jdk", true, detail);
  }

  static Check javafx() {
    Optional<String> version = JavaFxRuntime.version();
    if (version.isEmpty()) {
      return new Check("javafx", false, "JavaFX is not on the module or class path");
    }
    JavaFxRuntime.NativeCheck natives = JavaFxRuntime.loadNatives();
    return new Check("javafx", natives.ok(), "JavaFX " + version.get() + "; " + natives.detail());
  }

  Path modelsDirectory(Path home) {
    String property = System.getProperty(MODELS_PROPERTY);
    if (property != null && !property.isBlank()) {
      return Path.of(property);
    }
    return context.io().env(MODELS_ENV).map(Path::of).orElse(home.resolve("models"));
  }

  static Check models(Path directory) {
    if (!Files.isDirectory(directory)) {
      return new Check("models", true, "no models installed (" + directory + " does not exist)");
    }
    List<String> entries;
    try (Stream<Path> listing = Files.list(directory)) {
      entries =
          listing
              .filter(Files::isDirectory)
              .map(
                  p ->
                      p.getFileName().toString()
                          + (Files.exists(p.resolve("MODEL.md")) ? "" : " (no MODEL.md)"))
              .sorted()
              .toList();
    } catch (IOException e) {
      return new Check("models", false, "cannot list " + directory + ": " + e.getMessage());
    }
    if (entries.isEmpty()) {
      return new Check("models", true, "no models installed in " + directory);
    }
    return new Check(
        "models", true, entries.size() + " in " + directory + ": " + String.join(", ", entries));
  }
}
