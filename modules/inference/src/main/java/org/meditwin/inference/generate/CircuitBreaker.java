package org.meditwin.inference.generate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Closed → (N consecutive failures) → open for a cool-down → half-open: one trial call; success
 * closes, failure re-opens. Thread-safe.
 */
public final class CircuitBreaker {
  /** Breaker state. */
  public enum State {
    CLOSED,
    OPEN,
    HALF_OPEN
  }

  private final int failureThreshold;
  private final Duration openFor;
  private final Clock clock;
  private State state = State.CLOSED;
  private int failures;
  private Instant openedAt = Instant.MIN;
  private boolean trialInFlight;

  public CircuitBreaker(int failureThreshold, Duration openFor, Clock clock) {
    if (failureThreshold < 1) {
      throw new IllegalArgumentException("failureThreshold must be >= 1");
    }
    this.failureThreshold = failureThreshold;
    this.openFor = openFor;
    this.clock = clock;
  }

  public synchronized State state() {
    if (state == State.OPEN && !clock.instant().isBefore(openedAt.plus(openFor))) {
      state = State.HALF_OPEN;
      trialInFlight = false;
    }
    return state;
  }

  /** Whether a call may go through now; in half-open only one trial call at a time. */
  public synchronized boolean tryAcquire() {
    State s = state();
    if (s == State.CLOSED) {
      return true;
    }
    if (s == State.HALF_OPEN && !trialInFlight) {
      trialInFlight = true;
      return true;
    }
    return false;
  }

  /** Whether {@link #tryAcquire()} would currently allow a call, without taking the trial slot. */
  public synchronized boolean wouldAllow() {
    State s = state();
    return s == State.CLOSED || (s == State.HALF_OPEN && !trialInFlight);
  }

  public synchronized void onSuccess() {
    state = State.CLOSED;
    failures = 0;
    trialInFlight = false;
  }

  public synchronized void onFailure() {
    trialInFlight = false;
    if (state == State.HALF_OPEN) {
      open();
      return;
    }
    failures++;
    if (failures >= failureThreshold) {
      open();
    }
  }

  private void open() {
    state = State.OPEN;
    openedAt = clock.instant();
    failures = 0;
  }
}
