package org.meditwin.app.shell;

import static org.meditwin.app.shell.ShellFixture.ADMIN;
import static org.meditwin.app.shell.ShellFixture.ADMIN_PASSWORD;
import static org.meditwin.app.shell.ShellFixture.showing;
import static org.meditwin.app.shell.ShellFixture.signIn;
import static org.meditwin.app.shell.ShellFixture.waitFor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import javafx.scene.control.ListView;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.core.service.UserSession;
import org.meditwin.store.DemoPatients;
import org.meditwin.store.EmbeddedWorkstation;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Renders every screen to PNG files for visual review ({@code -Dmeditwin.screenshots=/tmp/shots}).
 * Skipped unless the property is set; asserts each image has real content.
 */
@ExtendWith(ApplicationExtension.class)
class ScreenshotsUiTest {
  @TempDir Path dataDir;
  private Stage stage;
  private ShellView shell;
  private Path out;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    stage.setWidth(1280);
    stage.setHeight(800);
  }

  @AfterEach
  void close(FxRobot robot) {
    if (shell != null) {
      robot.interact(shell::close);
    }
  }

  private void shot(FxRobot robot, String name) {
    waitFor(() -> true);
    org.meditwin.app.testfx.UiTestSupport.screenshot(robot, stage, out, name);
  }

  private void language(FxRobot robot, String tag) {
    MenuBar bar = robot.lookup("#menu-bar").queryAs(MenuBar.class);
    Menu languages = (Menu) bar.getMenus().getFirst().getItems().getFirst();
    for (MenuItem item : languages.getItems()) {
      if (("settings-language-" + tag).equals(item.getId())) {
        robot.interact(item::fire);
      }
    }
  }

  @Test
  void rendersEveryScreen(FxRobot robot) throws Exception {
    String dir = System.getProperty("meditwin.screenshots", "");
    Assumptions.assumeFalse(dir.isBlank(), "set -Dmeditwin.screenshots=DIR to render screens");
    out = Files.createDirectories(Path.of(dir));

    Path fresh = dataDir.resolve("fresh");
    shell = ShellFixture.show(robot, stage, fresh, Clock.systemUTC(), 1000);
    waitFor(() -> showing(robot, "#first-start-view"));
    shot(robot, "01-first-start");
    robot.interact(shell::close);

    Path data = dataDir.resolve("data");
    ShellFixture.initialise(data);
    try (EmbeddedWorkstation ws =
            EmbeddedWorkstation.open(
                data, EmbeddedWorkstation.Options.fastKdfForTests(Clock.systemUTC()));
        UserSession s = ws.login(ADMIN, ADMIN_PASSWORD.toCharArray())) {
      DemoPatients.load(s);
    }
    shell = ShellFixture.show(robot, stage, data, Clock.systemUTC(), 1000);
    signIn(robot, ADMIN, "wrong password");
    waitFor(() -> showing(robot, "#login-error"));
    shot(robot, "02-login-wrong-password");
    robot.doubleClickOn("#login-password").write(ADMIN_PASSWORD).type(KeyCode.ENTER);
    waitFor(() -> showing(robot, "#patients-view"));
    @SuppressWarnings("unchecked")
    TableView<Object> table = robot.lookup("#patients-table").queryAs(TableView.class);
    waitFor(() -> !table.getItems().isEmpty());
    robot.interact(() -> table.getSelectionModel().select(0));
    shot(robot, "03-patients");
    robot.clickOn("#patient-save");
    robot.interact(() -> table.getSelectionModel().clearSelection());
    robot.clickOn("#patients-new");
    robot.clickOn("#patient-family").write("Doe");
    robot.clickOn("#patient-save");
    shot(robot, "04-patient-validation");

    for (int i = 2; i <= 6; i++) {
      KeyCode digit = KeyCode.valueOf("DIGIT" + i);
      robot.press(KeyCode.CONTROL).type(digit).release(KeyCode.CONTROL);
      shot(robot, "05-pane-" + i);
    }
    robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT7).release(KeyCode.CONTROL);
    waitFor(() -> showing(robot, "#admin-tabs"));
    shot(robot, "06-admin-users");
    TabPane tabs = robot.lookup("#admin-tabs").queryAs(TabPane.class);
    robot.interact(() -> tabs.getSelectionModel().select(1));
    robot.clickOn("#audit-verify");
    shot(robot, "07-admin-audit");
    robot.interact(() -> tabs.getSelectionModel().select(2));
    shot(robot, "08-admin-backup");
    robot.interact(() -> tabs.getSelectionModel().select(3));
    waitFor(
        () -> !robot.lookup("#admin-models-table").queryAs(TableView.class).getItems().isEmpty());
    shot(robot, "09-admin-models");

    waitFor(
        () ->
            shell
                .knowledge()
                .map(k -> k.state() == org.meditwin.app.common.KnowledgeIndex.State.READY)
                .orElse(false));
    robot.press(KeyCode.CONTROL).type(KeyCode.K).release(KeyCode.CONTROL);
    robot.write("shortness of breath");
    waitFor(() -> showing(robot, "#global-search-panel"));
    waitFor(
        () -> !robot.lookup("#global-search-results").queryAs(ListView.class).getItems().isEmpty());
    robot.type(KeyCode.DOWN);
    shot(robot, "09b-global-search");
    robot.type(KeyCode.ESCAPE);

    robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT1).release(KeyCode.CONTROL);
    robot.press(KeyCode.CONTROL).type(KeyCode.L).release(KeyCode.CONTROL);
    waitFor(() -> showing(robot, "#lock-view"));
    shot(robot, "10-locked");
    robot.clickOn("#lock-password").write(ADMIN_PASSWORD).type(KeyCode.ENTER);
    waitFor(() -> robot.lookup("#lock-view").tryQuery().isEmpty());

    MenuBar bar = robot.lookup("#menu-bar").queryAs(MenuBar.class);
    MenuItem dark = bar.getMenus().getFirst().getItems().get(1);
    robot.interact(
        () -> {
          ((javafx.scene.control.CheckMenuItem) dark).setSelected(true);
          dark.fire();
        });
    waitFor(() -> showing(robot, "#patients-view"));
    shot(robot, "11-dark-patients");
    robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT7).release(KeyCode.CONTROL);
    shot(robot, "12-dark-admin");
    robot.press(KeyCode.CONTROL).type(KeyCode.K).release(KeyCode.CONTROL);
    robot.write("diabetes");
    waitFor(() -> showing(robot, "#global-search-panel"));
    waitFor(
        () -> !robot.lookup("#global-search-results").queryAs(ListView.class).getItems().isEmpty());
    shot(robot, "12b-dark-search");
    robot.type(KeyCode.ESCAPE);

    for (String tag : new String[] {"es", "zh", "hi"}) {
      language(robot, tag);
      waitFor(() -> showing(robot, "#main-window"));
      robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT1).release(KeyCode.CONTROL);
      waitFor(() -> showing(robot, "#patients-view"));
      shot(robot, "13-patients-" + tag);
      robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT2).release(KeyCode.CONTROL);
      shot(robot, "14-chat-" + tag);
    }
    language(robot, "en");
    robot.interact(
        () -> {
          MenuItem d =
              robot
                  .lookup("#menu-bar")
                  .queryAs(MenuBar.class)
                  .getMenus()
                  .getFirst()
                  .getItems()
                  .get(1);
          ((javafx.scene.control.CheckMenuItem) d).setSelected(false);
          d.fire();
        });
  }
}
