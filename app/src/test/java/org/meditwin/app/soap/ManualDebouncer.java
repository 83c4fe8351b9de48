package org.meditwin.app.soap;

import org.meditwin.app.search.Debouncer;

/** A debouncer the test fires by hand: {@link #fire()} runs the pending action, if any. */
final class ManualDebouncer implements Debouncer {
  private Runnable pending;
  int scheduled;

  @Override
  public void schedule(Runnable action) {
    pending = action;
    scheduled++;
  }

  @Override
  public void cancel() {
    pending = null;
  }

  boolean hasPending() {
    return pending != null;
  }

  void fire() {
    Runnable r = pending;
    pending = null;
    if (r != null) {
      r.run();
    }
  }
}
