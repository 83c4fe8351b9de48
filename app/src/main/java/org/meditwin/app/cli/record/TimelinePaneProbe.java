package org.meditwin.app.cli.record;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.meditwin.app.common.ErrorReporter;
import org.meditwin.app.common.FxDialogService;
import org.meditwin.app.common.PaneContext;
import org.meditwin.app.common.UiTaskExecutor;
import org.meditwin.app.i18n.I18n;
import org.meditwin.app.i18n.Language;
import org.meditwin.app.timeline.TimelineView;
import org.meditwin.core.domain.Patient;
import org.meditwin.core.domain.PatientId;
import org.meditwin.core.service.UserSession;
import org.meditwin.store.EmbeddedWorkstation;

/**
 * One cold-JVM opening of the real Timeline pane, for {@code timeline bench} (never run by users):
 * signs in to an existing data directory (password on stdin), starts JavaFX, builds the pane in a
 * window, selects the patient and times, from the selection, when the event list shows its rows and
 * when statistics and charts are done; prints one JSON object with the phases (ms) on stdout. Runs
 * under whatever display the bench gives it (Xvfb or Monocle headless).
 *
 * <p>Arguments: {@code DATA_DIR USER PATIENT_ID EXPECTED_EVENTS}.
 */
public final class TimelinePaneProbe {
  private TimelinePaneProbe() {}

  public static void main(String[] args) throws Exception {
    long mainAt = System.currentTimeMillis();
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    if (args.length != 4) {
      throw new IllegalArgumentException("usage: DATA_DIR USER PATIENT_ID EXPECTED_EVENTS");
    }
    Path dir = Path.of(args[0]);
    int expected = Integer.parseInt(args[3]);
    char[] password =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
            .readLine()
            .toCharArray();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("jvmToMainMillis", mainAt - jvmStart);
    long t = System.nanoTime();
    try (EmbeddedWorkstation ws =
            EmbeddedWorkstation.open(dir, EmbeddedWorkstation.Options.defaults());
        UserSession session = ws.login(args[1], password)) {
      Arrays.fill(password, '\0');
      json.put("signInMillis", ms(t));
      Patient patient = session.patients().find(new PatientId(args[2])).orElseThrow();

      t = System.nanoTime();
      CountDownLatch fx = new CountDownLatch(1);
      Platform.startup(fx::countDown);
      fx.await();
      json.put("fxStartupMillis", ms(t));

      I18n i18n = new I18n(Language.ENGLISH);
      try (UiTaskExecutor tasks = new UiTaskExecutor(2)) {
        CompletableFuture<Map<String, Object>> done = new CompletableFuture<>();
        Platform.runLater(
            () -> {
              try {
                open(session, patient, tasks, i18n, dir, expected, done);
              } catch (RuntimeException e) {
                done.completeExceptionally(e);
              }
            });
        json.putAll(done.get(120, TimeUnit.SECONDS));
      }
      json.put("events", expected);
      json.put("totalFromJvmStartMillis", System.currentTimeMillis() - jvmStart);
    } finally {
      Platform.exit();
    }
    StringBuilder out = new StringBuilder("{");
    json.forEach(
        (k, v) ->
            out.append(out.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
    System.out.println(out.append('}'));
    System.out.flush();
    System.exit(0);
  }

  private static void open(
      UserSession session,
      Patient patient,
      UiTaskExecutor tasks,
      I18n i18n,
      Path dir,
      int expected,
      CompletableFuture<Map<String, Object>> done) {
    Map<String, Object> phases = new LinkedHashMap<>();
    long t0 = System.nanoTime();
    Stage stage = new Stage();
    FxDialogService dialogs = new FxDialogService(() -> stage, i18n);
    PaneContext context =
        new PaneContext(
            session,
            tasks,
            i18n,
            new ErrorReporter(dialogs, i18n),
            dialogs,
            Clock.systemUTC(),
            ZoneOffset.UTC,
            dir,
            dir.resolve("models"),
            () -> {
              throw new IllegalStateException("the probe loads no models");
            },
            Optional::empty,
            pane -> {});
    TimelineView view = new TimelineView(context);
    phases.put("paneConstructMillis", ms(t0));
    Scene scene = new Scene(view.root(), 1280, 800);
    stage.setScene(scene);
    stage.show();
    phases.put("paneBuildAndShowMillis", ms(t0));
    @SuppressWarnings("unchecked")
    TableView<Object> table = (TableView<Object>) scene.lookup("#timeline-table");
    long t1 = System.nanoTime();
    long[] listAt = {-1};
    Runnable check =
        new Runnable() {
          @Override
          public void run() {
            if (listAt[0] < 0 && table.getItems().size() == expected) {
              listAt[0] = System.nanoTime();
              phases.put("selectToListShownMillis", ms(t1));
              phases.put("backgroundLoadMillis", view.lastLoadMillis());
            }
            if (listAt[0] >= 0 && view.settled()) {
              phases.put("selectToSettledMillis", ms(t1));
              scene.removePostLayoutPulseListener(this);
              done.complete(phases);
            }
          }
        };
    scene.addPostLayoutPulseListener(check);
    context.currentPatientProperty().set(Optional.of(patient));
    Platform.requestNextPulse();
  }

  private static long ms(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
