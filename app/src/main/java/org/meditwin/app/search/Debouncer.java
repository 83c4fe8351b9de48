package org.meditwin.app.search;

import javafx.animation.PauseTransition;
import javafx.util.Duration;

/** Runs only the last of a burst of actions, after a quiet period (typing in the search box). */
public interface Debouncer {
  /** Replaces any pending action with {@code action}. */
  void schedule(Runnable action);

  /** Drops the pending action. */
  void cancel();

  /** A debouncer on the FX thread's animation timer. */
  static Debouncer fx(java.time.Duration quiet) {
    PauseTransition pause = new PauseTransition(Duration.millis(quiet.toMillis()));
    return new Debouncer() {
      @Override
      public void schedule(Runnable action) {
        pause.stop();
        pause.setOnFinished(e -> action.run());
        pause.playFromStart();
      }

      @Override
      public void cancel() {
        pause.stop();
      }
    };
  }
}
