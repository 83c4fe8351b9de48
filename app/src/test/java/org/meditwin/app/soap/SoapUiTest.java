package org.meditwin.app.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TextArea;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
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
import org.meditwin.core.domain.Patient;
import org.meditwin.core.domain.Sex;
import org.meditwin.core.service.PatientService.PatientInput;
import org.meditwin.core.service.UserSession;
import org.meditwin.inference.engine.DeviceInfo;
import org.meditwin.notes.NoteService;
import org.meditwin.notes.NoteStatus;
import org.meditwin.soap.NoteTemplate;
import org.meditwin.store.EmbeddedWorkstation;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The SOAP pane on a real encrypted workstation with the rule-based SOAP pipeline: paste a
 * transcript, draft, click a sentence to see its source, undo an edit, approve, export the PDF.
 * With {@code -Dmeditwin.screenshots=DIR} it also renders the pane in light and dark.
 */
@ExtendWith(ApplicationExtension.class)
class SoapUiTest {
  @TempDir Path tmp;
  private Stage stage;
  private EmbeddedWorkstation ws;
  private UserSession session;
  private UiTaskExecutor tasks;
  private final ScriptedDialogs dialogs = new ScriptedDialogs();
  private final I18n i18n = new I18n(Language.ENGLISH);
  private Patient patient;
  private SoapView view;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    stage.setWidth(1280);
    stage.setHeight(800);
  }

  @AfterEach
  void close(FxRobot robot) {
    if (view != null) {
      robot.interact(() -> view.viewModel().dispose());
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

  private void show(FxRobot robot, Theme theme) {
    ws =
        EmbeddedWorkstation.open(
            tmp.resolve("data"), EmbeddedWorkstation.Options.fastKdfForTests(Clock.systemUTC()));
    session = ws.initialise("anna", "Dr Anna Reyes", "anna-password-1".toCharArray());
    patient =
        session
            .patients()
            .create(
                new PatientInput(
                    "MRN-4711",
                    "Grace",
                    "Hopper",
                    Optional.of(LocalDate.of(1950, 5, 6)),
                    Sex.FEMALE,
                    "",
                    "",
                    "",
                    ""));
    tasks = new UiTaskExecutor(2);
    Supplier<DeviceInfo> device = () -> null;
    PaneContext context =
        new PaneContext(
            session,
            tasks,
            i18n,
            new ErrorReporter(dialogs, i18n),
            dialogs,
            Clock.systemUTC(),
            ZoneOffset.UTC,
            tmp.resolve("data"),
            tmp.resolve("models"),
            device,
            Optional::empty,
            pane -> {});
    robot.interact(
        () -> {
          view = new SoapView(context, PipelineEngine::rulesOnly, Optional::empty);
          Scene scene = new Scene(view.root(), 1280, 800);
          stage.setScene(scene);
          FxThemeApplier.apply(theme, scene);
          stage.show();
        });
  }

  private static <T> T fx(Callable<T> read) {
    try {
      return WaitForAsyncUtils.asyncFx(read).get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static void waitFor(Supplier<Boolean> condition) {
    waitFor(30, condition);
  }

  /** Drafting loads the pipeline's lexicons on first use: slow on a busy 2-core machine. */
  private static void waitFor(int seconds, Supplier<Boolean> condition) {
    try {
      WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> fx(condition::get));
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("condition not met within " + seconds + " s", e);
    }
    WaitForAsyncUtils.waitForFxEvents();
  }

  /** The node exists and it and all its ancestors are visible. */
  private boolean visible(FxRobot robot, String query) {
    return fx(
        () ->
            robot
                .lookup(query)
                .tryQuery()
                .map(
                    n -> {
                      for (Node p = n; p != null; p = p.getParent()) {
                        if (!p.isVisible()) {
                          return false;
                        }
                      }
                      return n.getScene() != null;
                    })
                .orElse(false));
  }

  private void paste(FxRobot robot, String text) {
    robot.interact(
        () -> {
          ClipboardContent c = new ClipboardContent();
          c.putString(text);
          Clipboard.getSystemClipboard().setContent(c);
        });
    robot.clickOn("#soap-transcript");
    robot.press(KeyCode.CONTROL).type(KeyCode.V).release(KeyCode.CONTROL);
    WaitForAsyncUtils.waitForFxEvents();
  }

  @Test
  void asksForAPatientFirst(FxRobot robot) {
    show(robot, Theme.LIGHT);
    assertThat(visible(robot, "#soap-no-patient")).isTrue();
    assertThat(visible(robot, "#soap-draft")).isFalse();
  }

  @Test
  void pasteDraftClickSentenceUndoApproveAndExport(FxRobot robot) throws Exception {
    show(robot, Theme.LIGHT);
    robot.interact(() -> view.viewModel().setPatient(Optional.of(patient)));
    waitFor(() -> visible(robot, "#soap-transcript"));
    paste(robot, SoapFixture.TRANSCRIPT);
    TextArea transcript = robot.lookup("#soap-transcript").queryAs(TextArea.class);
    String pasted = fx(transcript::getText);
    assertThat(pasted).isEqualTo(SoapFixture.TRANSCRIPT);

    robot.clickOn("#soap-draft");
    waitFor(180, () -> !view.viewModel().draftingProperty().get());
    assertThat(fx(() -> view.viewModel().errorProperty().get())).isEmpty();
    waitFor(() -> robot.lookup("#soap-sentence-0").tryQuery().isPresent());
    int withSources =
        fx(
            () -> {
              for (int i = 0; i < view.viewModel().sentences().size(); i++) {
                if (!view.viewModel().sentences().get(i).sources().isEmpty()) {
                  return i;
                }
              }
              return -1;
            });
    assertThat(withSources).isNotNegative();
    robot.clickOn("#soap-sentence-" + withSources);
    waitFor(() -> robot.lookup("#soap-source-0").tryQuery().isPresent());
    String selected = fx(transcript::getSelectedText);
    assertThat(selected).isNotBlank();
    assertThat(SoapFixture.TRANSCRIPT).contains(selected);

    TextArea sentence = robot.lookup("#soap-sentence-" + withSources).queryAs(TextArea.class);
    String original = fx(sentence::getText);
    robot.type(KeyCode.END).write(" Extra words.");
    waitFor(() -> sentence.getText().endsWith("Extra words."));
    robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
    WaitForAsyncUtils.waitForFxEvents();
    String undone =
        fx(
            () ->
                view.viewModel().sentences().size()
                    + ":"
                    + view.viewModel().sentences().get(withSources).textProperty().get());
    assertThat(undone).isEqualTo(fx(() -> view.viewModel().sentences().size()) + ":" + original);
    assertThat(
            fx(
                () ->
                    robot
                        .lookup("#soap-sentence-" + withSources)
                        .queryAs(TextArea.class)
                        .getText()))
        .isEqualTo(original);

    dialogs.confirmations.push(true);
    robot.clickOn("#soap-approve");
    waitFor(() -> visible(robot, "#soap-amend"));
    assertThat(fx(() -> robot.lookup("#soap-sentence-0").queryAs(TextArea.class).isEditable()))
        .isFalse();
    NoteService notes = NoteService.of(session);
    assertThat(notes.forPatient(patient.id().value()).getFirst().status())
        .isEqualTo(NoteStatus.APPROVED);

    Path pdf = tmp.resolve("exported.pdf");
    dialogs.files.push(Optional.of(pdf));
    robot.clickOn("#soap-export");
    waitFor(() -> Files.exists(pdf));
    try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
      assertThat(new PDFTextStripper().getText(doc))
          .contains("Hopper, Grace", "MRN-4711", "Approved by Dr Anna Reyes");
    }
    assertThat(dialogs.errors).isEmpty();
  }

  @Test
  void rendersLightAndDarkScreenshots(FxRobot robot) throws Exception {
    String dir = System.getProperty("meditwin.screenshots", "");
    Assumptions.assumeFalse(dir.isBlank(), "set -Dmeditwin.screenshots=DIR to render screens");
    Path out = Files.createDirectories(Path.of(dir));
    show(robot, Theme.LIGHT);
    robot.interact(() -> view.viewModel().setPatient(Optional.empty()));
    shot(robot, out.resolve("soap-no-patient.png"));
    robot.interact(
        () -> {
          view.viewModel().setPatient(Optional.of(patient));
          view.viewModel().templateProperty().set(NoteTemplate.HEARING);
          view.viewModel().transcriptProperty().set(SoapFixture.TRANSCRIPT);
        });
    robot.interact(() -> view.viewModel().draft());
    waitFor(180, () -> !view.viewModel().draftingProperty().get());
    assertThat(fx(() -> view.viewModel().errorProperty().get())).isEmpty();
    assertThat(fx(() -> view.viewModel().sentences().size())).isPositive();
    waitFor(() -> robot.lookup("#soap-sentence-0").tryQuery().isPresent());
    robot.interact(
        () -> {
          var vm = view.viewModel();
          String[][] values = {
            {"rightAir", "250", "15"}, {"rightAir", "500", "15"}, {"rightAir", "1000", "20"},
            {"rightAir", "2000", "20"}, {"rightAir", "4000", "25"}, {"rightAir", "8000", "30"},
            {"leftAir", "250", "20"}, {"leftAir", "500", "25"}, {"leftAir", "1000", "35"},
            {"leftAir", "2000", "40"}, {"leftAir", "4000", "55"}, {"leftAir", "8000", "60"},
            {"rightBone", "500", "10"}, {"rightBone", "1000", "15"}, {"rightBone", "2000", "20"},
            {"leftBone", "500", "20"}, {"leftBone", "1000", "30"}, {"leftBone", "2000", "35"}
          };
          for (String[] v : values) {
            vm.audiogramCell(v[0], v[1]).set(v[2]);
          }
        });
    robot.clickOn("#soap-sentence-1");
    shot(robot, out.resolve("soap-light.png"));
    robot.interact(
        () -> {
          FxThemeApplier.apply(Theme.DARK, stage.getScene());
        });
    shot(robot, out.resolve("soap-dark.png"));
    robot.interact(
        () -> {
          javafx.scene.control.ScrollPane s =
              robot.lookup("#soap-editor-scroll").queryAs(javafx.scene.control.ScrollPane.class);
          s.setVvalue(1.0);
        });
    shot(robot, out.resolve("soap-dark-audiogram.png"));
    robot.interact(() -> FxThemeApplier.apply(Theme.LIGHT, stage.getScene()));
    shot(robot, out.resolve("soap-light-audiogram.png"));
    Path pdf = out.resolve("soap-note.pdf");
    Files.deleteIfExists(pdf);
    dialogs.files.push(Optional.of(pdf));
    robot.interact(() -> view.viewModel().exportPdf());
    waitFor(() -> Files.exists(pdf));
    try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
      org.apache.pdfbox.rendering.PDFRenderer renderer =
          new org.apache.pdfbox.rendering.PDFRenderer(doc);
      for (int i = 0; i < doc.getNumberOfPages(); i++) {
        ImageIO.write(
            renderer.renderImageWithDPI(i, 80),
            "png",
            out.resolve("soap-pdf-" + (i + 1) + ".png").toFile());
      }
    }
    assertThat(fx(() -> robot.lookup("#soap-approve").queryAs(Button.class).isVisible())).isTrue();
  }

  private void shot(FxRobot robot, Path file) throws Exception {
    WaitForAsyncUtils.waitForFxEvents();
    robot.sleep(200);
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
    ImageIO.write(b, "png", file.toFile());
  }
}
