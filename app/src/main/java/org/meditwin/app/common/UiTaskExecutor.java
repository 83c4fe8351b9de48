package org.meditwin.app.common;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.meditwin.core.task.BackgroundTask;
import org.meditwin.core.task.ProgressListener;
import org.meditwin.core.task.TaskExecutor;

/**
 * The UI {@link TaskExecutor}: runs work on a small pool of daemon threads, publishes progress for
 * the status bar and completes every future on the FX thread, so callbacks may touch properties.
 * Titles and progress messages are PHI-free by contract.
 */
public final class UiTaskExecutor implements TaskExecutor, AutoCloseable {
  private final ExecutorService pool;
  private final Consumer<Runnable> fxThread;
  private final ReadOnlyIntegerWrapper running = new ReadOnlyIntegerWrapper(0);
  private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

  public UiTaskExecutor() {
    this(2, Platform::runLater);
  }

  /**
   * @param threads worker threads (the shell keeps one free for interactive work while a long
   *     knowledge-base build runs)
   */
  public UiTaskExecutor(int threads) {
    this(threads, Platform::runLater);
  }

  /**
   * @param fxThread hands a runnable to the FX thread ({@code Platform::runLater} outside tests)
   */
  UiTaskExecutor(int threads, Consumer<Runnable> fxThread) {
    AtomicInteger n = new AtomicInteger();
    this.pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "meditwin-ui-task-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.fxThread = Objects.requireNonNull(fxThread, "fxThread");
  }

  @Override
  public <T> CompletableFuture<T> submit(String title, BackgroundTask<T> task) {
    CompletableFuture<T> result = new CompletableFuture<>();
    fxThread.accept(
        () -> {
          running.set(running.get() + 1);
          progress.set(-1);
          message.set(title);
        });
    ProgressListener listener =
        (done, total, text) ->
            fxThread.accept(
                () -> {
                  progress.set(total <= 0 ? -1 : Math.min(1.0, (double) done / total));
                  message.set(text == null || text.isBlank() ? title : text);
                });
    pool.execute(
        () -> {
          T value = null;
          Throwable failure = null;
          try {
            value = task.run(listener);
          } catch (Throwable t) {
            failure = t;
          }
          T v = value;
          Throwable f = failure;
          fxThread.accept(
              () -> {
                int left = running.get() - 1;
                running.set(Math.max(0, left));
                if (left <= 0) {
                  progress.set(0);
                  message.set("");
                }
                if (f == null) {
                  result.complete(v);
                } else {
                  result.completeExceptionally(f);
                }
              });
        });
    return result;
  }

  /** Number of tasks in flight (0 when idle). */
  public ReadOnlyIntegerProperty runningProperty() {
    return running.getReadOnlyProperty();
  }

  /** 0..1, or -1 while indeterminate. */
  public ReadOnlyDoubleProperty progressProperty() {
    return progress.getReadOnlyProperty();
  }

  /** Title or latest progress message of the running work. */
  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
