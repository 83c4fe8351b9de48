package org.meditwin.store;

import java.sql.SQLException;
import org.meditwin.core.service.StoreUnavailableException;

/**
 * Turns JDBC errors into PHI-free exceptions. H2 messages quote SQL and, for constraint violations,
 * the offending values (names, MRNs...), so neither the message nor the original exception may
 * travel up to code that logs or displays it: only the error code and the stack frames survive.
 */
final class SqlFailures {

  static final int DUPLICATE_KEY = 23505;
  static final int DATABASE_ALREADY_OPEN = 90020;
  static final int FILE_CORRUPTED = 90030;
  static final int FILE_ENCRYPTION_ERROR = 90049;
  static final int WRONG_PASSWORD_FORMAT = 90050;
  static final int DATABASE_NOT_FOUND_IF_EXISTS = 90146;
  static final int WRONG_USER_OR_PASSWORD = 28000;
  static final int NO_DISK_SPACE = 90100;
  static final int IO_EXCEPTION = 90028;
  static final int IO_EXCEPTION_2 = 90031;
  static final int DATABASE_CLOSED = 90098;
  static final int GENERAL_ERROR = 50000;

  private SqlFailures() {}

  static final String RESTORE_ADVICE = " Restore the data directory from a backup.";

  /** A PHI-free stand-in for an SQLException: code, SQLState and stack, never the message. */
  static final class SanitizedSqlException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int errorCode;

    SanitizedSqlException(SQLException e) {
      super("H2 error " + e.getErrorCode() + " (SQLState " + e.getSQLState() + ")");
      this.errorCode = e.getErrorCode();
      setStackTrace(e.getStackTrace());
    }

    int errorCode() {
      return errorCode;
    }
  }

  /** Failure while opening the database file. */
  static StoreUnavailableException onOpen(SQLException e) {
    SanitizedSqlException cause = new SanitizedSqlException(e);
    return switch (e.getErrorCode()) {
      case DATABASE_ALREADY_OPEN ->
          new StoreUnavailableException(
              StoreUnavailableException.Kind.IN_USE,
              "The data directory is in use by another MediTwin process. Close it and try again.",
              cause);
      case FILE_ENCRYPTION_ERROR, WRONG_USER_OR_PASSWORD, WRONG_PASSWORD_FORMAT ->
          new StoreUnavailableException(
              StoreUnavailableException.Kind.CORRUPTED,
              "The database file cannot be decrypted: it is damaged or does not belong to this"
                  + " key ring."
                  + RESTORE_ADVICE,
              cause);
      case DATABASE_NOT_FOUND_IF_EXISTS ->
          new StoreUnavailableException(
              StoreUnavailableException.Kind.CORRUPTED,
              "The database file is missing." + RESTORE_ADVICE,
              cause);
      // While opening, a read failure of an existing, non-empty file means it is cut short.
      case FILE_CORRUPTED, GENERAL_ERROR, IO_EXCEPTION, IO_EXCEPTION_2 ->
          new StoreUnavailableException(
              StoreUnavailableException.Kind.CORRUPTED,
              "The database file is damaged or truncated." + RESTORE_ADVICE,
              cause);
      case NO_DISK_SPACE ->
          new StoreUnavailableException(
              StoreUnavailableException.Kind.IO_ERROR,
              "The disk is full: free some space and try again.",
              cause);
      default ->
          new StoreUnavailableException(
              StoreUnavailableException.Kind.IO_ERROR,
              "The database could not be opened (H2 error " + e.getErrorCode() + ").",
              cause);
    };
  }

  /** Failure of a statement on an open database. */
  static StoreUnavailableException onUse(SQLException e) {
    SanitizedSqlException cause = new SanitizedSqlException(e);
    if (e.getErrorCode() == NO_DISK_SPACE) {
      return new StoreUnavailableException(
          StoreUnavailableException.Kind.IO_ERROR,
          "The disk is full: the change was not saved.",
          cause);
    }
    if (e.getErrorCode() == FILE_CORRUPTED) {
      return new StoreUnavailableException(
          StoreUnavailableException.Kind.CORRUPTED,
          "The database file is damaged." + RESTORE_ADVICE,
          cause);
    }
    return new StoreUnavailableException(
        StoreUnavailableException.Kind.IO_ERROR,
        "Database error (H2 error " + e.getErrorCode() + "); the change was not saved.",
        cause);
  }
}
