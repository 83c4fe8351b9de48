package org.meditwin.core.service;

import org.meditwin.core.MediTwinException;

/**
 * The data directory cannot be used: corrupted or truncated database, rolled-back file, locked by
 * another process, disk full. {@link #restorable()} tells the UI to offer restoring a backup.
 */
public final class StoreUnavailableException extends MediTwinException {
  private static final long serialVersionUID = 1L;

  /** What went wrong, for the UI to choose its advice. */
  public enum Kind {
    CORRUPTED,
    ROLLED_BACK,
    IN_USE,
    IO_ERROR,
    NOT_INITIALISED
  }

  private final Kind kind;

  public StoreUnavailableException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  public boolean restorable() {
    return kind == Kind.CORRUPTED || kind == Kind.ROLLED_BACK;
  }
}
