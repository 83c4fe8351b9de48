package org.meditwin.app.search;

import java.util.Optional;

/** Holds the pending action until the test says the quiet period is over. */
final class ManualDebouncer implements Debouncer {
  private Optional<Runnable> pending = Optional.empty();
  int scheduled;

  @Override
  public void schedule(Runnable action) {
    scheduled++;
    pending = Optional.of(action);
  }

  @Override
  public void cancel() {
    pending = Optional.empty();
  }

  boolean hasPending() {
    return pending.isPresent();
  }

  /** The quiet period elapsed: runs the last scheduled action. */
  void elapse() {
    Optional<Runnable> run = pending;
    pending = Optional.empty();
    run.ifPresent(Runnable::run);
  }
}
