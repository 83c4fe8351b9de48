package org.meditwin.app.testfx;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.meditwin.app.common.ErrorReporter;
import org.meditwin.app.common.PaneContext;
import org.meditwin.app.common.UiTaskExecutor;
import org.meditwin.app.fakes.ScriptedDialogs;
import org.meditwin.app.i18n.I18n;
import org.meditwin.core.service.UserSession;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What every TestFX pane test needs: reads on the FX thread, waiting for a condition, a pane
 * context on a real session, and screenshots that must show content.
 */
public final class UiTestSupport {
  private UiTestSupport() {}

  /** Evaluates on the FX thread (scene-graph and property reads belong there). */
  public static <T> T fx(Callable<T> read) throws Exception {
    return WaitForAsyncUtils.asyncFx(read).get(30, TimeUnit.SECONDS);
  }

  /** Waits up to 90 s for a condition evaluated on the FX thread. */
  public static void await(Callable<Boolean> condition) throws Exception {
    WaitForAsyncUtils.waitFor(
        90, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
  }

  /**
   * A pane context on {@code session} for a pane test: UTC, scripted dialogs, folders under {@code
   * tmp}, no inference engine and no knowledge base.
   */
  public static PaneContext paneContext(
      UserSession session, UiTaskExecutor tasks, I18n i18n, ScriptedDialogs dialogs, Path tmp) {
    return new PaneContext(
        session,
        tasks,
        i18n,
        new ErrorReporter(dialogs, i18n),
        dialogs,
        Clock.systemUTC(),
        ZoneOffset.UTC,
        tmp.resolve("data"),
        tmp.resolve("models"),
        () -> {
          throw new IllegalStateException("no inference in this test");
        },
        Optional::empty,
        pane -> {});
  }

  /**
   * Snapshots the stage's scene into {@code folder/name.png}, asserting it shows content (more than
   * 8 distinct colours), and returns the file.
   */
  public static Path screenshot(FxRobot robot, Stage stage, Path folder, String name) {
    WaitForAsyncUtils.waitForFxEvents();
    robot.sleep(200);
    WritableImage[] image = new WritableImage[1];
    robot.interact(() -> image[0] = stage.getScene().getRoot().snapshot(null, null));
    PixelReader px = image[0].getPixelReader();
    int w = (int) image[0].getWidth();
    int h = (int) image[0].getHeight();
    BufferedImage b = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int argb = px.getArgb(x, y);
        b.setRGB(x, y, argb);
        if (colours.size() < 64) {
          colours.add(argb);
        }
      }
    }
    assertThat(colours).as(name + " has content").hasSizeGreaterThan(8);
    try {
      Path file = Files.createDirectories(folder).resolve(name + ".png");
      ImageIO.write(b, "png", file.toFile());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The screenshot folder: {@code -Dmeditwin.screenshots}, else {@code target/screenshots}. */
  public static Path screenshotFolder() {
    return Path.of(System.getProperty("meditwin.screenshots", "target/screenshots"));
  }
}
