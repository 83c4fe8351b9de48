package org.meditwin.app.patients;

import java.time.ZoneId;
import java.util.Locale;
import javafx.animation.PauseTransition;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import javafx.util.StringConverter;
import org.meditwin.app.common.DialogService;
import org.meditwin.app.common.Formats;
import org.meditwin.app.i18n.I18n;
import org.meditwin.app.theme.Styles;
import org.meditwin.core.domain.Patient;
import org.meditwin.core.domain.Sex;
import org.meditwin.core.domain.VisitSession;

/** Patients: search on the left, the selected patient's form and visits on the right. */
public final class PatientsView {
  private static final Duration DEBOUNCE = Duration.millis(250);

  private final SplitPane root;
  private final TextField search = new TextField();

  public PatientsView(PatientsViewModel vm, I18n i18n, DialogService dialogs, ZoneId zone) {
    Locale locale = i18n.language().locale();

    // Search + results
    search.setId("patients-search");
    search.setPromptText(i18n.get("patients.search.prompt"));
    search.textProperty().bindBidirectional(vm.queryProperty());
    PauseTransition debounce = new PauseTransition(DEBOUNCE);
    debounce.setOnFinished(e -> vm.search());
    search.textProperty().addListener((o, a, b) -> debounce.playFromStart());
    Label searchLabel = new Label(i18n.get("patients.search.label"));
    searchLabel.setLabelFor(search);
    searchLabel.setMnemonicParsing(true);

    TableView<Patient> table = new TableView<>(vm.results());
    table.setId("patients-table");
    table.getStyleClass().addAll(Styles.STRIPED, Styles.DENSE);
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.setPlaceholder(new Label(i18n.get("patients.search.empty")));
    TableColumn<Patient, String> name = new TableColumn<>(i18n.get("patients.column.name"));
    name.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().displayName()));
    TableColumn<Patient, String> mrn = new TableColumn<>(i18n.get("patients.column.mrn"));
    mrn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().mrn()));
    TableColumn<Patient, String> born = new TableColumn<>(i18n.get("patients.column.birthDate"));
    born.setCellValueFactory(
        c ->
            new ReadOnlyStringWrapper(
                c.getValue().birthDate().map(d -> Formats.date(d, locale)).orElse("")));
    TableColumn<Patient, Patient> badge = new TableColumn<>(i18n.get("patients.column.data"));
    badge.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
    badge.setCellFactory(c -> new SyntheticBadgeCell(i18n.get("patients.synthetic")));
    badge.setMaxWidth(110);
    name.setPrefWidth(170);
    table.getColumns().setAll(java.util.List.of(name, mrn, born, badge));
    table
        .getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (o, a, b) -> {
              if (b != null) {
                vm.select(b);
              }
            });

    Label status = new Label();
    status.getStyleClass().add(Styles.HINT);
    status.textProperty().bind(vm.searchStatusProperty());
    status.setId("patients-search-status");

    Button newPatient = new Button(i18n.get("patients.new"));
    newPatient.setId("patients-new");
    newPatient.setMnemonicParsing(true);
    newPatient.setOnAction(
        e -> {
          table.getSelectionModel().clearSelection();
          vm.newPatient();
        });
    HBox searchRow = new HBox(search, newPatient);
    searchRow.getStyleClass().add("mt-actions");
    HBox.setHgrow(search, Priority.ALWAYS);
    VBox left = new VBox(searchLabel, searchRow, table, status);
    left.getStyleClass().add(Styles.PANE);
    VBox.setVgrow(table, Priority.ALWAYS);

    // Form
    Label formTitle = new Label();
    formTitle.getStyleClass().add(Styles.SECTION_TITLE);
    formTitle
        .textProperty()
        .bind(
            javafx.beans.binding.Bindings.createStringBinding(
                () ->
                    vm.selectedProperty()
                        .get()
                        .map(p -> i18n.get("patients.form.edit"))
                        .orElse(i18n.get("patients.form.new")),
                vm.selectedProperty()));
    Label synthetic = new Label(i18n.get("patients.synthetic.long"));
    synthetic.getStyleClass().add(Styles.SYNTHETIC_BADGE);
    synthetic
        .visibleProperty()
        .bind(
            javafx.beans.binding.Bindings.createBooleanBinding(
                () -> vm.selectedProperty().get().map(Patient::synthetic).orElse(false),
                vm.selectedProperty()));
    synthetic.managedProperty().bind(synthetic.visibleProperty());

    TextField mrnField = field("patient-mrn", vm.mrnProperty());
    TextField family = field("patient-family", vm.familyNameProperty());
    TextField given = field("patient-given", vm.givenNameProperty());
    DatePicker birth = new DatePicker();
    birth.setId("patient-birth");
    birth.valueProperty().bindBidirectional(vm.birthDateProperty());
    ComboBox<Sex> sex = new ComboBox<>();
    sex.setId("patient-sex");
    sex.getItems().setAll(Sex.values());
    sex.valueProperty().bindBidirectional(vm.sexProperty());
    sex.setConverter(
        new StringConverter<>() {
          @Override
          public String toString(Sex s) {
            return s == null ? "" : i18n.get("sex." + s.name());
          }

          @Override
          public Sex fromString(String s) {
            return Sex.UNKNOWN;
          }
        });
    TextField phone = field("patient-phone", vm.phoneProperty());
    TextField email = field("patient-email", vm.emailProperty());
    TextField address = field("patient-address", vm.addressProperty());
    TextArea notes = new TextArea();
    notes.setId("patient-notes");
    notes.setPrefRowCount(3);
    notes.setWrapText(true);
    notes.textProperty().bindBidirectional(vm.notesProperty());

    GridPane form = new GridPane();
    form.getStyleClass().add(Styles.FORM);
    int row = 0;
    form.addRow(row++, label(i18n.get("patients.field.mrn"), mrnField), mrnField);
    form.addRow(row++, label(i18n.get("patients.field.family"), family), family);
    form.addRow(row++, label(i18n.get("patients.field.given"), given), given);
    form.addRow(row++, label(i18n.get("patients.field.birthDate"), birth), birth);
    form.addRow(row++, label(i18n.get("patients.field.sex"), sex), sex);
    form.addRow(row++, label(i18n.get("patients.field.phone"), phone), phone);
    form.addRow(row++, label(i18n.get("patients.field.email"), email), email);
    form.addRow(row++, label(i18n.get("patients.field.address"), address), address);
    form.addRow(row, label(i18n.get("patients.field.notes"), notes), notes);
    for (Node n : form.getChildren()) {
      if (n instanceof Region r && !(n instanceof Label)) {
        GridPane.setHgrow(r, Priority.ALWAYS);
        r.setMaxWidth(Double.MAX_VALUE);
      }
    }

    Label error = new Label();
    error.setId("patient-error");
    error.setWrapText(true);
    error.getStyleClass().add(Styles.ERROR_TEXT);
    error.textProperty().bind(vm.formErrorProperty());
    Label saved = new Label();
    saved.setId("patient-status");
    saved.getStyleClass().add(Styles.SUCCESS_TEXT);
    saved.textProperty().bind(vm.formStatusProperty());

    Button save = new Button(i18n.get("patients.save"));
    save.setId("patient-save");
    save.setMnemonicParsing(true);
    save.getStyleClass().add(Styles.ACCENT);
    save.disableProperty().bind(vm.busyProperty());
    save.setOnAction(e -> vm.save());
    HBox formActions = new HBox(save, error, saved);
    formActions.setAlignment(Pos.CENTER_LEFT);
    formActions.getStyleClass().add("mt-actions");

    // Visits
    Label visitsTitle = new Label(i18n.get("patients.visits.title"));
    visitsTitle.getStyleClass().add(Styles.SECTION_TITLE);
    ListView<VisitSession> visitList = new ListView<>(vm.visits());
    visitList.setId("patient-visits");
    visitList.setPrefHeight(120);
    visitList.setPlaceholder(new Label(i18n.get("patients.visits.empty")));
    visitList.setCellFactory(
        l ->
            new ListCell<>() {
              @Override
              protected void updateItem(VisitSession v, boolean empty) {
                super.updateItem(v, empty);
                setText(
                    empty || v == null
                        ? null
                        : i18n.get(
                            "patients.visits.row",
                            Formats.dateTime(v.startedAt(), locale, zone),
                            i18n.get("visit.status." + v.status().name()),
                            v.reason().isEmpty() ? "—" : v.reason()));
              }
            });
    Button startVisit = new Button(i18n.get("patients.visit.start"));
    startVisit.setId("patient-start-visit");
    startVisit.setMnemonicParsing(true);
    startVisit
        .disableProperty()
        .bind(
            javafx.beans.binding.Bindings.createBooleanBinding(
                    () -> vm.selectedProperty().get().isEmpty(), vm.selectedProperty())
                .or(vm.busyProperty()));
    startVisit.setOnAction(
        e ->
            dialogs
                .askText(
                    i18n.get("patients.visit.start.title"), i18n.get("patients.visit.reason"), "")
                .ifPresent(vm::startVisit));

    Region visitsSpacer = new Region();
    HBox.setHgrow(visitsSpacer, Priority.ALWAYS);
    HBox visitsHeader = new HBox(visitsTitle, visitsSpacer, startVisit);
    visitsHeader.setAlignment(Pos.BOTTOM_LEFT);
    VBox right =
        new VBox(new HBox(12, formTitle, synthetic), form, formActions, visitsHeader, visitList);
    right.getStyleClass().add(Styles.PANE);
    ScrollPane rightScroll = new ScrollPane(right);
    rightScroll.setFitToWidth(true);

    root = new SplitPane(left, rightScroll);
    root.setDividerPositions(0.5);
    root.setId("patients-view");
    root.getProperties().put("focus-target", search);
    root.addEventFilter(
        javafx.scene.input.KeyEvent.KEY_PRESSED,
        e -> {
          if (new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN).match(e)) {
            search.requestFocus();
            e.consume();
          } else if (new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN).match(e)) {
            vm.save();
            e.consume();
          }
        });
    vm.search();
  }

  public Parent root() {
    return root;
  }

  /** Focuses the search field (when the pane is shown). */
  public void focus() {
    search.requestFocus();
  }

  private static TextField field(String id, javafx.beans.property.StringProperty property) {
    TextField f = new TextField();
    f.setId(id);
    f.textProperty().bindBidirectional(property);
    return f;
  }

  private static Label label(String text, Node field) {
    Label l = new Label(text);
    l.setLabelFor(field);
    l.setMnemonicParsing(true);
    l.setMinWidth(Region.USE_PREF_SIZE);
    return l;
  }

  private static final class SyntheticBadgeCell extends TableCell<Patient, Patient> {
    private final Label badge;

    SyntheticBadgeCell(String text) {
      badge = new Label(text);
      badge.getStyleClass().add(Styles.SYNTHETIC_BADGE);
    }

    @Override
    protected void updateItem(Patient p, boolean empty) {
      super.updateItem(p, empty);
      setGraphic(!empty && p != null && p.synthetic() ? badge : null);
    }
  }
}
