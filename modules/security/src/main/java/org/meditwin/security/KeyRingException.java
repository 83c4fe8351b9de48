package org.meditwin.security;

import org.meditwin.core.MediTwinException;

/**
 * The key ring file cannot be used, or a key ring operation was refused. The message is PHI-free
 * and safe to show.
 */
public final class KeyRingException extends MediTwinException {
  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Kind {
    /** No keyring.json where one was expected. */
    NOT_FOUND,
    /** {@link KeyRing#create} found an existing file. */
    ALREADY_EXISTS,
    /** The file is not a valid key ring (damaged, truncated, edited, or from a newer version). */
    CORRUPT,
    /** Reading or writing the file failed (permissions, disk full...). */
    IO_ERROR,
    /** {@link KeyRing#addUser} for a username or user id that already has a key. */
    USER_EXISTS,
    /** The operation names a user who has no key in the ring. */
    UNKNOWN_USER,
    /** The data key passed in is not the one this ring protects. */
    WRONG_DATA_KEY
  }

  private final Kind kind;

  public KeyRingException(Kind kind, String userMessage) {
    super(userMessage);
    this.kind = kind;
  }

  public KeyRingException(Kind kind, String userMessage, Throwable cause) {
    super(userMessage, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
