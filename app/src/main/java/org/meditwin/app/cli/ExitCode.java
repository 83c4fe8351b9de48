package org.meditwin.app.cli;

/** Process exit codes of the CLI; stable, documented in app/README.md. */
public final class ExitCode {
  /** The command did what was asked and every check passed. */
  public static final int OK = 0;

  /** The command ran but found a problem (doctor check failed, audit chain broken). */
  public static final int CHECK_FAILED = 1;

  /** Bad arguments or input (unknown option, missing value, weak password, file not found). */
  public static final int USAGE = 2;

  /** Wrong credentials, locked out, disabled, or the role may not do this. */
  public static final int AUTHENTICATION = 3;

  /** The data directory cannot be used (not initialised, already initialised, corrupt, in use). */
  public static final int DATA_DIRECTORY = 4;

  /** Anything else (I/O error, unexpected failure). */
  public static final int ERROR = 5;

  private ExitCode() {}
}
