package org.meditwin.app.imaging.pacs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.meditwin.app.testfx.UiTestSupport.await;
import static org.meditwin.app.testfx.UiTestSupport.fx;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.app.common.PaneContext;
import org.meditwin.app.common.UiTaskExecutor;
import org.meditwin.app.fakes.ScriptedDialogs;
import org.meditwin.app.i18n.I18n;
import org.meditwin.app.i18n.Language;
import org.meditwin.app.imaging.ImagingView;
import org.meditwin.app.testfx.UiTestSupport;
import org.meditwin.app.theme.Styles;
import org.meditwin.core.service.UserSession;
import org.meditwin.imaging.DicomSource;
import org.meditwin.pacs.DimseOptions;
import org.meditwin.pacs.PacsNodes;
import org.meditwin.pacs.ReceivedInstance;
import org.meditwin.pacs.StoreScp;
import org.meditwin.store.EmbeddedWorkstation;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The PACS dialog on a real encrypted workstation against our own Store SCP on 127.0.0.1: a node is
 * typed in with the keyboard (an AE title of 17 characters is refused), saved to the store, echoed;
 * the open study is sent and arrives; a query against a node without C-FIND shows the PACS's
 * refusal; the imaging toolbar's PACS… button opens the dialog.
 */
@ExtendWith(ApplicationExtension.class)
class PacsDialogUiTest {
  @TempDir Path tmp;
  private Stage stage;
  private EmbeddedWorkstation ws;
  private UserSession session;
  private UiTaskExecutor tasks;
  private StoreScp scp;
  private final ScriptedDialogs dialogs = new ScriptedDialogs();

  @Start
  void start(Stage stage) {
    this.stage = stage;
  }

  @AfterEach
  void close() {
    if (scp != null) {
      scp.close();
    }
    if (tasks != null) {
      tasks.close();
    }
    if (session != null) {
      session.close();
    }
    if (ws != null) {
      ws.close();
    }
  }

  private PaneContext context() {
    ws =
        EmbeddedWorkstation.open(
            tmp.resolve("data"), EmbeddedWorkstation.Options.fastKdfForTests(Clock.systemUTC()));
    session = ws.initialise("anna", "Dr Anna Reyes", "anna-password-1".toCharArray());
    tasks = new UiTaskExecutor(2);
    return UiTestSupport.paneContext(session, tasks, new I18n(Language.ENGLISH), dialogs, tmp);
  }

  private static String text(FxRobot robot, String query) throws Exception {
    return fx(() -> ((Label) robot.lookup(query).query()).getText());
  }

  @Test
  void nodeIsTypedSavedEchoedAndTheOpenStudyIsSent(FxRobot robot) throws Exception {
    PaneContext context = context();
    List<ReceivedInstance> received = new CopyOnWriteArrayList<>();
    scp = StoreScp.start("WS_SCP", 0, received::add, ae -> true, DimseOptions.defaults());
    PacsViewModel model =
        new PacsViewModel(
            context.i18n(),
            PacsService.of(session),
            r ->
                tasks.submit(
                    "pacs",
                    p -> {
                      r.run();
                      return null;
                    }),
            Platform::runLater,
            Optional::empty,
            () -> List.of(DicomSource.file(PacsViewModelTest.CT)),
            id -> {});
    robot.interact(
        () -> {
          PacsView view = new PacsView(model, context.i18n());
          Scene scene = new Scene(view.root(), 1100, 640);
          scene.getStylesheets().add(Styles.STYLESHEET);
          stage.setScene(scene);
          stage.show();
          model.refreshNodes();
        });

    // keyboard only: name, Tab, AE title (too long), Tab, host, Tab, port
    robot.clickOn("#imaging-pacs-name").write("Local SCP");
    robot.press(KeyCode.TAB).release(KeyCode.TAB);
    robot.write("ABCDEFGHIJKLMNOPQ");
    robot.press(KeyCode.TAB).release(KeyCode.TAB);
    robot.write("127.0.0.1");
    robot.press(KeyCode.TAB).release(KeyCode.TAB);
    robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
    robot.write(Integer.toString(scp.port()));
    robot.clickOn("#imaging-pacs-save");
    await(() -> text(robot, "#imaging-pacs-form-error").contains("1 to 16 characters"));
    assertThat(PacsNodes.of(session).list()).isEmpty();

    robot.doubleClickOn("#imaging-pacs-called-ae");
    robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
    robot.write("WS_SCP");
    robot.interact(() -> robot.lookup("#imaging-pacs-save").query().requestFocus());
    robot.press(KeyCode.SPACE).release(KeyCode.SPACE);
    await(() -> text(robot, "#imaging-pacs-status").equals("Node Local SCP saved."));
    assertThat(PacsNodes.of(session).list())
        .singleElement()
        .satisfies(n -> assertThat(n.calledAe()).isEqualTo("WS_SCP"));
    assertThat(
            fx(() -> robot.lookup("#imaging-pacs-nodes").queryAs(ListView.class).getItems().size()))
        .isEqualTo(1);

    robot.clickOn("#imaging-pacs-echo");
    await(() -> text(robot, "#imaging-pacs-status").startsWith("WS_SCP answered the echo in"));

    robot.clickOn("#imaging-pacs-send");
    await(() -> text(robot, "#imaging-pacs-status").equals("Sent 1 of 1 images."));
    assertThat(received).hasSize(1);

    robot.clickOn("#imaging-pacs-q-modality").write("CT");
    robot.press(KeyCode.ENTER).release(KeyCode.ENTER);
    await(
        () ->
            text(robot, "#imaging-pacs-status")
                .contains("accepted none of the requested DICOM services"));
    Node status = robot.lookup("#imaging-pacs-status").query();
    assertThat(fx(() -> status.getStyleClass().contains(Styles.DANGER))).isTrue();
    UiTestSupport.screenshot(robot, stage, UiTestSupport.screenshotFolder(), "imaging-pacs-dialog");
  }

  @Test
  void imagingToolbarOpensThePacsDialog(FxRobot robot) throws Exception {
    PaneContext context = context();
    robot.interact(
        () -> {
          ImagingView view = new ImagingView(context);
          Scene scene = new Scene(view.root(), 1280, 800);
          scene.getStylesheets().add(Styles.STYLESHEET);
          stage.setScene(scene);
          stage.show();
        });
    robot.clickOn("#imaging-pacs-open");
    await(
        () ->
            Window.getWindows().stream()
                .anyMatch(
                    w ->
                        w.isShowing()
                            && w.getScene() != null
                            && w.getScene().lookup("#imaging-pacs") != null));
    robot.interact(
        () ->
            Window.getWindows().stream()
                .filter(
                    w ->
                        w != stage
                            && w.getScene() != null
                            && w.getScene().lookup("#imaging-pacs") != null)
                .toList()
                .forEach(Window::hide));
  }
}
