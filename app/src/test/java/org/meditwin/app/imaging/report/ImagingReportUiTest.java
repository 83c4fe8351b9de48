package org.meditwin.app.imaging.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.meditwin.app.testfx.UiTestSupport.await;
import static org.meditwin.app.testfx.UiTestSupport.fx;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
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
import org.meditwin.app.imaging.ImagingView;
import org.meditwin.app.testfx.UiTestSupport;
import org.meditwin.app.theme.Styles;
import org.meditwin.core.domain.Patient;
import org.meditwin.core.domain.Sex;
import org.meditwin.core.service.PatientService.PatientInput;
import org.meditwin.core.service.UserSession;
import org.meditwin.imaging.report.ReportService;
import org.meditwin.store.EmbeddedWorkstation;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The imaging pane's Patient record and Report tabs on a real encrypted workstation: open the CT
 * sample, add it to the patient's record, load the report (technique from DICOM, the "no generative
 * model" notice), edit the impression with the keyboard (validation flags the unsupported claim),
 * sign, and find the signed report stored; screenshot of the report panel.
 */
@ExtendWith(ApplicationExtension.class)
class ImagingReportUiTest {
  static final Path CT =
      Path.of(System.getenv().getOrDefault("MEDITWIN_DATA_DIR", "../../shared/data"))
          .resolve("dicom/pydicom-testfiles/src/pydicom/data/test_files/CT_small.dcm")
          .toAbsolutePath()
          .normalize();

  @TempDir Path tmp;
  private Stage stage;
  private EmbeddedWorkstation ws;
  private UserSession session;
  private UiTaskExecutor tasks;
  private final ScriptedDialogs dialogs = new ScriptedDialogs();

  @Start
  void start(Stage stage) {
    this.stage = stage;
    stage.setWidth(1280);
    stage.setHeight(800);
  }

  @AfterEach
  void close() {
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

  private static String text(FxRobot robot, String query) throws Exception {
    return fx(
        () -> {
          Node n = robot.lookup(query).query();
          return n instanceof Label l ? l.getText() : ((TextArea) n).getText();
        });
  }

  @Test
  void archiveTheStudyThenDraftEditValidateAndSignItsReport(FxRobot robot) throws Exception {
    ws =
        EmbeddedWorkstation.open(
            tmp.resolve("data"),
            EmbeddedWorkstation.Options.fastKdfForTests(java.time.Clock.systemUTC()));
    session = ws.initialise("anna", "Dr Anna Reyes", "anna-password-1".toCharArray());
    Patient patient =
        session
            .patients()
            .create(
                new PatientInput(
                    "MRN-500",
                    "Grace",
                    "Hopper",
                    Optional.of(LocalDate.of(1950, 5, 6)),
                    Sex.FEMALE,
                    "",
                    "",
                    "",
                    ""));
    tasks = new UiTaskExecutor(2);
    I18n i18n = new I18n(Language.ENGLISH);
    PaneContext context = UiTestSupport.paneContext(session, tasks, i18n, dialogs, tmp);
    ImagingView[] view = new ImagingView[1];
    robot.interact(
        () -> {
          context.currentPatientProperty().set(Optional.of(patient));
          view[0] = new ImagingView(context);
          Scene scene = new Scene(view[0].root(), 1280, 800);
          scene.getStylesheets().add(Styles.STYLESHEET);
          stage.setScene(scene);
          stage.show();
          view[0].open(CT);
        });
    await(() -> view[0].model().activeViewport().renderedProperty().get().isPresent());

    // Patient record tab: add the study shown
    robot.clickOn("#imaging-tab-archive .tab-label");
    robot.clickOn("#imaging-archive-add");
    await(() -> text(robot, "#imaging-archive-status").contains("Archived 1 objects"));
    await(
        () ->
            fx(
                () ->
                    robot
                            .lookup("#imaging-archive-studies")
                            .queryAs(ListView.class)
                            .getItems()
                            .size()
                        == 1));

    // Report tab: technique from DICOM, the plain no-model notice, no flags on the template
    robot.clickOn("#imaging-tab-report .tab-label");
    try {
      await(() -> text(robot, "#imaging-report-technique").contains("120 kVp"));
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError(
          "report not loaded; status: " + text(robot, "#imaging-report-status"), e);
    }
    assertThat(text(robot, "#imaging-report-notice")).contains("No generative model is configured");
    robot.clickOn("#imaging-report-draft");
    await(() -> text(robot, "#imaging-report-status").contains("Drafted (template); 0 flagged"));

    // keyboard: from the impression, Tab leaves the text area (it does not insert a tab)
    TextArea impression = robot.lookup("#imaging-report-impression").queryAs(TextArea.class);
    robot.interact(
        () -> {
          impression.requestFocus();
          impression.selectAll();
        });
    robot.write("Large pneumothorax on the left.");
    await(() -> impression.getText().equals("Large pneumothorax on the left."));
    robot.type(KeyCode.TAB);
    assertThat(text(robot, "#imaging-report-impression")).doesNotContain("\t");
    assertThat(fx(() -> robot.lookup("#imaging-report-impression").query().isFocused())).isFalse();
    await(
        () ->
            fx(
                () ->
                    robot
                        .lookup("#imaging-report-checks")
                        .queryAs(ListView.class)
                        .getItems()
                        .stream()
                        .anyMatch(c -> c.toString().contains("UNSUPPORTED"))));

    Path shots = UiTestSupport.screenshotFolder();
    UiTestSupport.screenshot(robot, stage, shots, "imaging-report-light");

    dialogs.confirmations.add(true);
    robot.clickOn("#imaging-report-sign");
    await(() -> text(robot, "#imaging-report-status").contains("Signed by Dr Anna Reyes"));
    assertThat(fx(() -> robot.lookup("#imaging-report-sign").query().isDisabled())).isTrue();
    assertThat(ReportService.of(session).forPatient(patient.id().value()))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.isSigned()).isTrue();
              assertThat(r.content().impression()).isEqualTo("Large pneumothorax on the left.");
              assertThat(r.archiveStudyId()).isPresent();
            });
    assertThat(fx(() -> robot.lookup("#imaging-side-tabs").queryAs(TabPane.class).getTabs().size()))
        .isGreaterThanOrEqualTo(3);

    // a record link (global search hit, timeline) opens the archived study and its signed report
    String reportId = ReportService.of(session).forPatient(patient.id().value()).getFirst().id();
    robot.interact(() -> view[0].open(CT.resolveSibling("MR_small.dcm")));
    await(() -> studyShown(view[0]).map(u -> !u.equals(ctStudyUid())).orElse(false));
    // the signed (unedited) report panel follows the study now shown
    await(() -> text(robot, "#imaging-report-technique").startsWith("MR examination"));
    assertThat(fx(() -> robot.lookup("#imaging-report-sign").query().isDisabled())).isFalse();
    robot.interact(
        () ->
            context.openRecord(
                PaneContext.Pane.IMAGING, patient.id().value(), "imaging:" + reportId));
    await(() -> studyShown(view[0]).map(u -> u.equals(ctStudyUid())).orElse(false));
    await(() -> text(robot, "#imaging-report-status").contains("Signed by Dr Anna Reyes"));
    assertThat(text(robot, "#imaging-report-impression"))
        .isEqualTo("Large pneumothorax on the left.");
    assertThat(
            view[0]
                .model()
                .activeViewport()
                .seriesProperty()
                .get()
                .orElseThrow()
                .instances()
                .getFirst()
                .source())
        .isInstanceOf(org.meditwin.imaging.DicomSource.InMemorySource.class);
  }

  private static String ctStudyUid() {
    return org.meditwin.imaging.DicomReader.standard()
        .readInfo(org.meditwin.imaging.DicomSource.file(CT))
        .studyInstanceUid();
  }

  private static Optional<String> studyShown(ImagingView view) {
    return view.model()
        .activeViewport()
        .seriesProperty()
        .get()
        .map(s -> s.instances().getFirst().info().studyInstanceUid());
  }
}
