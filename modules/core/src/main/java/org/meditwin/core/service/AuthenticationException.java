package org.meditwin.core.service;

import java.time.Instant;
import java.util.Optional;
import org.meditwin.core.MediTwinException;

/** Login or unlock refused. The message never says whether the username exists. */
public final class AuthenticationException extends MediTwinException {
  private static final long serialVersionUID = 1L;

  /** Why the attempt was refused. */
  public enum Reason {
    WRONG_CREDENTIALS,
    LOCKED_OUT,
    DISABLED
  }

  private final Reason reason;
  private final transient Optional<Instant> lockedUntil;

  public AuthenticationException(Reason reason, Optional<Instant> lockedUntil, String message) {
    super(message);
    this.reason = reason;
    this.lockedUntil = lockedUntil;
  }

  public Reason reason() {
    return reason;
  }

  /** When a locked-out account accepts attempts again. */
  public Optional<Instant> lockedUntil() {
    return lockedUntil;
  }
}
