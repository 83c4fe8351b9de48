package org.meditwin.app.cli.inference;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.meditwin.app.cli.CliSupport;
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
    return CliSupport.json(spec);
  }

  static PrintWriter out(CommandSpec spec) {
    return CliSupport.out(spec);
  }

  static PrintWriter err(CommandSpec spec) {
    return CliSupport.err(spec);
  }

  static void printJson(CommandSpec spec, Object value) {
    out(spec).println(CliSupport.toJson(value));
    out(spec).flush();
  }

  /**
   * The shipped models folder: {@code -Dmeditwin.modelsDir}, else {@code $MEDITWIN_MODELS}, else
   * {@code ./models} (the launcher runs from the installation folder).
   */
  static Path modelsDir() {
    return CliSupport.modelsDir();
  }

  static boolean exists(Path p) {
    return Files.isDirectory(p);
  }
}
