package org.meditwin.app.imaging.pacs;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.util.StringConverter;
import org.meditwin.app.common.PaneContext;
import org.meditwin.app.i18n.I18n;
import org.meditwin.app.imaging.ImagingViewModel;
import org.meditwin.app.imaging.report.StudyFacts;
import org.meditwin.app.theme.Styles;
import org.meditwin.imaging.Catalog;
import org.meditwin.imaging.DicomSource;
import org.meditwin.pacs.PacsMatch;
import org.meditwin.pacs.PacsNode;

/**
 * The PACS query/retrieve dialog of the imaging pane: configured nodes and their edit form (Echo),
 * a study query, results (studies, then the selected study's series), Retrieve into the current
 * patient's record with progress and Cancel, and Send of the study open in the viewer. Every
 * control has an id and is reachable with Tab; Enter in a query field searches, Escape closes.
 */
public final class PacsView {
  private final PacsViewModel model;
  private final I18n i18n;
  private final BorderPane root = new BorderPane();

  public PacsView(PacsViewModel model, I18n i18n) {
    this.model = model;
    this.i18n = i18n;
    root.setId("imaging-pacs");
    root.getStyleClass().add(Styles.PANE);
    root.setPadding(new Insets(8));

    SplitPane split = new SplitPane(nodesPanel(), queryPanel());
    split.setDividerPositions(0.3);
    root.setCenter(split);
    root.setBottom(statusBar());
  }

  public Parent root() {
    return root;
  }

  public PacsViewModel model() {
    return model;
  }

  /** Adds the "PACS…" button to the imaging toolbar; it opens the dialog (one per pane). */
  public static void install(PaneContext context, ImagingViewModel imaging, FlowPane bar) {
    I18n i18n = context.i18n();
    Button open = new Button(i18n.get("imaging.pacs.button"));
    open.setId("imaging-pacs-open");
    Stage[] stage = {null};
    open.setOnAction(
        e -> {
          if (stage[0] == null) {
            PacsViewModel vm =
                new PacsViewModel(
                    i18n,
                    PacsService.of(context.session()),
                    r ->
                        context
                            .tasks()
                            .submit(
                                i18n.get("imaging.pacs.title"),
                                p -> {
                                  r.run();
                                  return null;
                                }),
                    Platform::runLater,
                    context::currentPatient,
                    () -> openStudy(imaging),
                    archivedId ->
                        context
                            .currentPatient()
                            .ifPresent(
                                p ->
                                    context
                                        .recordRequestProperty()
                                        .set(
                                            Optional.of(
                                                new PaneContext.RecordRequest(
                                                    p.id().value(), "imaging:" + archivedId)))));
            PacsView view = new PacsView(vm, i18n);
            Stage s = new Stage();
            s.setTitle(i18n.get("imaging.pacs.title"));
            s.initModality(Modality.NONE);
            if (bar.getScene() != null && bar.getScene().getWindow() != null) {
              s.initOwner(bar.getScene().getWindow());
            }
            Scene scene = new Scene(view.root(), 1100, 640);
            if (bar.getScene() != null) {
              scene.getStylesheets().setAll(bar.getScene().getStylesheets());
            }
            scene.setOnKeyPressed(
                k -> {
                  if (k.getCode() == KeyCode.ESCAPE) {
                    s.hide();
                  }
                });
            s.setScene(scene);
            stage[0] = s;
            vm.refreshNodes();
          }
          stage[0].show();
          stage[0].toFront();
        });
    bar.getChildren().add(open);
  }

  /** Every object of the study shown in the active viewport. */
  static List<DicomSource> openStudy(ImagingViewModel imaging) {
    return StudyFacts.snapshot(imaging)
        .map(
            s -> {
              List<DicomSource> all = new ArrayList<>();
              for (Catalog.Series x : s.study().series()) {
                x.instances().forEach(i -> all.add(i.source()));
              }
              return all;
            })
        .orElse(List.of());
  }

  // ------------------------------------------------------------------ nodes

  private Parent nodesPanel() {
    Label title = new Label(i18n.get("imaging.pacs.nodes"));
    title.getStyleClass().add(Styles.SECTION_TITLE);
    ListView<PacsNode> list = new ListView<>(model.nodes());
    list.setId("imaging-pacs-nodes");
    list.setPrefHeight(140);
    list.setCellFactory(
        v ->
            new ListCell<>() {
              @Override
              protected void updateItem(PacsNode n, boolean empty) {
                super.updateItem(n, empty);
                setText(
                    empty || n == null
                        ? null
                        : n.name() + "  (" + n.calledAe() + "@" + n.host() + ":" + n.port() + ")");
              }
            });
    list.getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (o, a, n) -> {
              if (n != null && n != model.selectedNodeProperty().get()) {
                model.selectedNodeProperty().set(n);
              }
            });
    model
        .selectedNodeProperty()
        .addListener(
            (o, a, n) -> {
              if (n == null) {
                list.getSelectionModel().clearSelection();
              } else if (list.getSelectionModel().getSelectedItem() != n) {
                list.getSelectionModel().select(n);
              }
            });

    GridPane form = new GridPane();
    form.setHgap(6);
    form.setVgap(4);
    javafx.scene.layout.ColumnConstraints labels = new javafx.scene.layout.ColumnConstraints();
    labels.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    form.getColumnConstraints().add(labels);
    int row = 0;
    row = field(form, row, "imaging-pacs-name", "imaging.pacs.node.name", model.nameProperty());
    row =
        field(
            form,
            row,
            "imaging-pacs-called-ae",
            "imaging.pacs.node.calledAe",
            model.calledAeProperty());
    row = field(form, row, "imaging-pacs-host", "imaging.pacs.node.host", model.hostProperty());
    row = field(form, row, "imaging-pacs-port", "imaging.pacs.node.port", model.portProperty());
    row =
        field(
            form,
            row,
            "imaging-pacs-calling-ae",
            "imaging.pacs.node.callingAe",
            model.callingAeProperty());
    row =
        field(
            form,
            row,
            "imaging-pacs-dicomweb",
            "imaging.pacs.node.dicomweb",
            model.dicomWebProperty());
    field(form, row, "imaging-pacs-scp-port", "imaging.pacs.node.scpPort", model.scpPortProperty());

    Label formError = new Label();
    formError.setId("imaging-pacs-form-error");
    formError.setWrapText(true);
    formError.getStyleClass().add(Styles.DANGER);
    formError.textProperty().bind(model.formErrorProperty());

    Button add = button("imaging-pacs-new", "imaging.pacs.node.new", model::newNode);
    Button save = button("imaging-pacs-save", "imaging.pacs.node.save", model::saveNode);
    Button remove =
        button("imaging-pacs-remove", "imaging.pacs.node.remove", model::removeSelected);
    Button echo = button("imaging-pacs-echo", "imaging.pacs.echo", model::echo);
    save.disableProperty().bind(model.busyProperty());
    echo.disableProperty().bind(model.busyProperty());
    remove.disableProperty().bind(model.selectedNodeProperty().isNull().or(model.busyProperty()));
    FlowPane buttons = new FlowPane(6, 4, add, save, remove, echo);

    VBox box = new VBox(6, title, list, form, formError, buttons);
    box.setPadding(new Insets(0, 8, 0, 0));
    return box;
  }

  private int field(
      GridPane grid, int row, String id, String key, javafx.beans.property.StringProperty value) {
    Label label = new Label(i18n.get(key));
    TextField f = new TextField();
    f.setId(id);
    f.textProperty().bindBidirectional(value);
    f.setPrefColumnCount(14);
    label.setLabelFor(f);
    grid.add(label, 0, row);
    grid.add(f, 1, row);
    GridPane.setHgrow(f, Priority.ALWAYS);
    return row + 1;
  }

  // ------------------------------------------------------------------ query and results

  private Parent queryPanel() {
    Label title = new Label(i18n.get("imaging.pacs.query"));
    title.getStyleClass().add(Styles.SECTION_TITLE);
    TextField pid =
        queryField(
            "imaging-pacs-q-patient-id", "imaging.pacs.patientId", model.patientIdProperty());
    TextField pname =
        queryField(
            "imaging-pacs-q-patient-name", "imaging.pacs.patientName", model.patientNameProperty());
    TextField mod =
        queryField("imaging-pacs-q-modality", "imaging.pacs.modality", model.modalityProperty());
    mod.setPrefColumnCount(5);
    TextField acc =
        queryField("imaging-pacs-q-accession", "imaging.pacs.accession", model.accessionProperty());
    DatePicker from = new DatePicker();
    from.setId("imaging-pacs-q-from");
    from.setPromptText(i18n.get("imaging.pacs.dateFrom"));
    from.valueProperty().bindBidirectional(model.dateFromProperty());
    from.setPrefWidth(130);
    DatePicker to = new DatePicker();
    to.setId("imaging-pacs-q-to");
    to.setPromptText(i18n.get("imaging.pacs.dateTo"));
    to.valueProperty().bindBidirectional(model.dateToProperty());
    to.setPrefWidth(130);
    CheckBox web = new CheckBox(i18n.get("imaging.pacs.web"));
    web.setId("imaging-pacs-web");
    web.selectedProperty().bindBidirectional(model.webProperty());
    Button search = button("imaging-pacs-search", "imaging.pacs.search", model::search);
    search.setDefaultButton(false);
    search.disableProperty().bind(model.busyProperty());
    FlowPane query = new FlowPane(6, 4, pid, pname, mod, acc, from, to, web, search);

    TableView<PacsMatch> studies = new TableView<>(model.studies());
    studies.setId("imaging-pacs-studies");
    studies.setPlaceholder(new Label(i18n.get("imaging.pacs.noResults")));
    studies
        .getColumns()
        .add(column("imaging.pacs.col.patient", m -> m.patientName().orElse(""), 170));
    studies
        .getColumns()
        .add(column("imaging.pacs.col.patientId", m -> m.patientId().orElse(""), 100));
    studies
        .getColumns()
        .add(
            column(
                "imaging.pacs.col.date",
                m -> m.studyDate().map(LocalDate::toString).orElse(""),
                95));
    studies
        .getColumns()
        .add(column("imaging.pacs.col.modality", m -> String.join("/", m.modalities()), 80));
    studies
        .getColumns()
        .add(column("imaging.pacs.col.description", m -> m.studyDescription().orElse(""), 200));
    studies
        .getColumns()
        .add(
            column(
                "imaging.pacs.col.instances",
                m ->
                    m.numberOfInstances().stream()
                        .mapToObj(Integer::toString)
                        .findFirst()
                        .orElse(""),
                80));
    studies
        .getSelectionModel()
        .selectedItemProperty()
        .addListener((o, a, s) -> model.selectedStudyProperty().set(s));
    VBox.setVgrow(studies, Priority.ALWAYS);

    Label seriesTitle = new Label(i18n.get("imaging.pacs.seriesList"));
    TableView<PacsMatch> series = new TableView<>(model.series());
    series.setId("imaging-pacs-series");
    series.setPrefHeight(140);
    series.setPlaceholder(new Label(""));
    series
        .getColumns()
        .add(
            column(
                "imaging.pacs.col.series",
                m -> m.seriesNumber().stream().mapToObj(Integer::toString).findFirst().orElse(""),
                70));
    series
        .getColumns()
        .add(column("imaging.pacs.col.modality", m -> String.join("/", m.modalities()), 80));
    series
        .getColumns()
        .add(column("imaging.pacs.col.description", m -> m.seriesDescription().orElse(""), 260));
    series
        .getColumns()
        .add(
            column(
                "imaging.pacs.col.instances",
                m ->
                    m.numberOfInstances().stream()
                        .mapToObj(Integer::toString)
                        .findFirst()
                        .orElse(""),
                80));
    series
        .getSelectionModel()
        .selectedItemProperty()
        .addListener((o, a, s) -> model.selectedSeriesProperty().set(s));

    ComboBox<PacsService.Method> method = new ComboBox<>();
    method.setId("imaging-pacs-method");
    method.getItems().setAll(PacsService.Method.values());
    method.valueProperty().bindBidirectional(model.methodProperty());
    method.setConverter(
        new StringConverter<>() {
          @Override
          public String toString(PacsService.Method m) {
            return m == null
                ? ""
                : i18n.get("imaging.pacs.method." + m.name().toLowerCase(java.util.Locale.ROOT));
          }

          @Override
          public PacsService.Method fromString(String s) {
            return null;
          }
        });
    Label methodLabel = new Label(i18n.get("imaging.pacs.method"));
    methodLabel.setLabelFor(method);
    Button retrieve = button("imaging-pacs-retrieve", "imaging.pacs.retrieve", model::retrieve);
    retrieve
        .disableProperty()
        .bind(model.busyProperty().or(model.selectedStudyProperty().isNull()));
    Button send = button("imaging-pacs-send", "imaging.pacs.send", model::sendOpenStudy);
    send.disableProperty().bind(model.busyProperty());
    HBox actions = new HBox(6, methodLabel, method, retrieve, send);
    actions.setAlignment(Pos.CENTER_LEFT);

    VBox box = new VBox(6, title, query, studies, seriesTitle, series, actions);
    box.setPadding(new Insets(0, 0, 0, 8));
    return box;
  }

  private TextField queryField(String id, String key, javafx.beans.property.StringProperty value) {
    TextField f = new TextField();
    f.setId(id);
    f.setPromptText(i18n.get(key));
    f.setPrefColumnCount(10);
    f.textProperty().bindBidirectional(value);
    f.setOnAction(e -> model.search());
    f.setAccessibleText(i18n.get(key));
    return f;
  }

  private TableColumn<PacsMatch, String> column(
      String key, Function<PacsMatch, String> value, double width) {
    TableColumn<PacsMatch, String> c = new TableColumn<>(i18n.get(key));
    c.setCellValueFactory(
        d -> (ObservableValue<String>) new ReadOnlyStringWrapper(value.apply(d.getValue())));
    c.setPrefWidth(width);
    return c;
  }

  // ------------------------------------------------------------------ status

  private Parent statusBar() {
    ProgressBar bar = new ProgressBar();
    bar.setId("imaging-pacs-progress");
    bar.setPrefWidth(200);
    bar.progressProperty().bind(model.progressProperty());
    bar.visibleProperty().bind(model.busyProperty());
    bar.managedProperty().bind(bar.visibleProperty());
    Button cancel = button("imaging-pacs-cancel", "imaging.pacs.cancel", model::cancel);
    cancel.visibleProperty().bind(model.busyProperty());
    cancel.managedProperty().bind(cancel.visibleProperty());
    Label status = new Label();
    status.setId("imaging-pacs-status");
    status.setWrapText(true);
    status.textProperty().bind(model.statusProperty());
    model
        .errorProperty()
        .addListener(
            (o, a, e) -> {
              if (e) {
                status.getStyleClass().add(Styles.DANGER);
              } else {
                status.getStyleClass().remove(Styles.DANGER);
              }
            });
    HBox box = new HBox(8, bar, cancel, status);
    box.setAlignment(Pos.CENTER_LEFT);
    box.setPadding(new Insets(8, 0, 0, 0));
    HBox.setHgrow(status, Priority.ALWAYS);
    return box;
  }

  private Button button(String id, String key, Runnable action) {
    Button b = new Button(i18n.get(key));
    b.setId(id);
    b.setOnAction(e -> action.run());
    return b;
  }
}
