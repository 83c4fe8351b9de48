package org.meditwin.chat;

import java.util.concurrent.atomic.AtomicBoolean;

/** A stop button for one {@link ChatEngine#ask} call; thread-safe. */
public final class Cancellation {
  private final AtomicBoolean cancelled = new AtomicBoolean();

  private Cancellation() {}

  public static Cancellation create() {
    return new Cancellation();
  }

  /** A token nobody cancels. */
  public static Cancellation none() {
    return new Cancellation();
  }

  public void cancel() {
    cancelled.set(true);
  }

  public boolean cancelled() {
    return cancelled.get();
  }
}
