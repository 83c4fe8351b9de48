package org.meditwin.security;

import java.time.Duration;
import java.util.Objects;

/**
 * How failed password attempts lock an account.
 *
 * <p>The {@code threshold}-th consecutive failure locks the account for {@code base}; every further
 * failure (made after the lock expired) doubles the lock, capped at {@code max}. A successful
 * unlock resets the counter.
 */
public record LockoutPolicy(int threshold, Duration base, Duration max) {

  public LockoutPolicy {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(max, "max");
    if (threshold < 1) {
      throw new IllegalArgumentException("threshold must be at least 1");
    }
    if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
      throw new IllegalArgumentException("need 0 < base <= max");
    }
  }

  /** 5 failures lock for 30 s, doubling per further failure up to 15 min. */
  public static LockoutPolicy standard() {
    return new LockoutPolicy(5, Duration.ofSeconds(30), Duration.ofMinutes(15));
  }

  /**
   * Lock duration after {@code failures} consecutive failures: zero below the threshold, then
   * {@code base * 2^(failures - threshold)} capped at {@code max}.
   */
  public Duration lockDuration(int failures) {
    if (failures < threshold) {
      return Duration.ZERO;
    }
    int doublings = failures - threshold;
    Duration d = base;
    for (int i = 0; i < doublings && d.compareTo(max) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(max) > 0 ? max : d;
  }
}
