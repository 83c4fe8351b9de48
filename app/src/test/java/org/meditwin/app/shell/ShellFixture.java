package org.meditwin.app.shell;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.meditwin.app.search.KnowledgeBaseSettings;
import org.meditwin.app.search.TinyKnowledgeBase;
import org.meditwin.core.domain.Role;
import org.meditwin.core.service.UserSession;
import org.meditwin.store.DataDirectoryRestore;
import org.meditwin.store.EmbeddedWorkstation;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Starts the real shell on a real (fast-KDF) embedded workstation in a temporary directory. */
final class ShellFixture {
  static final String ADMIN = "admin";
  static final String ADMIN_PASSWORD = "correct horse battery";
  static final String CLINICIAN = "anna";
  static final String CLINICIAN_PASSWORD = "anna's long password";

  private ShellFixture() {}

  /** Creates the administrator (and a clinician) before the shell opens the directory. */
  static void initialise(Path dataDir) {
    try (EmbeddedWorkstation ws =
        EmbeddedWorkstation.open(
            dataDir, EmbeddedWorkstation.Options.fastKdfForTests(Clock.systemUTC()))) {
      try (UserSession s = ws.initialise(ADMIN, "Dr Admin", ADMIN_PASSWORD.toCharArray())) {
        s.accounts().create(CLINICIAN, "Dr Anna", Role.CLINICIAN, CLINICIAN_PASSWORD.toCharArray());
      }
    }
  }

  static ShellView show(
      FxRobot robot, Stage stage, Path dataDir, Clock clock, long idleCheckMillis) {
    ShellConfig config =
        new ShellConfig(
            dataDir,
            dir ->
                EmbeddedWorkstation.open(dir, EmbeddedWorkstation.Options.fastKdfForTests(clock)),
            Optional.of(DataDirectoryRestore::restore),
            clock,
            ZoneOffset.UTC,
            idleCheckMillis,
            repositoryModels(),
            () -> {
              throw new IllegalStateException("UI tests do not load the inference engine");
            },
            tinyKnowledgeBase());
    ShellView[] view = new ShellView[1];
    robot.interact(() -> view[0] = ShellView.show(stage, config));
    return view[0];
  }

  /** The repository's models folder (real model folders and checksums). */
  static Path repositoryModels() {
    Path here = Path.of("").toAbsolutePath();
    Path models = here.resolveSibling("models");
    return java.nio.file.Files.isDirectory(models) ? models : here.resolve("models");
  }

  /** Three MedQuAD-shaped entries, indexed BM25-only (no encoder in UI tests). */
  static KnowledgeBaseSettings tinyKnowledgeBase() {
    return TinyKnowledgeBase.settings();
  }

  /** Evaluates on the FX thread: scene-graph and property reads belong there. */
  static <T> T fx(java.util.concurrent.Callable<T> read) {
    try {
      return WaitForAsyncUtils.asyncFx(read).get(20, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new AssertionError(e.getCause());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static void waitFor(Supplier<Boolean> condition) {
    try {
      WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(condition::get));
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("condition not met within 20 s", e);
    }
    WaitForAsyncUtils.waitForFxEvents();
  }

  static boolean showing(FxRobot robot, String query) {
    return fx(
        () ->
            robot.lookup(query).tryQuery().map(Node::isVisible).orElse(false)
                && robot.lookup(query).tryQuery().map(n -> n.getScene() != null).orElse(false));
  }

  static void signIn(FxRobot robot, String user, String password) {
    waitFor(() -> showing(robot, "#login-view"));
    robot.clickOn("#login-username").write(user);
    robot.clickOn("#login-password").write(password);
    robot.type(javafx.scene.input.KeyCode.ENTER);
  }
}
