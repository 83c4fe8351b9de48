package org.meditwin.app.shell;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Decides when the session has been idle long enough to lock. The view feeds it input events
 * ({@link #activity()}) and polls {@link #isIdle()}; the clock is injected so tests need no
 * waiting.
 */
public final class IdleLockTimer {
  private final Clock clock;
  private volatile Duration timeout;
  private volatile Instant lastActivity;

  public IdleLockTimer(Clock clock, Duration timeout) {
    this.clock = Objects.requireNonNull(clock, "clock");
    setTimeout(timeout);
    this.lastActivity = clock.instant();
  }

  public void setTimeout(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
    this.timeout = timeout;
  }

  public Duration timeout() {
    return timeout;
  }

  /** Keyboard or mouse input happened now. */
  public void activity() {
    lastActivity = clock.instant();
  }

  /** True once {@link #timeout()} has passed since the last activity. */
  public boolean isIdle() {
    return !clock.instant().isBefore(lastActivity.plus(timeout));
  }
}
