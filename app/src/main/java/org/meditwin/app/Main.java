package org.meditwin.app;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.PauseTransition;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.stage.Window;
import org.meditwin.app.cli.CliIo;
import org.meditwin.app.cli.DataHome;
import org.meditwin.app.cli.Logging;
import org.meditwin.app.cli.MediTwinCli;
import org.meditwin.app.shell.ShellLauncher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of {@code ./run} and the installed launcher. Without a command it opens the window
 * ({@link ShellLauncher}); with one it runs the CLI ({@link MediTwinCli}).
 *
 * <p>The data directory is resolved first and handed to logback through system properties, so the
 * very first log line already goes to {@code $MEDITWIN_HOME/logs/meditwin.log}.
 *
 * <p>{@code -Dmeditwin.smokeTest=true}: once the first window shows the node with CSS id {@code
 * meditwin.smokeTest.expectNode} (any window when unset), the application logs {@code smoke.ready}
 * and, after {@code meditwin.smokeTest.holdMillis} (default 0), exits with status 0; status 1 if
 * the node does not appear within {@code meditwin.smokeTest.timeoutMillis} (default 60 s). Used by
 * the packaging smoke test and for measuring cold start.
 */
public final class Main {
  static final String SMOKE_TEST_PROPERTY = "meditwin.smokeTest";
  static final String SMOKE_HOLD_PROPERTY = "meditwin.smokeTest.holdMillis";
  static final String SMOKE_EXPECT_PROPERTY = "meditwin.smokeTest.expectNode";
  static final String SMOKE_TIMEOUT_PROPERTY = "meditwin.smokeTest.timeoutMillis";

  private Main() {}

  public static void main(String[] args) {
    List<String> arguments = List.of(args);
    Path home =
        DataHome.resolve(DataHome.homeOption(arguments), System.getenv(), System.getProperties());
    boolean verbose = arguments.contains("--verbose");
    Logging.configure(home, verbose);
    List<String> command = DataHome.withoutHomeOption(arguments);
    int status;
    if (command.isEmpty()) {
      status = launchWindow(args);
    } else {
      status = MediTwinCli.run(args, CliIo.system());
    }
    Logging.shutdown();
    System.exit(status);
  }

  private static int launchWindow(String[] args) {
    Logger log = LoggerFactory.getLogger(Main.class);
    log.atInfo()
        .setMessage("starting window")
        .addKeyValue("event", "app.start")
        .addKeyValue("java", Runtime.version().toString())
        .log();
    WindowWatch.install(
        Boolean.getBoolean(SMOKE_TEST_PROPERTY), Long.getLong(SMOKE_HOLD_PROPERTY, 0));
    try {
      ShellLauncher.launch(DataHome.withoutHomeOption(List.of(args)).toArray(String[]::new));
      return 0;
    } catch (RuntimeException e) {
      log.error("the window failed to start", e);
      return 1;
    }
  }

  /**
   * Logs a structured {@code window.shown} event (with milliseconds since process start) when the
   * first window appears; in smoke-test mode then exits.
   */
  static final class WindowWatch {
    private WindowWatch() {}

    static void install(boolean smokeTest, long holdMillis) {
      // Platform.startup must not be called here: the shell launches the toolkit itself, and
      // Window.getWindows() is only a static list that the toolkit fills on the FX thread
      ListChangeListener<Window> listener =
          new ListChangeListener<>() {
            private boolean seen;

            @Override
            public void onChanged(Change<? extends Window> change) {
              while (change.next() && !seen) {
                for (Window window : change.getAddedSubList()) {
                  if (!seen) {
                    seen = true;
                    Platform.runLater(() -> shown(window, smokeTest, holdMillis));
                  }
                }
              }
            }
          };
      Window.getWindows().addListener(listener);
    }

    private static void shown(Window window, boolean smokeTest, long holdMillis) {
      LoggerFactory.getLogger(Main.class)
          .atInfo()
          .setMessage("window shown")
          .addKeyValue("event", "window.shown")
          .addKeyValue("millisSinceProcessStart", millisSinceProcessStart())
          .addKeyValue("x", (long) window.getX())
          .addKeyValue("y", (long) window.getY())
          .addKeyValue("width", (long) window.getWidth())
          .addKeyValue("height", (long) window.getHeight())
          .log();
      if (!smokeTest) {
        return;
      }
      String expected = System.getProperty(SMOKE_EXPECT_PROPERTY, "");
      long deadline = System.nanoTime() + Long.getLong(SMOKE_TIMEOUT_PROPERTY, 60_000) * 1_000_000;
      Timeline poll = new Timeline();
      poll.getKeyFrames()
          .add(
              new KeyFrame(
                  javafx.util.Duration.millis(50),
                  e -> {
                    boolean found =
                        expected.isEmpty()
                            || (window.getScene() != null
                                && window.getScene().lookup("#" + expected) != null);
                    if (found) {
                      poll.stop();
                      LoggerFactory.getLogger(Main.class)
                          .atInfo()
                          .setMessage("smoke test: expected view shown")
                          .addKeyValue("event", "smoke.ready")
                          .addKeyValue("node", expected)
                          .addKeyValue("millisSinceProcessStart", millisSinceProcessStart())
                          .log();
                      exitAfter(holdMillis, 0);
                    } else if (System.nanoTime() > deadline) {
                      poll.stop();
                      LoggerFactory.getLogger(Main.class)
                          .atError()
                          .setMessage("smoke test: expected view never appeared")
                          .addKeyValue("event", "smoke.failed")
                          .addKeyValue("node", expected)
                          .log();
                      exitAfter(0, 1);
                    }
                  }));
      poll.setCycleCount(Animation.INDEFINITE);
      poll.play();
    }

    private static void exitAfter(long millis, int status) {
      PauseTransition hold = new PauseTransition(javafx.util.Duration.millis(Math.max(1, millis)));
      hold.setOnFinished(
          e -> {
            Logging.shutdown();
            // halt: skip shutdown hooks and toolkit teardown; nothing is open on a first-start
            Runtime.getRuntime().halt(status);
          });
      hold.play();
    }

    private static long millisSinceProcessStart() {
      Instant started = ProcessHandle.current().info().startInstant().orElse(Instant.now());
      return Duration.between(started, Instant.now()).toMillis();
    }
  }
}
