package org.meditwin.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
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
    Path modelsDir = modelsDirectory();
    checks.add(models(modelsDir));
    checks.add(inferenceDevice());
    checks.add(speech(modelsDir));
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

  /** Same resolution as {@code models} and {@code asr}: property, environment, ./models. */
  Path modelsDirectory() {
    String property = System.getProperty(MODELS_PROPERTY);
    if (property != null && !property.isBlank()) {
      return Path.of(property).toAbsolutePath().normalize();
    }
    return context
        .io()
        .env(MODELS_ENV)
        .map(Path::of)
        .orElse(Path.of("models"))
        .toAbsolutePath()
        .normalize();
  }

  /** The PyTorch engine's natives load (offline) and report the device used for inference. */
  static Check inferenceDevice() {
    try {
      org.meditwin.inference.engine.DeviceInfo device =
          org.meditwin.inference.engine.Engines.device();
      return new Check("inference device", true, device.describe());
    } catch (RuntimeException | LinkageError e) {
      return new Check(
          "inference device",
          false,
          "the inference engine could not be loaded: " + e.getClass().getSimpleName());
    }
  }

  /** Offline speech-to-text engines: usable when at least one can be opened. */
  static Check speech(Path modelsDir) {
    try (org.meditwin.dictation.Dictation dictation =
        org.meditwin.dictation.Dictation.create(
            org.meditwin.dictation.DictationConfig.defaults(modelsDir))) {
      List<org.meditwin.dictation.EngineStatus> status = dictation.status();
      boolean any = status.stream().anyMatch(org.meditwin.dictation.EngineStatus::available);
      String detail =
          status.stream()
              .map(
                  st ->
                      st.engine().name().toLowerCase(java.util.Locale.ROOT)
                          + (st.available() ? " available" : " unavailable")
                          + " ("
                          + st.detail()
                          + ")")
              .collect(Collectors.joining("; "));
      return new Check("speech engines", any, detail);
    } catch (RuntimeException | LinkageError e) {
      return new Check(
          "speech engines", false, "cannot check speech engines: " + e.getClass().getSimpleName());
    }
  }

  /** Every model folder, with its checksums verified against {@code model.json}. */
  static Check models(Path directory) {
    if (!Files.isDirectory(directory)) {
      return new Check("models", true, "no models installed (" + directory + " does not exist)");
    }
    List<org.meditwin.inference.registry.ModelEntry> entries;
    try {
      entries = org.meditwin.inference.registry.ModelRegistry.open(directory).listVerified();
    } catch (RuntimeException e) {
      return new Check("models", false, "cannot read " + directory + ": " + e.getMessage());
    }
    if (entries.isEmpty()) {
      return new Check("models", true, "no models installed in " + directory);
    }
    List<String> parts = new ArrayList<>();
    boolean ok = true;
    for (org.meditwin.inference.registry.ModelEntry entry : entries) {
      boolean verified = entry.status() == org.meditwin.inference.registry.ModelStatus.VERIFIED;
      boolean card = Files.exists(entry.folder().resolve("MODEL.md"));
      ok &= verified && card;
      parts.add(
          entry.name()
              + (verified ? " verified" : " " + entry.status() + ": " + entry.detail())
              + (card ? "" : " (no MODEL.md)"));
    }
    return new Check(
        "models", ok, entries.size() + " in " + directory + ": " + String.join(", ", parts));
  }
}
