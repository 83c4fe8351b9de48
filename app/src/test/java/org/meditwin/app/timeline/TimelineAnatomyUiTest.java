package org.meditwin.app.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
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
import org.meditwin.record.Anatomy;
import org.meditwin.record.ClinicalEvent;
import org.meditwin.record.EventRelation;
import org.meditwin.record.EventStatus;
import org.meditwin.record.EventType;
import org.meditwin.record.Laterality;
import org.meditwin.record.Provenance;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Timeline pane's anatomy tab on a real encrypted store and the real embedded Neo4j knowledge
 * graph (the surefire argLine carries the JDK 25 flags Neo4j needs): "what affects the left ear?"
 * lists the left inner-ear and bilateral events (not the right middle ear) and the visit related to
 * them, answered by the graph, not by the record fallback; then the right side, from the keyboard.
 */
@ExtendWith(ApplicationExtension.class)
class TimelineAnatomyUiTest {
  @TempDir Path tmp;
  private Stage stage;
  private TimelineTestKit kit;
  private UiTaskExecutor tasks;
  private TimelineView view;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    stage.setWidth(1100);
    stage.setHeight(700);
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
    WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(c).get());
  }

  @Test
  void anatomyTabAnswersWhatAffectsTheLeftEarFromTheKnowledgeGraph(FxRobot robot) throws Exception {
    kit = new TimelineTestKit(tmp);
    Provenance p = Provenance.manual();
    List<ClinicalEvent> stored =
        kit.timeline.addAll(
            List.of(
                ClinicalEvent.of(
                        kit.pid(),
                        EventType.DIAGNOSIS,
                        "Sensorineural hearing loss",
                        LocalDate.of(2019, 5, 2),
                        p)
                    .withBodyPart("cochlea", Laterality.LEFT)
                    .withStatus(EventStatus.ACTIVE),
                ClinicalEvent.of(
                        kit.pid(), EventType.SYMPTOM, "Tinnitus", LocalDate.of(2018, 11, 20), p)
                    .withBodyPart("ear", Laterality.BILATERAL),
                ClinicalEvent.of(
                        kit.pid(), EventType.DIAGNOSIS, "Otitis media", LocalDate.of(2016, 2, 9), p)
                    .withBodyPart("middle ear", Laterality.RIGHT),
                ClinicalEvent.of(
                    kit.pid(), EventType.VISIT, "Audiology review", LocalDate.of(2019, 5, 2), p),
                ClinicalEvent.of(
                        kit.pid(), EventType.DIAGNOSIS, "Knee sprain", LocalDate.of(2020, 1, 5), p)
                    .withBodyPart("knee", Laterality.LEFT)));
    kit.timeline.relate(stored.get(0).id(), stored.get(3).id(), EventRelation.SAME_ENCOUNTER);

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
          Scene scene = new Scene(view.root(), 1100, 700);
          FxThemeApplier.apply(Theme.LIGHT, scene);
          stage.setScene(scene);
          stage.show();
          context.currentPatientProperty().set(Optional.of(kit.patient));
        });
    TabPane tabs = robot.lookup("#timeline-tabs").queryAs(TabPane.class);
    await(() -> view.viewModel().allEvents().size() == 5);
    robot.interact(
        () ->
            tabs.getSelectionModel()
                .select(
                    tabs.getTabs().stream()
                        .filter(t -> "timeline-tab-anatomy".equals(t.getId()))
                        .findFirst()
                        .orElseThrow()));
    @SuppressWarnings("unchecked")
    ComboBox<Anatomy.BodyPart> part =
        robot.lookup("#timeline-anatomy-part").queryAs(ComboBox.class);
    @SuppressWarnings("unchecked")
    ComboBox<Laterality> side = robot.lookup("#timeline-anatomy-side").queryAs(ComboBox.class);
    @SuppressWarnings("unchecked")
    ListView<ClinicalEvent> events =
        robot.lookup("#timeline-anatomy-events").queryAs(ListView.class);
    @SuppressWarnings("unchecked")
    ListView<ClinicalEvent> related =
        robot.lookup("#timeline-anatomy-related").queryAs(ListView.class);
    Label status = robot.lookup("#timeline-anatomy-status").queryAs(Label.class);

    assertThat(fx(() -> part.getValue().key())).isEqualTo("ear");
    assertThat(fx(side::getValue)).isEqualTo(Laterality.LEFT);
    robot.clickOn("#timeline-anatomy-ask");
    await(
        () ->
            status.getText().startsWith("Knowledge graph:")
                || status.getText().startsWith("From the record"));

    assertThat(fx(status::getText))
        .as("answered by the embedded Neo4j graph, not the record fallback")
        .startsWith("Knowledge graph: 2 events on ear")
        .contains("UBERON:0001690")
        .contains("1 related");
    assertThat(fx(() -> events.getItems().stream().map(ClinicalEvent::title).toList()))
        .containsExactlyInAnyOrder("Sensorineural hearing loss", "Tinnitus");
    assertThat(fx(() -> related.getItems().stream().map(ClinicalEvent::title).toList()))
        .containsExactly("Audiology review");

    // the right side, chosen and asked from the keyboard
    robot.interact(() -> side.setValue(Laterality.RIGHT));
    robot.interact(() -> robot.lookup("#timeline-anatomy-ask").query().requestFocus());
    robot.type(javafx.scene.input.KeyCode.SPACE);
    await(
        () ->
            fx(() -> events.getItems().stream().map(ClinicalEvent::title).toList())
                .contains("Otitis media"));
    assertThat(fx(() -> events.getItems().stream().map(ClinicalEvent::title).toList()))
        .containsExactlyInAnyOrder("Otitis media", "Tinnitus");
    assertThat(fx(status::getText)).startsWith("Knowledge graph: 2 events on ear");
  }
}
