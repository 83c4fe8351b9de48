package org.meditwin.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A UTC test clock that only moves when told to (lock-outs, idle timers, audit times). */
public final class MutableClock extends Clock {
  private volatile Instant now;

  public MutableClock(Instant start) {
    this.now = start;
  }

  public static MutableClock startingAt(String isoInstant) {
    return new MutableClock(Instant.parse(isoInstant));
  }

  /** 2026-01-15T09:00:00Z, the fixed start most tests use. */
  public static MutableClock atEpochDay() {
    return startingAt("2026-01-15T09:00:00Z");
  }

  public void advance(Duration d) {
    now = now.plus(d);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return now;
  }
}
