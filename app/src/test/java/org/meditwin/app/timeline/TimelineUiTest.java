package org.meditwin.app.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.control.TabPane;
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
import org.meditwin.app.common.ErrorReporter;
import org.meditwin.app.common.PaneContext;
import org.meditwin.app.common.UiTaskExecutor;
import org.meditwin.app.fakes.ScriptedDialogs;
import org.meditwin.app.i18n.I18n;
import org.meditwin.app.i18n.Language;
import org.meditwin.app.theme.FxThemeApplier;
import org.meditwin.app.theme.Theme;
import org.meditwin.record.ClinicalEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Timeline pane on a real encrypted store with 10,000+ events: it opens (time logged, not
 * asserted), filters from the search field, zooms the lane chart from the keyboard, deletes the
 * selected event with the Delete key after confirmation, shows hearing-threshold trends, and writes
 * light/dark screenshots to {@code -Dmeditwin.screenshots} (default target/screenshots).
 */
@ExtendWith(ApplicationExtension.class)
class TimelineUiTest {
  private static final Logger LOG = LoggerFactory.getLogger(TimelineUiTest.class);
  @TempDir Path tmp;
  private Stage stage;
  private TimelineTestKit kit;
  private UiTaskExecutor tasks;
  private TimelineView view;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    stage.setWidth(1280);
    stage.setHeight(800);
  }

  @AfterEach
  void close(FxRobot robot) {
    if (view != null) {
      robot.interact(view::close);
    }
    if (kit != null) {
      kit.close();
    }
    if (tasks != null) {
      tasks.close();
    }
  }

  private static <T> T fx(Callable<T> c) throws Exception {
    return WaitForAsyncUtils.asyncFx(c).get();
  }

  private static void await(Callable<Boolean> c) throws Exception {
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(c).get());
  }

  @Test
  void opensTenThousandEventsFiltersZoomsDeletesAndChartsHearingThresholds(FxRobot robot)
      throws Exception {
    kit = new TimelineTestKit(tmp);
    int history = kit.timeline.addAll(kit.hearingHistory()).size();
    kit.timeline.addAll(kit.filler(10_000));
    int total = history + 10_000;

    I18n i18n = new I18n(Language.ENGLISH);
    ScriptedDialogs dialogs = new ScriptedDialogs();
    tasks = new UiTaskExecutor(2);
    PaneContext context =
        new PaneContext(
            kit.session,
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
    robot.interact(
        () -> {
          view = new TimelineView(context);
          Scene scene = new Scene(view.root(), 1280, 800);
          FxThemeApplier.apply(Theme.LIGHT, scene);
          stage.setScene(scene);
          stage.show();
        });
    @SuppressWarnings("unchecked")
    TableView<ClinicalEvent> table = robot.lookup("#timeline-table").queryAs(TableView.class);
    long t0 = System.nanoTime();
    robot.interact(() -> context.currentPatientProperty().set(Optional.of(kit.patient)));
    await(() -> table.getItems().size() == total);
    WaitForAsyncUtils.waitForFxEvents();
    long openMs = (System.nanoTime() - t0) / 1_000_000;
    LOG.info(
        "timeline pane opened {} events in {} ms (query, stats, table, lane chart)", total, openMs);
    for (String id :
        new String[] {
          "#timeline-search", "#timeline-type-filter", "#timeline-bodypart-filter",
              "#timeline-from",
          "#timeline-to", "#timeline-clear", "#timeline-new", "#timeline-form-save",
          "#timeline-form-delete"
        }) {
      assertThat(robot.lookup(id).tryQuery()).as(id).isPresent();
    }
    // the other tabs are built when first shown (ADR 0119)
    assertThat(robot.lookup("#timeline-lanes").tryQuery()).isEmpty();
    assertThat(
            fx(
                () ->
                    robot.lookup("#timeline-tabs").queryAs(TabPane.class).getTabs().stream()
                        .map(javafx.scene.control.Tab::getId)
                        .toList()))
        .containsExactly(
            "timeline-tab-events",
            "timeline-tab-chart",
            "timeline-tab-trends",
            "timeline-tab-summary",
            "timeline-tab-anatomy");
    robot.interact(() -> table.getSelectionModel().select(0));
    shot(robot, "timeline-events-light");

    // search from the keyboard
    robot.clickOn("#timeline-search");
    robot.write("threshold 1000");
    robot.type(KeyCode.ENTER);
    await(() -> table.getItems().size() == 16);

    // delete the selected event with the Delete key after confirming
    dialogs.confirmations.add(true);
    robot.interact(
        () -> {
          table.requestFocus();
          table.getSelectionModel().select(0);
        });
    robot.type(KeyCode.DELETE);
    await(() -> table.getItems().size() == 15);
    assertThat(dialogs.errors).isEmpty();

    robot.interact(() -> robot.lookup("#timeline-clear").queryButton().fire());
    await(() -> table.getItems().size() == total - 1);

    // lane chart: keyboard zoom narrows the visible range
    TabPane tabs = robot.lookup("#timeline-tabs").queryAs(TabPane.class);
    robot.interact(() -> tabs.getSelectionModel().select(1));
    EventLaneChartView lanes = robot.lookup("#timeline-lanes").queryAs(EventLaneChartView.class);
    long before =
        fx(() -> lanes.visibleRange()[1].toEpochDay() - lanes.visibleRange()[0].toEpochDay());
    robot.interact(lanes::requestFocus);
    robot.type(KeyCode.ADD);
    robot.type(KeyCode.ADD);
    long after =
        fx(() -> lanes.visibleRange()[1].toEpochDay() - lanes.visibleRange()[0].toEpochDay());
    assertThat(after).isLessThan(before);
    robot.interact(lanes::resetZoom);
    shot(robot, "timeline-chart-light");

    // trends: hearing thresholds, one line per frequency and ear
    robot.interact(() -> tabs.getSelectionModel().select(2));
    @SuppressWarnings("unchecked")
    LineChart<Number, Number> trend =
        robot.lookup("#timeline-trend-chart").queryAs(LineChart.class);
    try {
      await(() -> trend.getData().size() == 8);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError(
          "trend series: "
              + fx(() -> trend.getData().size())
              + " choice="
              + fx(
                  () ->
                      String.valueOf(
                          robot.lookup("#timeline-trend-choice").queryComboBox().getValue()))
              + " items="
              + fx(() -> robot.lookup("#timeline-trend-choice").queryComboBox().getItems().size()),
          e);
    }
    shot(robot, "timeline-trends-light");

    robot.interact(() -> tabs.getSelectionModel().select(3));
    await(() -> robot.lookup("#timeline-summary-total").tryQuery().isPresent());
    shot(robot, "timeline-summary-light");

    robot.interact(() -> FxThemeApplier.apply(Theme.DARK, stage.getScene()));
    robot.interact(() -> tabs.getSelectionModel().select(1));
    robot.interact(lanes::draw);
    shot(robot, "timeline-chart-dark");
    robot.interact(() -> tabs.getSelectionModel().select(0));
    shot(robot, "timeline-events-dark");
  }

  private void shot(FxRobot robot, String name) throws Exception {
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
    Path dir =
        Files.createDirectories(
            Path.of(System.getProperty("meditwin.screenshots", "target/screenshots")));
    ImageIO.write(b, "png", dir.resolve(name + ".png").toFile());
  }
}
