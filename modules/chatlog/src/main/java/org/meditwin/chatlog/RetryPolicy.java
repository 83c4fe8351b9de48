package org.meditwin.chatlog;

import java.time.Duration;
import java.util.Objects;

/**
 * How the webhook is retried: {@code attempts} tries in all, waiting {@code firstBackoff} after the
 * first failure and multiplying the wait by {@code multiplier} after each further one; every
 * request times out after {@code timeout}.
 */
public record RetryPolicy(
    int attempts,
    Duration firstBackoff,
    double multiplier,
    Duration connectTimeout,
    Duration timeout) {
  public RetryPolicy {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1");
    }
    Objects.requireNonNull(firstBackoff, "firstBackoff");
    if (multiplier < 1) {
      throw new IllegalArgumentException("multiplier must be at least 1");
    }
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(timeout, "timeout");
  }

  /** 4 attempts, 1 s → 2 s → 4 s back-off, 5 s connect and 10 s request timeout. */
  public static RetryPolicy standard() {
    return new RetryPolicy(
        4, Duration.ofSeconds(1), 2, Duration.ofSeconds(5), Duration.ofSeconds(10));
  }

  /** The wait before attempt {@code n} (n ≥ 2). */
  Duration backoffBefore(int n) {
    double millis = firstBackoff.toMillis() * Math.pow(multiplier, Math.max(0, n - 2));
    return Duration.ofMillis((long) Math.min(millis, Duration.ofMinutes(5).toMillis()));
  }
}
