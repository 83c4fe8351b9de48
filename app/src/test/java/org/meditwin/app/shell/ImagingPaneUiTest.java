package org.meditwin.app.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.meditwin.app.shell.ShellFixture.ADMIN;
import static org.meditwin.app.shell.ShellFixture.ADMIN_PASSWORD;
import static org.meditwin.app.shell.ShellFixture.fx;
import static org.meditwin.app.shell.ShellFixture.showing;
import static org.meditwin.app.shell.ShellFixture.signIn;
import static org.meditwin.app.shell.ShellFixture.waitFor;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableView;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The imaging pane in the real shell: open the DICOMDIR sample by typing its path, series appear
 * with the files that cannot be shown, the image renders with corner annotations, PgDn scrolls, F1
 * shows the shortcuts, the layout switches to 2×2; light and dark screenshots on the way.
 */
@ExtendWith(ApplicationExtension.class)
class ImagingPaneUiTest {
  static final Path DICOMDIR =
      Path.of(System.getenv().getOrDefault("MEDITWIN_DATA_DIR", "../../shared/data"))
          .resolve("dicom/pydicom-testfiles/src/pydicom/data/test_files/dicomdirtests/DICOMDIR")
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

  @Test
  void openScrollHelpLayoutAndThemes(FxRobot robot) throws Exception {
    Path data = tmp.resolve("data");
    ShellFixture.initialise(data);
    shell = ShellFixture.show(robot, stage, data, Clock.systemUTC(), 60_000);
    signIn(robot, ADMIN, ADMIN_PASSWORD);
    waitFor(() -> showing(robot, "#patients-view"));
    robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT4).release(KeyCode.CONTROL);
    waitFor(() -> showing(robot, "#imaging-view"));

    robot.clickOn("#imaging-path").write(DICOMDIR.toString()).type(KeyCode.ENTER);
    waitFor(
        () ->
            fx(
                () ->
                    !robot.lookup("#imaging-series").queryAs(ListView.class).getItems().isEmpty()));
    waitFor(
        () ->
            fx(
                () ->
                    !robot
                            .lookup("#imaging-viewport-0 #imaging-corner-bl")
                            .queryAs(Label.class)
                            .getText()
                            .isBlank()
                        && robot
                            .lookup("#imaging-viewport-0 #imaging-corner-bl")
                            .queryAs(Label.class)
                            .getText()
                            .contains("/")));
    String before =
        fx(
            () ->
                robot
                    .lookup("#imaging-viewport-0 #imaging-corner-bl")
                    .queryAs(Label.class)
                    .getText());
    assertThat(before).contains("1 /");
    assertThat(fx(() -> robot.lookup("#imaging-status").queryAs(Label.class).getText()))
        .contains("objects");
    waitFor(
        () ->
            fx(
                () ->
                    !robot
                        .lookup("#imaging-metadata")
                        .queryAs(TableView.class)
                        .getItems()
                        .isEmpty()));

    robot.clickOn("#imaging-viewport-0");
    robot.type(KeyCode.PAGE_DOWN);
    waitFor(
        () ->
            fx(() ->
                    robot
                        .lookup("#imaging-viewport-0 #imaging-corner-bl")
                        .queryAs(Label.class)
                        .getText())
                .contains("2 /"));
    snapshot(robot, "imaging-light");

    // the chest X-ray model runs in the background; its impression and heat map appear
    robot.clickOn("#imaging-analyze");
    waitFor(
        () ->
            fx(() -> robot.lookup("#imaging-ai-result").queryAs(Label.class).getText())
                .contains("Decision support only"));
    assertThat(fx(() -> robot.lookup("#imaging-ai-result").queryAs(Label.class).getText()))
        .contains("not meaningful");
    snapshot(robot, "imaging-heatmap-light");
    robot.clickOn("#imaging-ai-clear");

    robot.type(KeyCode.F1);
    waitFor(() -> showing(robot, "#imaging-help-overlay"));
    snapshot(robot, "imaging-help-light");
    robot.type(KeyCode.ESCAPE);
    waitFor(() -> !showing(robot, "#imaging-help-overlay"));

    robot.clickOn("#imaging-viewport-0").type(KeyCode.L).type(KeyCode.L);
    waitFor(() -> showing(robot, "#imaging-viewport-3"));

    MenuBar bar = robot.lookup("#menu-bar").queryAs(MenuBar.class);
    MenuItem dark = bar.getMenus().getFirst().getItems().get(1);
    robot.interact(
        () -> {
          ((javafx.scene.control.CheckMenuItem) dark).setSelected(true);
          dark.fire();
        });
    robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT4).release(KeyCode.CONTROL);
    waitFor(() -> showing(robot, "#imaging-view"));
    snapshot(robot, "imaging-dark");
  }

  private void snapshot(FxRobot robot, String name) throws Exception {
    robot.sleep(300);
    WritableImage[] image = new WritableImage[1];
    robot.interact(() -> image[0] = stage.getScene().getRoot().snapshot(null, null));
    PixelReader px = image[0].getPixelReader();
    int w = (int) image[0].getWidth();
    int h = (int) image[0].getHeight();
    BufferedImage b = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        b.setRGB(x, y, px.getArgb(x, y));
      }
    }
    Path dir = Path.of(System.getProperty("meditwin.screenshots", "target/screenshots"));
    Files.createDirectories(dir);
    ImageIO.write(b, "png", dir.resolve(name + ".png").toFile());
  }
}
