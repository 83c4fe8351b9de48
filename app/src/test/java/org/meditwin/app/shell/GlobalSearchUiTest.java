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
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.app.common.KnowledgeIndex;
import org.meditwin.app.common.PaneContext;
import org.meditwin.app.search.PatientRecordsService;
import org.meditwin.app.search.SearchResultItem;
import org.meditwin.core.domain.Patient;
import org.meditwin.core.domain.Sex;
import org.meditwin.core.service.PatientService;
import org.meditwin.core.service.UserSession;
import org.meditwin.search.patient.PatientRecord;
import org.meditwin.search.patient.PatientRecordIndex;
import org.meditwin.search.patient.RecordKind;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Ctrl+K, type, see knowledge-base hits with bold highlights and the BM25 header, Escape closes,
 * locking hides the results.
 */
@ExtendWith(ApplicationExtension.class)
class GlobalSearchUiTest {
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
  void typingShowsKnowledgeBaseHitsAndEscapeCloses(FxRobot robot) throws Exception {
    Path data = tmp.resolve("data");
    ShellFixture.initialise(data);
    shell = ShellFixture.show(robot, stage, data, Clock.systemUTC(), 60_000);
    signIn(robot, ADMIN, ADMIN_PASSWORD);
    waitFor(() -> showing(robot, "#patients-view"));
    waitFor(
        () -> shell.knowledge().map(k -> k.state() == KnowledgeIndex.State.READY).orElse(false));
    assertThat(Files.isRegularFile(data.resolve("kb/manifest.json"))).isTrue();

    robot.press(KeyCode.CONTROL).type(KeyCode.K).release(KeyCode.CONTROL);
    TextField box = robot.lookup("#global-search").queryAs(TextField.class);
    waitFor(box::isFocused);
    robot.write("wheezing asthma");
    waitFor(() -> showing(robot, "#global-search-panel"));
    @SuppressWarnings("unchecked")
    ListView<SearchResultItem> list =
        robot.lookup("#global-search-results").queryAs(ListView.class);
    waitFor(() -> list.getItems().size() >= 2);
    assertThat(fx(() -> robot.lookup("#global-search-header").queryAs(Label.class).getText()))
        .contains("BM25");
    SearchResultItem first = fx(() -> list.getItems().get(1));
    assertThat(first).isInstanceOf(SearchResultItem.KnowledgeHit.class);
    assertThat(((SearchResultItem.KnowledgeHit) first).title()).contains("Asthma");
    List<String> bold =
        fx(
            () ->
                list.lookupAll(".mt-search-highlight").stream()
                    .map(Text.class::cast)
                    .filter(
                        t ->
                            t.getFont().getStyle().toLowerCase().contains("bold")
                                || FontWeight.findByName(t.getFont().getStyle()) == FontWeight.BOLD)
                    .map(Text::getText)
                    .toList());
    assertThat(bold).isNotEmpty();
    assertThat(fx(() -> list.getSelectionModel().getSelectedIndex())).isEqualTo(1);
    boolean focused = fx(box::isFocused);
    assertThat(focused).as("the box keeps the focus").isTrue();

    snapshot(robot, "global-search");

    robot.type(KeyCode.ESCAPE);
    waitFor(() -> !showing(robot, "#global-search-panel"));
    String text = fx(box::getText);
    assertThat(text).isEqualTo("wheezing asthma");
    assertThat(showing(robot, "#patients-view")).isTrue();

    robot.write(" diabetes");
    waitFor(() -> showing(robot, "#global-search-panel"));
    robot.press(KeyCode.CONTROL).type(KeyCode.L).release(KeyCode.CONTROL);
    waitFor(() -> showing(robot, "#lock-view"));
    assertThat(showing(robot, "#global-search-panel")).as("locking hides the results").isFalse();
  }

  @Test
  void theSelectedPatientsRecordsAreSearchedAndEnterOpensTheirPane(FxRobot robot) throws Exception {
    Path data = tmp.resolve("data");
    ShellFixture.initialise(data);
    shell = ShellFixture.show(robot, stage, data, Clock.systemUTC(), 60_000);
    signIn(robot, ADMIN, ADMIN_PASSWORD);
    waitFor(() -> showing(robot, "#patients-view"));
    waitFor(
        () -> shell.knowledge().map(k -> k.state() == KnowledgeIndex.State.READY).orElse(false));
    waitFor(() -> shell.records().flatMap(PatientRecordsService::index).isPresent());
    assertThat(Files.isDirectory(data.resolve("patient-index"))).isTrue();

    UserSession session = shell.viewModel().sessionProperty().get().orElseThrow();
    Patient jane =
        session
            .patients()
            .create(
                new PatientService.PatientInput(
                    "", "Jane", "Recordtest", Optional.empty(), Sex.FEMALE, "", "", "", ""));
    PatientRecordIndex index = shell.records().flatMap(PatientRecordsService::index).orElseThrow();
    index.upsert(
        new PatientRecord(
            "img:1",
            jane.id().value(),
            RecordKind.IMAGING_REPORT,
            "CT temporal bones",
            "Opacification of the left mastoid air cells, otomastoiditis.",
            LocalDate.of(2026, 3, 2),
            Optional.empty()));
    PaneContext context = shell.signedInWindow().orElseThrow().context();
    robot.interact(() -> context.currentPatientProperty().set(Optional.of(jane)));

    robot.press(KeyCode.CONTROL).type(KeyCode.K).release(KeyCode.CONTROL);
    TextField box = robot.lookup("#global-search").queryAs(TextField.class);
    waitFor(box::isFocused);
    robot.write("mastoid opacification");
    @SuppressWarnings("unchecked")
    ListView<SearchResultItem> list =
        robot.lookup("#global-search-results").queryAs(ListView.class);
    waitFor(
        () ->
            fx(
                () ->
                    list.getItems().stream()
                        .anyMatch(SearchResultItem.RecordHit.class::isInstance)));
    int target =
        fx(
            () -> {
              for (int i = 0; i < list.getItems().size(); i++) {
                if (list.getItems().get(i) instanceof SearchResultItem.RecordHit) {
                  return i;
                }
              }
              return -1;
            });
    assertThat(fx(() -> list.getItems().get(target - 1)))
        .isEqualTo(new SearchResultItem.Header("Records of " + jane.displayName()));
    List<String> bold =
        fx(
            () ->
                list.lookupAll(".mt-search-highlight").stream()
                    .map(Text.class::cast)
                    .map(Text::getText)
                    .map(String::toLowerCase)
                    .toList());
    assertThat(bold).contains("mastoid");
    snapshot(robot, "global-search-records");
    while (fx(() -> list.getSelectionModel().getSelectedIndex()) < target) {
      robot.type(KeyCode.DOWN);
    }
    assertThat(fx(() -> list.getSelectionModel().getSelectedIndex())).isEqualTo(target);
    robot.type(KeyCode.ENTER);
    waitFor(() -> fx(() -> shell.viewModel().selectedProperty().get()) == NavItem.IMAGING);
    waitFor(() -> !showing(robot, "#global-search-panel"));
    assertThat(fx(() -> context.patientRecords().get()))
        .as("panes reach the same open index")
        .containsSame(index);
  }

  private void snapshot(FxRobot robot, String name) throws Exception {
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
