package org.meditwin.app.cli;

/** A failure the CLI reports as one clear line and an exit code (never a stack trace). */
final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;
  private final String code;

  CliException(int exitCode, String code, String message) {
    super(message);
    this.exitCode = exitCode;
    this.code = code;
  }

  CliException(int exitCode, String code, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
    this.code = code;
  }

  int exitCode() {
    return exitCode;
  }

  /** Machine-readable error kind for {@code --json}: e.g. "authentication", "usage". */
  String code() {
    return code;
  }

  static CliException usage(String message) {
    return new CliException(ExitCode.USAGE, "usage", message);
  }

  static CliException dataDirectory(String message) {
    return new CliException(ExitCode.DATA_DIRECTORY, "data-directory", message);
  }
}
