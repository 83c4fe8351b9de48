package org.meditwin.app.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.meditwin.core.MediTwinException;
import org.meditwin.core.service.AccessDeniedException;
import org.meditwin.core.service.AuthenticationException;
import org.meditwin.core.service.StoreUnavailableException;
import org.meditwin.core.service.Workstation;
import org.meditwin.security.CorruptArchiveException;
import org.meditwin.security.WrongPasswordException;
import org.meditwin.store.EmbeddedWorkstation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The headless command line ({@code ./run <command>}). With {@code --json} every command prints
 * exactly one JSON object on stdout; messages and logs go to stderr. Errors are one clear line and
 * a non-zero {@link ExitCode}, never a stack trace unless {@code --verbose}.
 */
@Command(
    name = "meditwin",
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    versionProvider = BuildInfo.VersionProvider.class,
    description = "MediTwin Workstation command line. Without a command, ./run opens the window.",
    subcommands = {
      InitCommand.class,
      DoctorCommand.class,
      AuditCommand.class,
      BackupCommand.class,
      RestoreCommand.class,
      DemoCommand.class,
      UsersCommand.class,
      org.meditwin.app.cli.inference.ModelsCommand.class,
      org.meditwin.app.cli.inference.BenchCommand.class,
      org.meditwin.app.cli.nlp.NlpCommand.class,
      org.meditwin.app.cli.asr.AsrCommand.class,
      org.meditwin.app.cli.soap.SoapCommand.class, // soap draft|eval|train|bench (modules/soap)
      org.meditwin.app.cli.search.SearchCommand.class, // search + kb (modules/search)
      org.meditwin.app.cli.search.KbCommand.class,
      org.meditwin.app.cli.imaging.DicomCommand.class, // dicom info|render|scan (modules/imaging)
      org.meditwin.app.cli.imaging.ImagingCommand.class, // imaging analyze|train|bench
      org.meditwin.app.cli.pacs.PacsCommand.class, // pacs nodes|echo|find|get|send (modules/pacs)
      org.meditwin.app.cli.record.FhirCommand.class, // fhir import|export (modules/record)
      org.meditwin.app.cli.record.GraphCommand.class, // graph rebuild|query (modules/record)
      org.meditwin.app.cli.record.TimelineCommand.class, // timeline bench (modules/record)
      org.meditwin.app.cli.chat.ChatCommand.class, // chat ask|bench|redflags (modules/chat)
      org.meditwin.app.cli.escalations.EscalationsCommand.class, // escalations (modules/chatlog)
      org.meditwin.app.cli.documents.IngestCommand.class, // ingest (modules/documents)
      VersionCommand.class,
      CommandLine.HelpCommand.class
    })
public final class MediTwinCli implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(MediTwinCli.class);

  @Spec CommandSpec spec;

  private final CliContext context;

  MediTwinCli(CliContext context) {
    this.context = context;
  }

  @Option(
      names = "--home",
      scope = ScopeType.INHERIT,
      paramLabel = "DIR",
      description = "Data directory (default: $MEDITWIN_HOME, else ~/.local/share/meditwin).")
  void home(Path home) {
    if (home != null) {
      context.setHomeOption(home);
    }
  }

  @Option(
      names = "--json",
      scope = ScopeType.INHERIT,
      description = "Print exactly one JSON object on stdout.")
  void json(boolean json) {
    if (json) {
      context.setJson();
    }
  }

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Show INFO logs on stderr and stack traces on errors.")
  void verbose(boolean verbose) {
    if (verbose) {
      context.setVerbose();
    }
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing command");
  }

  /** Runs one command line against the real data directory; returns the exit code. */
  public static int run(String[] args, CliIo io) {
    return run(
        args, io, dir -> EmbeddedWorkstation.open(dir, EmbeddedWorkstation.Options.defaults()));
  }

  /** As {@link #run(String[], CliIo)} with another way to open the data directory (tests). */
  static int run(String[] args, CliIo io, Function<Path, Workstation> opener) {
    CliContext context = new CliContext(io, opener);
    CommandLine commandLine = new CommandLine(new MediTwinCli(context), new Factory(context));
    commandLine.setOut(new PrintWriter(io.out(), true));
    commandLine.setErr(new PrintWriter(io.err(), true));
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setExecutionExceptionHandler(
        (exception, failed, parseResult) -> fail(context, failed, exception));
    commandLine.setParameterExceptionHandler(
        (exception, arguments) -> {
          boolean json = List.of(arguments).contains("--json");
          report(context, json, ExitCode.USAGE, "usage", exception.getMessage(), exception);
          if (!json) {
            exception
                .getCommandLine()
                .getErr()
                .println(
                    "Try '"
                        + exception.getCommandLine().getCommandSpec().qualifiedName()
                        + " --help'.");
          }
          return ExitCode.USAGE;
        });
    return commandLine.execute(benchAliases(args));
  }

  /** Suites whose benchmark lives with their own command: {@code bench S …} = {@code S bench …}. */
  static final java.util.Set<String> DELEGATED_BENCH_SUITES =
      java.util.Set.of("nlp", "asr", "search", "timeline", "ingest", "soap", "chat", "imaging");

  /**
   * Rewrites {@code bench nlp|asr|search ARGS} into {@code nlp|asr|search bench ARGS} (global
   * options stay put).
   */
  static String[] benchAliases(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].startsWith("-")) {
        if (args[i].equals("--home") && i + 1 < args.length) {
          i++;
        }
        continue;
      }
      if (args[i].equals("bench")
          && i + 1 < args.length
          && DELEGATED_BENCH_SUITES.contains(args[i + 1])) {
        String[] rewritten = args.clone();
        rewritten[i] = args[i + 1];
        rewritten[i + 1] = "bench";
        return rewritten;
      }
      return args;
    }
    return args;
  }

  private static int fail(CliContext context, CommandLine failed, Exception exception) {
    Failure failure = Failure.of(exception);
    LOG.atInfo()
        .setMessage("command failed")
        .addKeyValue("event", "cli.failed")
        .addKeyValue("command", failed.getCommandSpec().qualifiedName(" "))
        .addKeyValue("code", failure.code())
        .addKeyValue("exitCode", failure.exitCode())
        .addKeyValue("exception", exception.getClass().getName())
        .log();
    report(
        context, context.json(), failure.exitCode(), failure.code(), failure.message(), exception);
    return failure.exitCode();
  }

  private static void report(
      CliContext context,
      boolean json,
      int exitCode,
      String code,
      String message,
      Throwable exception) {
    String oneLine = message == null ? "" : message.strip().replace('\n', ' ');
    context.io().err().println("meditwin: " + oneLine);
    if (context.verbose()) {
      exception.printStackTrace(context.io().err());
    }
    context.io().err().flush();
    if (json) {
      Map<String, Object> error = new LinkedHashMap<>();
      error.put("code", code);
      error.put("exitCode", exitCode);
      error.put("message", oneLine);
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("ok", false);
      result.put("error", error);
      context.io().out().println(CliContext.toJson(result));
      context.io().out().flush();
    }
  }

  /** How an exception is shown: exit code, machine code, one PHI-free line. */
  record Failure(int exitCode, String code, String message) {
    private static final DateTimeFormatter TIME =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    static Failure of(Throwable e) {
      if (e instanceof MediTwinException m && !(e instanceof WrongPasswordException)) {
        // the store wraps archive errors with its own message; keep the message, name the kind
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
          if (cause instanceof WrongPasswordException) {
            return new Failure(ExitCode.AUTHENTICATION, "archive-password", m.userMessage());
          }
          if (cause instanceof CorruptArchiveException) {
            return new Failure(ExitCode.ERROR, "corrupt-archive", m.userMessage());
          }
        }
      }
      return switch (e) {
        case CliException c -> new Failure(c.exitCode(), c.code(), c.getMessage());
        case AuthenticationException a ->
            new Failure(
                ExitCode.AUTHENTICATION,
                "authentication",
                a.userMessage()
                    + a.lockedUntil()
                        .map(t -> " (locked until " + TIME.format(t) + ")")
                        .orElse(""));
        case AccessDeniedException a ->
            new Failure(ExitCode.AUTHENTICATION, "access-denied", a.userMessage());
        case StoreUnavailableException s ->
            new Failure(
                ExitCode.DATA_DIRECTORY,
                "data-directory",
                s.userMessage()
                    + (s.restorable() ? " (you can restore a backup: 'restore --in FILE')" : ""));
        case WrongPasswordException w ->
            new Failure(ExitCode.AUTHENTICATION, "archive-password", w.userMessage());
        case CorruptArchiveException c ->
            new Failure(ExitCode.ERROR, "corrupt-archive", c.userMessage());
        case MediTwinException m -> new Failure(ExitCode.ERROR, "error", m.userMessage());
        case IllegalArgumentException i ->
            new Failure(ExitCode.USAGE, "invalid-input", i.getMessage());
        case UncheckedIOException io ->
            new Failure(ExitCode.ERROR, "io", "I/O error: " + io.getCause().getMessage());
        case java.io.IOException io ->
            new Failure(ExitCode.ERROR, "io", "I/O error: " + io.getMessage());
        default ->
            new Failure(
                ExitCode.ERROR,
                "unexpected",
                "unexpected error ("
                    + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + "); run with --verbose for details");
      };
    }
  }

  /** Builds commands with the run's {@link CliContext}. */
  private record Factory(CliContext context) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> type) throws Exception {
      try {
        var constructor = type.getDeclaredConstructor(CliContext.class);
        return constructor.newInstance(context);
      } catch (NoSuchMethodException e) {
        return CommandLine.defaultFactory().create(type);
      }
    }
  }
}
