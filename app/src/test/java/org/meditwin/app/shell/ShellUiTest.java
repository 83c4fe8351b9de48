package org.meditwin.app.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.meditwin.app.shell.ShellFixture.ADMIN;
import static org.meditwin.app.shell.ShellFixture.ADMIN_PASSWORD;
import static org.meditwin.app.shell.ShellFixture.showing;
import static org.meditwin.app.shell.ShellFixture.signIn;
import static org.meditwin.app.shell.ShellFixture.waitFor;

import atlantafx.base.theme.PrimerDark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import javafx.application.Application;
import javafx.css.PseudoClass;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.app.admin.UsersViewModel;
import org.meditwin.core.domain.Patient;
import org.meditwin.testsupport.MutableClock;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class ShellUiTest {
  @TempDir Path dataDir;
  private Stage stage;
  private ShellView shell;

  @Start
  void start(Stage stage) {
    this.stage = stage;
  }

  @AfterEach
  void close(FxRobot robot) {
    if (shell != null) {
      robot.interact(shell::close);
    }
  }

  private void open(FxRobot robot, boolean initialised) {
    if (initialised) {
      ShellFixture.initialise(dataDir);
    }
    shell = ShellFixture.show(robot, stage, dataDir, Clock.systemUTC(), 200);
  }

  private String text(FxRobot robot, String query) {
    return ShellFixture.fx(() -> robot.lookup(query).queryAs(Label.class).getText());
  }

  private MenuItem settingsItem(FxRobot robot, String id) {
    MenuBar bar = robot.lookup("#menu-bar").queryAs(MenuBar.class);
    for (MenuItem item : bar.getMenus().getFirst().getItems()) {
      if (id.equals(item.getId())) {
        return item;
      }
      if (item instanceof Menu m) {
        for (MenuItem sub : m.getItems()) {
          if (id.equals(sub.getId())) {
            return sub;
          }
        }
      }
    }
    throw new AssertionError("no menu item " + id);
  }

  @Test
  void firstStartCreatesTheAdministratorAndOpensTheMainWindow(FxRobot robot) {
    open(robot, false);
    waitFor(() -> showing(robot, "#first-start-view"));
    robot.clickOn("#first-username").write("admin");
    robot.clickOn("#first-display-name").write("Dr Admin");
    robot.clickOn("#first-password").write("short");
    robot.clickOn("#first-confirm").write("short");
    robot.clickOn("#first-submit");
    assertThat(text(robot, "#first-error")).isEqualTo("The password needs at least 10 characters.");

    robot.doubleClickOn("#first-password").eraseText(5).write(ADMIN_PASSWORD);
    robot.doubleClickOn("#first-confirm").eraseText(5).write(ADMIN_PASSWORD);
    robot.clickOn("#first-submit");
    waitFor(() -> showing(robot, "#main-window"));
    assertThat(text(robot, "#status-user")).isEqualTo("Dr Admin (Administrator)");
    assertThat(Files.exists(dataDir.resolve("keyring.json"))).isTrue();
  }

  @Test
  void wrongPasswordShowsTheMessageAndStaysOnLogin(FxRobot robot) {
    open(robot, true);
    signIn(robot, ADMIN, "not the password");
    waitFor(() -> !text(robot, "#login-error").isEmpty());
    assertThat(text(robot, "#login-error")).isEqualTo("Wrong username or password.");
    assertThat(showing(robot, "#login-view")).isTrue();
    assertThat(robot.lookup("#main-window").tryQuery()).isEmpty();
  }

  @Test
  void correctPasswordSignsInAndNavigatesWithShortcuts(FxRobot robot) {
    open(robot, true);
    signIn(robot, ADMIN, ADMIN_PASSWORD);
    waitFor(() -> showing(robot, "#main-window"));
    assertThat(showing(robot, "#patients-view")).isTrue();

    robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT2).release(KeyCode.CONTROL);
    waitFor(() -> showing(robot, "#chat-view"));
    assertThat(showing(robot, "#chat-new")).isTrue();
    robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT7).release(KeyCode.CONTROL);
    waitFor(() -> showing(robot, "#admin-tabs"));
    assertThat(
            ShellFixture.fx(
                () ->
                    robot
                        .lookup("#nav")
                        .queryAs(ListView.class)
                        .getSelectionModel()
                        .getSelectedIndex()))
        .isEqualTo(6);
  }

  @Test
  void lockHidesTheWindowAndOnlyTheRightPasswordUnlocks(FxRobot robot) {
    open(robot, true);
    signIn(robot, ADMIN, ADMIN_PASSWORD);
    waitFor(() -> showing(robot, "#main-window"));

    robot.press(KeyCode.CONTROL).type(KeyCode.L).release(KeyCode.CONTROL);
    waitFor(() -> showing(robot, "#lock-view"));
    assertThat(ShellFixture.fx(() -> robot.lookup("#main-window").query().getParent().isVisible()))
        .isFalse();

    robot.clickOn("#lock-password").write("wrong password");
    robot.type(KeyCode.ENTER);
    waitFor(() -> !text(robot, "#lock-error").isEmpty());
    assertThat(text(robot, "#lock-error")).isEqualTo("Wrong password.");
    assertThat(ShellFixture.fx(() -> shell.viewModel().lockedProperty().get())).isTrue();

    robot.clickOn("#lock-password").write(ADMIN_PASSWORD);
    robot.type(KeyCode.ENTER);
    waitFor(() -> robot.lookup("#lock-view").tryQuery().isEmpty());
    assertThat(showing(robot, "#main-window")).isTrue();

    robot.clickOn("#status-lock");
    waitFor(() -> showing(robot, "#lock-view"));
    robot.clickOn("#lock-logout");
    waitFor(() -> showing(robot, "#login-view"));
  }

  @Test
  void createdPatientIsFoundBySearch(FxRobot robot) {
    open(robot, true);
    signIn(robot, ADMIN, ADMIN_PASSWORD);
    waitFor(() -> showing(robot, "#patients-view"));
    robot.clickOn("#patient-mrn").write("MRN-4711");
    robot.clickOn("#patient-family").write("Doe");
    robot.clickOn("#patient-given").write("Jane");
    robot.clickOn("#patient-save");
    waitFor(() -> "Saved.".equals(text(robot, "#patient-status")));

    robot.clickOn("#patients-search").write("4711");
    @SuppressWarnings("unchecked")
    TableView<Patient> table = robot.lookup("#patients-table").queryAs(TableView.class);
    waitFor(
        () ->
            table.getItems().size() == 1
                && "1 patient".equals(text(robot, "#patients-search-status")));
    assertThat(ShellFixture.fx(() -> table.getItems().getFirst().displayName()))
        .isEqualTo("Doe, Jane");

    robot.doubleClickOn("#patients-search").eraseText(4).write("nobody-here");
    waitFor(() -> table.getItems().isEmpty());
  }

  @Test
  void switchingToSpanishRelabelsTheWindowImmediatelyAndPersists(FxRobot robot) throws Exception {
    open(robot, true);
    waitFor(() -> showing(robot, "#login-view"));
    robot.interact(() -> settingsItem(robot, "settings-language-es").fire());
    waitFor(() -> robot.lookup("Iniciar sesión").tryQuery().isPresent());
    signIn(robot, ADMIN, ADMIN_PASSWORD);
    waitFor(() -> showing(robot, "#main-window"));
    assertThat(robot.lookup("Pacientes").tryQuery()).isPresent();
    assertThat(text(robot, "#status-user")).isEqualTo("Dr Admin (Administrador)");
    assertThat(Files.readString(dataDir.resolve("settings.properties"))).contains("ui.language=es");
  }

  @Test
  void darkThemeSwapsTheStylesheetAndPseudoClass(FxRobot robot) throws Exception {
    open(robot, true);
    waitFor(() -> showing(robot, "#login-view"));
    assertThat(Application.getUserAgentStylesheet())
        .isNotEqualTo(new PrimerDark().getUserAgentStylesheet());
    CheckMenuItem dark = (CheckMenuItem) settingsItem(robot, "settings-dark");
    robot.interact(
        () -> {
          dark.setSelected(true);
          dark.fire();
        });
    waitFor(
        () ->
            new PrimerDark().getUserAgentStylesheet().equals(Application.getUserAgentStylesheet()));
    assertThat(ShellFixture.fx(() -> Set.copyOf(stage.getScene().getRoot().getPseudoClassStates())))
        .contains(PseudoClass.getPseudoClass("dark"));
    assertThat(Files.readString(dataDir.resolve("settings.properties"))).contains("ui.theme=DARK");
    robot.interact(
        () -> {
          dark.setSelected(false);
          dark.fire();
        });
  }

  @Test
  void idleSessionLocksItselfAfterTheConfiguredMinutes(FxRobot robot) {
    ShellFixture.initialise(dataDir);
    MutableClock clock = new MutableClock(Instant.now());
    shell = ShellFixture.show(robot, stage, dataDir, clock, 100);
    signIn(robot, ADMIN, ADMIN_PASSWORD);
    waitFor(() -> showing(robot, "#main-window"));
    clock.advance(Duration.ofMinutes(9));
    robot.sleep(300);
    assertThat(ShellFixture.fx(() -> shell.viewModel().lockedProperty().get())).isFalse();
    clock.advance(Duration.ofMinutes(2));
    waitFor(() -> showing(robot, "#lock-view"));
  }

  @Test
  void clinicianSeesAnHonestAdminAccessMessage(FxRobot robot) {
    open(robot, true);
    signIn(robot, ShellFixture.CLINICIAN, ShellFixture.CLINICIAN_PASSWORD);
    waitFor(() -> showing(robot, "#main-window"));
    robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT7).release(KeyCode.CONTROL);
    waitFor(() -> showing(robot, "#admin-denied"));
    assertThat(text(robot, "#admin-denied")).contains("reserved for administrators");
  }

  @Test
  void administratorCreatesAUserAndVerifiesTheAuditChain(FxRobot robot) {
    open(robot, true);
    signIn(robot, ADMIN, ADMIN_PASSWORD);
    waitFor(() -> showing(robot, "#main-window"));
    robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT7).release(KeyCode.CONTROL);
    waitFor(() -> showing(robot, "#admin-new-username"));
    robot.clickOn("#admin-new-username").write("bob");
    robot.clickOn("#admin-new-display-name").write("Dr Bob");
    robot.clickOn("#admin-new-password").write("bob's long password");
    robot.clickOn("#admin-new-confirm").write("bob's long password");
    robot.clickOn("#admin-users-create");
    waitFor(() -> "User bob created.".equals(text(robot, "#admin-users-status")));
    @SuppressWarnings("unchecked")
    TableView<UsersViewModel.UserRow> users =
        robot.lookup("#admin-users-table").queryAs(TableView.class);
    waitFor(() -> users.getItems().size() == 3);

    TabPane tabs = robot.lookup("#admin-tabs").queryAs(TabPane.class);
    robot.interact(() -> tabs.getSelectionModel().select(1));
    robot.clickOn("#audit-verify");
    waitFor(() -> text(robot, "#audit-verification").startsWith("Chain intact"));
  }
}
