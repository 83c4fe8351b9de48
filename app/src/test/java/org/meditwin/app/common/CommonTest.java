package org.meditwin.app.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.meditwin.app.fakes.ScriptedDialogs;
import org.meditwin.app.i18n.I18n;
import org.meditwin.app.i18n.Language;
import org.meditwin.core.MediTwinException;
import org.meditwin.core.service.StoreUnavailableException;

class CommonTest {
  private final I18n i18n = new I18n(Language.ENGLISH);

  @Test
  void errorReporterUsesUserMessagesAndHidesForeignExceptionText() {
    ScriptedDialogs dialogs = new ScriptedDialogs();
    ErrorReporter r = new ErrorReporter(dialogs, i18n);
    assertThat(r.message(new CompletionException(new MediTwinException("Disk is full."))))
        .isEqualTo("Disk is full.");
    assertThat(r.message(new IllegalArgumentException("The MRN is required.")))
        .isEqualTo("The MRN is required.");
    assertThat(r.message(new NullPointerException("patient Jane Doe")))
        .isEqualTo(i18n.get("error.unexpected"))
        .doesNotContain("Jane");
  }

  @Test
  void restorableStoreFailureExplainsTheRestore() {
    ScriptedDialogs dialogs = new ScriptedDialogs();
    new ErrorReporter(dialogs, i18n)
        .show(
            new StoreUnavailableException(
                StoreUnavailableException.Kind.CORRUPTED, "The database is damaged.", null));
    assertThat(dialogs.errors.getLast())
        .startsWith("The database is damaged.")
        .contains(i18n.get("error.store.restoreHint"));
  }

  @Test
  void uiExecutorRunsOffTheCallingThreadAndCompletesOnTheFxQueue() throws Exception {
    LinkedBlockingQueue<Runnable> fx = new LinkedBlockingQueue<>();
    try (UiTaskExecutor executor = new UiTaskExecutor(1, fx::add)) {
      Thread caller = Thread.currentThread();
      List<Thread> workers = new ArrayList<>();
      CompletableFuture<String> f =
          executor.submit(
              "Work",
              p -> {
                workers.add(Thread.currentThread());
                p.progress(1, 2, "Half way");
                return "done";
              });
      // Drain the "FX thread" until the future completes.
      while (!f.isDone()) {
        Runnable r = fx.poll(5, TimeUnit.SECONDS);
        assertThat(r).as("FX callback").isNotNull();
        r.run();
        if (!f.isDone()) {
          assertThat(executor.runningProperty().get()).isEqualTo(1);
        }
      }
      assertThat(f.get()).isEqualTo("done");
      assertThat(workers).hasSize(1).doesNotContain(caller);
      assertThat(executor.runningProperty().get()).isZero();
      assertThat(executor.messageProperty().get()).isEmpty();
    }
  }

  @Test
  void uiExecutorReportsFailuresThroughTheFuture() throws Exception {
    LinkedBlockingQueue<Runnable> fx = new LinkedBlockingQueue<>();
    try (UiTaskExecutor executor = new UiTaskExecutor(1, fx::add)) {
      CompletableFuture<Object> f =
          executor.submit(
              "Work",
              p -> {
                throw new MediTwinException("No space left.");
              });
      while (!f.isDone()) {
        fx.poll(5, TimeUnit.SECONDS).run();
      }
      assertThat(f).isCompletedExceptionally();
      assertThat(executor.runningProperty().get()).isZero();
    }
  }
}
