package org.meditwin.app.cli.inference;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Shared plumbing of the inference commands: JSON flag, output, models folder. */
final class InferenceCli {
  static final String MODELS_PROPERTY = "meditwin.modelsDir";
  static final String MODELS_ENV = "MEDITWIN_MODELS";
  private static final ObjectMapper JSON =
      new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private InferenceCli() {}

  /**
   * True when {@code --json} was given anywhere on the command line (it is an inherited option).
   */
  static boolean json(CommandSpec spec) {
    for (CommandLine c = spec.commandLine(); c != null; c = c.getParent()) {
      CommandLine.ParseResult r = c.getParseResult();
      if (r != null && r.hasMatchedOption("--json")) {
        return true;
      }
    }
    return false;
  }

  static PrintWriter out(CommandSpec spec) {
    return spec.commandLine().getOut();
  }

  static PrintWriter err(CommandSpec spec) {
    return spec.commandLine().getErr();
  }

  static void printJson(CommandSpec spec, Object value) {
    try {
      out(spec).println(JSON.writeValueAsString(value));
      out(spec).flush();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("result is not serialisable", e);
    }
  }

  /**
   * The shipped models folder: {@code -Dmeditwin.modelsDir}, else {@code $MEDITWIN_MODELS}, else
   * {@code ./models} (the launcher runs from the installation folder).
   */
  static Path modelsDir() {
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

  static boolean exists(Path p) {
    return Files.isDirectory(p);
  }
}
