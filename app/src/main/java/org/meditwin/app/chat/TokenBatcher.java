package org.meditwin.app.chat;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Hands streamed tokens to the FX thread in batches: the engine thread appends, and at most one
 * runnable is queued on the FX thread at a time; it takes everything appended so far. A fast engine
 * therefore costs a few dozen UI updates per second, not one per token.
 */
final class TokenBatcher {
  private final Consumer<Runnable> fxThread;
  private final Consumer<String> sink;
  private final StringBuilder pending = new StringBuilder();
  private boolean scheduled;

  /**
   * @param fxThread queues a runnable on the FX thread ({@code Platform::runLater})
   * @param sink receives each batch on the FX thread
   */
  TokenBatcher(Consumer<Runnable> fxThread, Consumer<String> sink) {
    this.fxThread = Objects.requireNonNull(fxThread, "fxThread");
    this.sink = Objects.requireNonNull(sink, "sink");
  }

  /** Called on the engine thread. */
  void append(String token) {
    boolean schedule;
    synchronized (this) {
      pending.append(token);
      schedule = !scheduled;
      scheduled = true;
    }
    if (schedule) {
      fxThread.accept(this::drain);
    }
  }

  /** Runs on the FX thread: delivers what has arrived so far. */
  void drain() {
    String batch;
    synchronized (this) {
      batch = pending.toString();
      pending.setLength(0);
      scheduled = false;
    }
    if (!batch.isEmpty()) {
      sink.accept(batch);
    }
  }
}
