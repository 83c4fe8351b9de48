package org.meditwin.app.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.meditwin.app.shell.ShellFixture.ADMIN;
import static org.meditwin.app.shell.ShellFixture.ADMIN_PASSWORD;
import static org.meditwin.app.shell.ShellFixture.fx;
import static org.meditwin.app.shell.ShellFixture.showing;
import static org.meditwin.app.shell.ShellFixture.signIn;
import static org.meditwin.app.shell.ShellFixture.waitFor;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.app.testfx.UiTestSupport;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * "Find similar" in the real shell: open a chest radiograph (a PneumoniaMNIST val image wrapped as
 * CR CHEST), Ctrl+Shift+F builds the reference library with progress and lists ranked cases with
 * thumbnails; arrow keys move through them; a CT gets the not-applicable message.
 */
@ExtendWith(ApplicationExtension.class)
class SimilarCasesUiTest {
  static final Path CHEST =
      Path.of("../modules/imaging/src/test/resources/org/meditwin/imaging/similar/chest-val1.dcm")
          .toAbsolutePath()
          .normalize();
  static final Path CT =
      Path.of(System.getenv().getOrDefault("MEDITWIN_DATA_DIR", "../../shared/data"))
          .resolve("dicom/pydicom-testfiles/src/pydicom/data/test_files/CT_small.dcm")
          .toAbsolutePath()
          .normalize();

  @TempDir Path tmp;
  private Stage stage;
  private ShellView shell;

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

  private static void waitLong(Supplier<Boolean> condition) throws Exception {
    WaitForAsyncUtils.waitFor(240, TimeUnit.SECONDS, () -> fx(condition::get));
    WaitForAsyncUtils.waitForFxEvents();
  }

  @SuppressWarnings("unchecked")
  private static ListView<Object> list(FxRobot robot) {
    return robot.lookup("#imaging-similar-list").queryAs(ListView.class);
  }

  private void open(FxRobot robot, Path file) {
    robot.interact(
        () -> robot.lookup("#imaging-path").queryAs(javafx.scene.control.TextField.class).clear());
    robot.clickOn("#imaging-path").write(file.toString()).type(KeyCode.ENTER);
    try {
      waitLong(
          () ->
              fx(
                  () ->
                      robot
                          .lookup("#imaging-viewport-0 #imaging-corner-bl")
                          .queryAs(Label.class)
                          .getText()
                          .contains("/")));
    } catch (Exception e) {
      throw new AssertionError(
          "not shown: " + fx(() -> robot.lookup("#imaging-status").queryAs(Label.class).getText()),
          e);
    }
  }

  @Test
  void findSimilarListsRankedCasesWithThumbnailsAndRefusesNonChestImages(FxRobot robot)
      throws Exception {
    Path data = tmp.resolve("data");
    ShellFixture.initialise(data);
    shell = ShellFixture.show(robot, stage, data, Clock.systemUTC(), 60_000);
    signIn(robot, ADMIN, ADMIN_PASSWORD);
    waitFor(() -> showing(robot, "#patients-view"));
    robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT4).release(KeyCode.CONTROL);
    waitFor(() -> showing(robot, "#imaging-view"));
    open(robot, CHEST);

    robot.clickOn("#imaging-viewport-0");
    robot
        .press(KeyCode.CONTROL, KeyCode.SHIFT)
        .type(KeyCode.F)
        .release(KeyCode.SHIFT, KeyCode.CONTROL);
    waitFor(() -> showing(robot, "#imaging-similar"));
    assertThat(
            fx(
                () ->
                    robot
                        .lookup("#imaging-side-tabs")
                        .queryAs(TabPane.class)
                        .getSelectionModel()
                        .getSelectedItem()
                        .getId()))
        .isEqualTo("imaging-tab-similar");
    waitLong(() -> !list(robot).getItems().isEmpty());
    assertThat(fx(() -> list(robot).getItems().size())).isEqualTo(12);
    assertThat(fx(() -> robot.lookup("#imaging-similar-status").queryAs(Label.class).getText()))
        .contains("12 similar cases");
    assertThat(fx(() -> robot.lookup("#imaging-similar-citation").queryAs(Label.class).getText()))
        .contains("PneumoniaMNIST")
        .contains("CC BY 4.0");
    assertThat(fx(() -> list(robot).getSelectionModel().getSelectedIndex())).isZero();
    assertThat(
            fx(() -> robot.lookup("#imaging-similar-detail-text").queryAs(Label.class).getText()))
        .startsWith("Case 1");
    Path shots =
        Path.of(System.getProperty("meditwin.screenshots", "target/screenshots")).toAbsolutePath();
    UiTestSupport.screenshot(robot, stage, shots, "imaging-similar-light");

    // keyboard: Down moves to the next case
    robot.interact(() -> list(robot).requestFocus());
    robot.type(KeyCode.DOWN);
    waitFor(() -> fx(() -> list(robot).getSelectionModel().getSelectedIndex()) == 1);
    waitFor(
        () ->
            fx(() -> robot.lookup("#imaging-similar-detail-text").queryAs(Label.class).getText())
                .startsWith("Case 2"));

    // a CT: clear message, no list
    open(robot, CT);
    robot.clickOn("#imaging-similar-find");
    waitLong(() -> showing(robot, "#imaging-similar-message"));
    assertThat(fx(() -> robot.lookup("#imaging-similar-message").queryAs(Label.class).getText()))
        .contains("chest radiographs")
        .contains("CT");
    assertThat(fx(() -> list(robot).getItems())).isEmpty();
    UiTestSupport.screenshot(robot, stage, shots, "imaging-similar-not-applicable");
  }
}
