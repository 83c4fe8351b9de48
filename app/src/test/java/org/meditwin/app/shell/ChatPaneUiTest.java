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
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.app.common.KnowledgeIndex;
import org.meditwin.chatlog.Escalation;
import org.meditwin.chatlog.EscalationStatus;
import org.meditwin.chatlog.Urgency;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The assistant pane in the real shell (real store, real BM25 knowledge base, real chat engine):
 * type a question, the answer streams in with a citation, the citation opens its passage; a
 * red-flag message raises the emergency banner, escalating puts the case in the staff queue, where
 * it is picked up. Renders light and dark screenshots on the way.
 */
@ExtendWith(ApplicationExtension.class)
class ChatPaneUiTest {
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

  private static boolean enabled(FxRobot robot, String query) {
    return fx(() -> robot.lookup(query).tryQuery().map(n -> !n.isDisabled()).orElse(false));
  }

  @Test
  void askCiteOpenThePassageThenEscalateARedFlagToTheQueue(FxRobot robot) throws Exception {
    Path data = tmp.resolve("data");
    ShellFixture.initialise(data);
    shell = ShellFixture.show(robot, stage, data, Clock.systemUTC(), 60_000);
    signIn(robot, ADMIN, ADMIN_PASSWORD);
    await(robot, () -> showing(robot, "#patients-view"));
    waitFor(
        () -> shell.knowledge().map(k -> k.state() == KnowledgeIndex.State.READY).orElse(false));

    robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT2).release(KeyCode.CONTROL);
    await(robot, () -> showing(robot, "#chat-view"));
    await(robot, () -> enabled(robot, "#chat-send"));
    assertThat(fx(() -> robot.lookup("#chat-engine-notice").queryAs(Label.class).getText()))
        .contains("extractive");

    // a question: the answer streams in, with specialists, confidence, disclaimer and a source
    robot.clickOn("#chat-input").write("What causes wheezing in asthma?").type(KeyCode.ENTER);
    await(robot, () -> showing(robot, "#chat-citation-1-1"));
    await(robot, () -> enabled(robot, "#chat-copy-1"));
    assertThat(fx(() -> robot.lookup("#chat-text-1").queryAs(Label.class).getText())).isNotBlank();
    assertThat(fx(() -> robot.lookup("#chat-confidence-1").queryAs(Label.class).getText()))
        .contains("%");
    assertThat(fx(() -> robot.lookup("#chat-disclaimer-1").queryAs(Label.class).getText()))
        .isNotBlank();
    assertThat(
            fx(
                () ->
                    robot
                        .lookup("#chat-specialists-1")
                        .queryAs(javafx.scene.layout.Pane.class)
                        .getChildren()))
        .isNotEmpty();
    assertThat(fx(() -> robot.lookup("#chat-input").queryAs(TextArea.class).getText())).isEmpty();
    assertThat(
            fx(
                () ->
                    robot
                        .lookup("#chat-sessions")
                        .queryAs(javafx.scene.control.ListView.class)
                        .getItems()))
        .hasSize(1);
    snapshot(robot, "chat-answer-light");

    // the citation opens the knowledge-base passage with its source address
    robot.clickOn("#chat-citation-1-1");
    await(robot, () -> showing(robot, "#chat-citation-dialog"));
    assertThat(
            fx(() -> robot.lookup("#chat-citation-dialog-text").queryAs(TextArea.class).getText()))
        .containsIgnoringCase("asthma");
    assertThat(
            fx(() -> robot.lookup("#chat-citation-dialog-url").queryAs(TextField.class).getText()))
        .startsWith("https://");
    DialogPane dialog = robot.lookup("#chat-citation-dialog").queryAs(DialogPane.class);
    robot.interact(() -> ((Stage) dialog.getScene().getWindow()).close());
    await(robot, () -> !showing(robot, "#chat-citation-dialog"));

    // a red-flag message: the emergency banner, then escalation with a prefilled form
    TextArea input = robot.lookup("#chat-input").queryAs(TextArea.class);
    robot.interact(
        () ->
            input.setText(
                "Crushing chest pain spreading to my left arm, sweating and short of breath"));
    robot.clickOn("#chat-input").type(KeyCode.END).type(KeyCode.ENTER);
    await(robot, () -> showing(robot, "#chat-banner"));
    assertThat(fx(() -> robot.lookup("#chat-banner-title").queryAs(Label.class).getText()))
        .isEqualTo("EMERGENCY WARNING SIGNS");
    await(robot, () -> enabled(robot, "#chat-copy-3"));
    snapshot(robot, "chat-red-flag-light");

    robot.clickOn("#chat-escalate");
    await(robot, () -> showing(robot, "#chat-escalation-form"));
    assertThat(fx(() -> robot.lookup("#chat-escalation-summary").queryAs(TextArea.class).getText()))
        .contains("Crushing chest pain");
    snapshot(robot, "chat-escalation-form-light");
    robot.clickOn("#chat-escalation-submit");
    await(robot, () -> !showing(robot, "#chat-escalation-form"));
    assertThat(fx(() -> robot.lookup("#chat-status").queryAs(Label.class).getText()))
        .contains("E-")
        .contains("In-app queue only");

    // the case is in the queue, most urgent first; staff pick it up
    TabPane tabs = robot.lookup("#chat-tabs").queryAs(TabPane.class);
    robot.interact(() -> tabs.getSelectionModel().select(1));
    @SuppressWarnings("unchecked")
    TableView<Escalation> table = robot.lookup("#escalation-table").queryAs(TableView.class);
    await(robot, () -> table.getItems().size() == 1);
    assertThat(fx(() -> table.getItems().getFirst().urgency())).isEqualTo(Urgency.EMERGENCY);
    assertThat(fx(() -> tabs.getTabs().get(1).getText())).contains("1");
    robot.interact(() -> table.getSelectionModel().select(0));
    await(robot, () -> enabled(robot, "#escalation-pickup"));
    robot.clickOn("#escalation-pickup");
    waitFor(
        () ->
            !table.getItems().isEmpty()
                && table.getItems().getFirst().status() == EscalationStatus.PICKED_UP);
    assertThat(fx(() -> table.getItems().getFirst().pickedUpBy().orElseThrow().username()))
        .isEqualTo(ADMIN);
    snapshot(robot, "chat-escalations-light");

    // back in the conversation the banner says the case went to staff; a follow-up question
    robot.interact(() -> tabs.getSelectionModel().select(0));
    assertThat(fx(() -> robot.lookup("#chat-banner-escalated").queryAs(Label.class).getText()))
        .contains("E-");
    robot.interact(() -> input.setText("How can type 2 diabetes be prevented?"));
    robot.clickOn("#chat-input").type(KeyCode.END).type(KeyCode.ENTER);
    await(robot, () -> showing(robot, "#chat-citation-5-1"));
    await(robot, () -> enabled(robot, "#chat-copy-5"));
    snapshot(robot, "chat-overview-light");

    // dark theme
    MenuBar bar = robot.lookup("#menu-bar").queryAs(MenuBar.class);
    MenuItem dark = bar.getMenus().getFirst().getItems().get(1);
    robot.interact(
        () -> {
          ((CheckMenuItem) dark).setSelected(true);
          dark.fire();
        });
    await(robot, () -> showing(robot, "#chat-view"));
    snapshot(robot, "chat-dark");
    TabPane darkTabs = robot.lookup("#chat-tabs").queryAs(TabPane.class);
    robot.interact(() -> darkTabs.getSelectionModel().select(0));
    await(robot, () -> showing(robot, "#chat-messages"));
    snapshot(robot, "chat-conversation-dark");
    Button newChat = robot.lookup("#chat-new").queryAs(Button.class);
    assertThat(fx(newChat::isDisabled)).isFalse();

    // the pane in Hindi and Chinese (fonts, lengths): the saved conversation reopens
    for (String tag : new String[] {"hi", "zh"}) {
      robot.interact(
          () -> {
            for (MenuItem item :
                ((javafx.scene.control.Menu) bar.getMenus().getFirst().getItems().getFirst())
                    .getItems()) {
              if (("settings-language-" + tag).equals(item.getId())) {
                item.fire();
              }
            }
          });
      await(robot, () -> showing(robot, "#chat-view"));
      await(
          robot,
          () ->
              !robot
                  .lookup("#chat-sessions")
                  .queryAs(javafx.scene.control.ListView.class)
                  .getItems()
                  .isEmpty());
      robot.interact(
          () ->
              robot
                  .lookup("#chat-sessions")
                  .queryAs(javafx.scene.control.ListView.class)
                  .getSelectionModel()
                  .select(0));
      robot.clickOn("#chat-sessions .list-cell");
      await(robot, () -> showing(robot, "#chat-citation-1-1"));
      snapshot(robot, "chat-" + tag + "-dark");
    }
    assertThat(fx(() -> robot.lookup("#chat-new").queryAs(Button.class).getText()))
        .startsWith("新建对话");
  }

  /** Waits like {@link ShellFixture#waitFor}; on a timeout saves what the screen showed. */
  private void await(FxRobot robot, java.util.function.Supplier<Boolean> condition)
      throws Exception {
    try {
      waitFor(condition);
    } catch (AssertionError e) {
      snapshot(robot, "chat-ui-test-failure");
      throw e;
    }
  }

  private void snapshot(FxRobot robot, String name) throws Exception {
    waitFor(() -> true);
    robot.sleep(150);
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
