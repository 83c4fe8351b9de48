package org.meditwin.app.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.meditwin.app.testfx.UiTestSupport.await;
import static org.meditwin.app.testfx.UiTestSupport.fx;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.app.common.PaneContext;
import org.meditwin.app.common.UiTaskExecutor;
import org.meditwin.app.fakes.ScriptedDialogs;
import org.meditwin.app.i18n.I18n;
import org.meditwin.app.i18n.Language;
import org.meditwin.app.testfx.UiTestSupport;
import org.meditwin.app.theme.FxThemeApplier;
import org.meditwin.app.theme.Theme;
import org.meditwin.documents.ProposalStatus;
import org.meditwin.documents.ProposedEvent;
import org.meditwin.documents.bench.SyntheticDocuments;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Documents pane on a real encrypted store with real PDFBox and Tesseract: the patient's jobs
 * (done, OCR, failed with its reason) are listed, the keyboard opens a document whose entities are
 * boxed over the page image, Enter confirms the selected proposal, and light/dark screenshots are
 * written to {@code -Dmeditwin.screenshots} (default {@code target/screenshots}).
 */
@ExtendWith(ApplicationExtension.class)
class DocumentsUiTest {
  @TempDir Path tmp;
  private Stage stage;
  private DocumentsTestKit kit;
  private UiTaskExecutor tasks;
  private DocumentsView view;

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

  @Test
  void listsJobsShowsHighlightedPagesAndConfirmsWithTheKeyboard(FxRobot robot) throws Exception {
    kit = new DocumentsTestKit(tmp);
    String pid = kit.patient.id().value();
    byte[] letter = SyntheticDocuments.bornDigitalPdf(SyntheticDocuments.letterPages(2));
    BufferedImage scan = SyntheticDocuments.scan(letter, 300, true, 5).getFirst();
    String failed =
        kit.docs
            .importBytes(pid, "truncated-scan.pdf", Arrays.copyOf(letter, 300))
            .document()
            .orElseThrow()
            .id();
    String ocr =
        kit.docs
            .importBytes(pid, "clinic-scan.png", SyntheticDocuments.encode(scan, "png"))
            .document()
            .orElseThrow()
            .id();
    String digital =
        kit.docs.importBytes(pid, "referral-letter.pdf", letter).document().orElseThrow().id();
    for (String id : new String[] {failed, ocr, digital}) {
      kit.docs.awaitCompletion(id);
    }

    I18n i18n = new I18n(Language.ENGLISH);
    ScriptedDialogs dialogs = new ScriptedDialogs();
    tasks = new UiTaskExecutor(2);
    PaneContext context = UiTestSupport.paneContext(kit.session, tasks, i18n, dialogs, tmp);
    robot.interact(
        () -> {
          DocumentsViewModel vm =
              new DocumentsViewModel(
                  kit.docs,
                  tasks,
                  javafx.application.Platform::runLater,
                  i18n,
                  context.errors(),
                  Clock.systemUTC());
          view = new DocumentsView(context, vm, Optional.empty());
          Scene scene = new Scene(view.root(), 1280, 800);
          FxThemeApplier.apply(Theme.LIGHT, scene);
          stage.setScene(scene);
          stage.show();
          context.currentPatientProperty().set(Optional.of(kit.patient));
        });

    @SuppressWarnings("unchecked")
    ListView<JobRow> jobs = robot.lookup("#documents-jobs").queryAs(ListView.class);
    await(() -> jobs.getItems().size() == 3);
    java.util.List<String> described =
        fx(() -> jobs.getItems().stream().map(view.viewModel()::describe).toList());
    assertThat(described)
        .anySatisfy(s -> assertThat(s).startsWith("Failed").contains("damaged"))
        .anySatisfy(s -> assertThat(s).contains("1 page(s), 1 by OCR"));
    for (String id :
        new String[] {
          "#documents-import",
          "#documents-cancel",
          "#documents-retry",
          "#documents-delete",
          "#documents-page-prev",
          "#documents-page-next",
          "#documents-proposals",
          "#documents-confirm",
          "#documents-edit",
          "#documents-reject",
          "#documents-text"
        }) {
      assertThat(robot.lookup(id).tryQuery()).as(id).isPresent();
    }

    // keyboard: focus the list, go to the born-digital letter (newest first) and open it
    robot.interact(jobs::requestFocus);
    robot.type(KeyCode.HOME);
    await(() -> jobs.getSelectionModel().getSelectedIndex() == 0);
    await(() -> view.viewModel().pageProperty().get().isPresent());
    ImageView page = robot.lookup("#documents-page-image").queryAs(ImageView.class);
    await(() -> page.getImage() != null);
    Pane boxes = robot.lookup("#documents-highlights").queryAs(Pane.class);
    await(() -> !boxes.getChildren().isEmpty());
    @SuppressWarnings("unchecked")
    TableView<ProposedEvent> table = robot.lookup("#documents-proposals").queryAs(TableView.class);
    await(() -> !table.getItems().isEmpty());
    shot(robot, "documents-light");

    robot.interact(
        () -> {
          table.requestFocus();
          table.getSelectionModel().select(0);
          table.getFocusModel().focus(0);
        });
    robot.type(KeyCode.ENTER);
    await(() -> table.getItems().getFirst().status() == ProposalStatus.CONFIRMED);
    await(() -> robot.lookup("#documents-confirm").query().isDisabled());

    // the OCR page: boxes come from Tesseract's word coordinates
    robot.interact(jobs::requestFocus);
    robot.type(KeyCode.DOWN);
    await(() -> jobs.getSelectionModel().getSelectedIndex() == 1);
    await(
        () ->
            view.viewModel()
                .pageProperty()
                .get()
                .map(p -> p.page().documentId().equals(ocr))
                .orElse(false));
    await(() -> !boxes.getChildren().isEmpty());
    robot.interact(() -> FxThemeApplier.apply(Theme.DARK, stage.getScene()));
    shot(robot, "documents-dark");
  }

  private void shot(FxRobot robot, String name) {
    UiTestSupport.screenshot(robot, stage, UiTestSupport.screenshotFolder(), name);
  }
}
