package org.meditwin.app.imaging.report;

import java.util.Locale;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.meditwin.app.common.PaneContext;
import org.meditwin.app.i18n.I18n;
import org.meditwin.app.imaging.ImagingViewModel;
import org.meditwin.app.theme.Styles;
import org.meditwin.imaging.report.ReportCheck;
import org.meditwin.imaging.report.ReportTemplate;

/**
 * The report side panel of the imaging pane: template, findings table (measurements and model
 * outputs), editable technique/findings/impression, the validator's verdict per sentence, Draft,
 * Save, Sign, Amend, Export PDF and "Ask the assistant about this study". Every control has an id
 * and is reachable with Tab.
 */
public final class ReportView {
  private final ReportViewModel vm;
  private final ImagingViewModel imaging;
  private final PaneContext context;
  private final I18n i18n;
  private final javafx.scene.layout.BorderPane root = new javafx.scene.layout.BorderPane();

  public ReportView(PaneContext context, ImagingViewModel imaging, ReportViewModel vm) {
    this.context = context;
    this.imaging = imaging;
    this.vm = vm;
    this.i18n = context.i18n();

    Label title = new Label(i18n.get("imaging.report.title"));
    title.getStyleClass().add(Styles.SECTION_TITLE);

    ComboBox<ReportTemplate> template = new ComboBox<>();
    template.setId("imaging-report-template");
    template.getItems().setAll(ReportTemplate.values());
    template.valueProperty().bindBidirectional(vm.templateProperty());
    template.setConverter(
        new StringConverter<>() {
          @Override
          public String toString(ReportTemplate t) {
            return t == null
                ? ""
                : i18n.get("imaging.report.template." + t.name().toLowerCase(Locale.ROOT));
          }

          @Override
          public ReportTemplate fromString(String s) {
            return ReportTemplate.GENERIC;
          }
        });
    template.setTooltip(new Tooltip(i18n.get("imaging.report.template")));
    Button load = button("imaging-report-load", "imaging.report.load", e -> loadShownStudy());
    HBox head = new HBox(6, template, load);
    head.setAlignment(Pos.CENTER_LEFT);

    Label notice = new Label();
    notice.setId("imaging-report-notice");
    notice.setWrapText(true);
    notice.getStyleClass().add(Styles.HINT);
    notice.textProperty().bind(vm.noticeProperty());
    notice.managedProperty().bind(vm.noticeProperty().isNotEmpty());
    notice.visibleProperty().bind(notice.managedProperty());

    TableView<ReportViewModel.FindingRow> table = new TableView<>(vm.rows());
    table.setId("imaging-report-findings-table");
    table.setPrefHeight(130);
    table.setPlaceholder(new Label(i18n.get("imaging.report.findings.empty")));
    table.getColumns().add(column("imaging.report.column.item", ReportViewModel.FindingRow::item));
    table
        .getColumns()
        .add(column("imaging.report.column.value", ReportViewModel.FindingRow::value));
    table
        .getColumns()
        .add(column("imaging.report.column.source", ReportViewModel.FindingRow::source));
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

    TextArea technique = area("imaging-report-technique", vm.techniqueProperty(), 3);
    TextArea findings = area("imaging-report-findings", vm.findingsProperty(), 6);
    TextArea impression = area("imaging-report-impression", vm.impressionProperty(), 3);

    ListView<ReportCheck> checks = new ListView<>(vm.checks());
    checks.setId("imaging-report-checks");
    checks.setPrefHeight(140);
    checks.setPlaceholder(new Label(i18n.get("imaging.report.checks.empty")));
    checks.setCellFactory(l -> new CheckCell());

    Button draft = button("imaging-report-draft", "imaging.report.draft", e -> vm.draft());
    Button save = button("imaging-report-save", "imaging.report.save", e -> vm.save());
    Button sign = button("imaging-report-sign", "imaging.report.sign", e -> vm.sign());
    Button amend = button("imaging-report-amend", "imaging.report.amend", e -> vm.amend());
    Button export = button("imaging-report-export", "imaging.report.export", e -> vm.exportPdf());
    Button chat = button("imaging-report-chat", "imaging.report.chat", e -> askAssistant());
    sign.getStyleClass().add(Styles.ACCENT);
    var noStudy =
        Bindings.createBooleanBinding(() -> vm.factsProperty().get().isEmpty(), vm.factsProperty());
    draft.disableProperty().bind(noStudy.or(vm.busyProperty()).or(vm.signedProperty()));
    save.disableProperty().bind(noStudy.or(vm.busyProperty()).or(vm.signedProperty()));
    sign.disableProperty().bind(noStudy.or(vm.busyProperty()).or(vm.signedProperty()));
    amend
        .disableProperty()
        .bind(vm.signedProperty().not().or(vm.dirtyProperty().not()).or(vm.busyProperty()));
    export
        .disableProperty()
        .bind(
            Bindings.createBooleanBinding(
                    () -> vm.storedProperty().get().isEmpty(), vm.storedProperty())
                .or(vm.busyProperty()));
    chat.disableProperty().bind(noStudy);
    FlowPane actions = new FlowPane(6, 4, draft, save, sign, amend, export, chat);

    ProgressIndicator progress = new ProgressIndicator();
    progress.setId("imaging-report-progress");
    progress.setPrefSize(18, 18);
    progress.visibleProperty().bind(vm.busyProperty());
    progress.managedProperty().bind(vm.busyProperty());
    Label status = new Label();
    status.setId("imaging-report-status");
    status.setWrapText(true);
    status.getStyleClass().add(Styles.HINT);
    status.textProperty().bind(vm.statusProperty());
    HBox statusRow = new HBox(6, progress, status);
    statusRow.setAlignment(Pos.CENTER_LEFT);

    VBox top = new VBox(6, title, head, actions, notice);
    top.setPadding(new Insets(6, 6, 0, 6));
    VBox box =
        new VBox(
            6,
            label("imaging.report.findingsTable", table),
            table,
            label("imaging.report.technique", technique),
            technique,
            label("imaging.report.findings", findings),
            findings,
            label("imaging.report.impression", impression),
            impression,
            label("imaging.report.checks", checks),
            checks);
    box.setPadding(new Insets(0, 6, 6, 6));
    box.setId("imaging-report-panel");
    ScrollPane scroll = new ScrollPane(box);
    scroll.setFitToWidth(true);
    scroll.setId("imaging-report-scroll");
    statusRow.setPadding(new Insets(4, 6, 6, 6));
    root.setTop(top);
    root.setCenter(scroll);
    root.setBottom(statusRow);
    root.setId("imaging-report");
  }

  public Node root() {
    return root;
  }

  public ReportViewModel model() {
    return vm;
  }

  /** Reads the study shown in the viewer (background) and loads its report. */
  public void loadShownStudy() {
    Optional<StudyFacts.Snapshot> s = StudyFacts.snapshot(imaging);
    if (s.isEmpty()) {
      vm.statusProperty().set(i18n.get("imaging.report.status.noStudy"));
      return;
    }
    context
        .tasks()
        .submit(
            i18n.get("imaging.report.task.load"), p -> StudyFacts.build(s.get(), imaging.store()))
        .whenComplete(
            (facts, error) -> {
              if (error != null) {
                vm.statusProperty().set(context.errors().message(error));
              } else {
                vm.load(facts);
              }
            });
  }

  private void askAssistant() {
    vm.chatHandoff()
        .ifPresent(
            h -> {
              context.chatHandoffProperty().set(Optional.of(h));
              context.show(PaneContext.Pane.CHAT);
            });
  }

  private TextArea area(String id, javafx.beans.property.StringProperty text, int rows) {
    TextArea a = new TextArea();
    a.setId(id);
    a.setWrapText(true);
    a.setPrefRowCount(rows);
    a.textProperty().bindBidirectional(text);
    // Tab and Shift+Tab move the focus, as everywhere else in the pane (TextArea maps them to
    // inserting a tab; it traverses on Ctrl+Tab / Ctrl+Shift+Tab)
    a.addEventFilter(
        javafx.scene.input.KeyEvent.KEY_PRESSED,
        e -> {
          if (e.getCode() == javafx.scene.input.KeyCode.TAB && !e.isControlDown()) {
            e.consume();
            a.fireEvent(
                new javafx.scene.input.KeyEvent(
                    e.getSource(),
                    e.getTarget(),
                    e.getEventType(),
                    e.getCharacter(),
                    e.getText(),
                    e.getCode(),
                    e.isShiftDown(),
                    true,
                    e.isAltDown(),
                    e.isMetaDown()));
          }
        });
    return a;
  }

  private Label label(String key, Node target) {
    Label l = new Label(i18n.get(key));
    l.getStyleClass().add(Styles.TEXT_MUTED);
    l.setLabelFor(target);
    return l;
  }

  private Button button(
      String id, String key, javafx.event.EventHandler<javafx.event.ActionEvent> action) {
    Button b = new Button(i18n.get(key));
    b.setId(id);
    b.setOnAction(action);
    if (i18n.has(key + ".tip")) {
      b.setTooltip(new Tooltip(i18n.get(key + ".tip")));
    }
    return b;
  }

  private TableColumn<ReportViewModel.FindingRow, String> column(
      String key, java.util.function.Function<ReportViewModel.FindingRow, String> value) {
    TableColumn<ReportViewModel.FindingRow, String> c = new TableColumn<>(i18n.get(key));
    c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
    return c;
  }

  private final class CheckCell extends ListCell<ReportCheck> {
    @Override
    protected void updateItem(ReportCheck c, boolean empty) {
      super.updateItem(c, empty);
      getStyleClass().removeAll(Styles.ERROR_TEXT, Styles.SUCCESS_TEXT);
      if (empty || c == null) {
        setText(null);
        setTooltip(null);
        return;
      }
      String verdict =
          i18n.get("imaging.report.verdict." + c.verdict().name().toLowerCase(Locale.ROOT));
      String section =
          i18n.get("imaging.report.section." + c.section().name().toLowerCase(Locale.ROOT));
      String text =
          c.sentence().isEmpty()
              ? verdict + " — " + c.reason()
              : verdict + " · " + section + ": " + c.sentence() + " — " + c.reason();
      setText(text);
      setWrapText(true);
      setPrefWidth(0);
      setTooltip(new Tooltip(text));
      getStyleClass().add(c.flagged() ? Styles.ERROR_TEXT : Styles.SUCCESS_TEXT);
    }
  }
}
