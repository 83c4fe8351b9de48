package org.meditwin.core.task;

import java.util.concurrent.CompletableFuture;

/**
 * Runs background tasks. The UI implementation reports to the status bar and completes futures on
 * the FX thread; {@link #sameThread()} runs inline for tests and the CLI.
 */
public interface TaskExecutor {

  /**
   * @param title short PHI-free title shown in the status bar
   */
  <T> CompletableFuture<T> submit(String title, BackgroundTask<T> task);

  /** Runs every task immediately on the calling thread. */
  static TaskExecutor sameThread() {
    return new TaskExecutor() {
      @Override
      public <T> CompletableFuture<T> submit(String title, BackgroundTask<T> task) {
        try {
          return CompletableFuture.completedFuture(task.run(ProgressListener.NONE));
        } catch (Exception e) {
          return CompletableFuture.failedFuture(e);
        }
      }
    };
  }
}
