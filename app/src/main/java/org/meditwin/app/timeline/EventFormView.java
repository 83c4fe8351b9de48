package org.meditwin.app.timeline;

import java.time.LocalDate;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.meditwin.app.common.PaneContext;
import org.meditwin.app.i18n.I18n;
import org.meditwin.app.theme.Styles;
import org.meditwin.record.Anatomy;
import org.meditwin.record.ClinicalEvent;
import org.meditwin.record.EventStatus;
import org.meditwin.record.EventType;
import org.meditwin.record.Laterality;

/** The create/edit form beside the events table (save audited; delete asks first). */
final class EventFormView {
  private final I18n i18n;
  private final TimelineViewModel vm;
  private final PaneContext context;
  private final VBox root = new VBox(6);
  private final Label title = new Label();
  private final ComboBox<EventType> type = new ComboBox<>();
  private final TextField name = new TextField();
  private final TextField code = new TextField();
  private final DatePicker date = new DatePicker();
  private final DatePicker end = new DatePicker();
  private final ComboBox<String> bodyPart = new ComboBox<>();
  private final ComboBox<Laterality> side = new ComboBox<>();
  private final TextField severity = new TextField();
  private final ComboBox<EventStatus> status = new ComboBox<>();
  private final TextField value = new TextField();
  private final TextField unit = new TextField();
  private final Label provenance = new Label();
  private final Label error = new Label();
  private final Button save = new Button();
  private final Button delete = new Button();
  private Optional<ClinicalEvent> editing = Optional.empty();

  EventFormView(I18n i18n, TimelineViewModel vm, PaneContext context) {
    this.i18n = i18n;
    this.vm = vm;
    this.context = context;
    build();
    clear();
  }

  Node root() {
    ScrollPane sp = new ScrollPane(root);
    sp.setFitToWidth(true);
    sp.setId("timeline-form-scroll");
    return sp;
  }

  private void build() {
    root.setId("timeline-form");
    root.getStyleClass().add(Styles.FORM);
    root.setPadding(new Insets(8));
    title.getStyleClass().add(Styles.SECTION_TITLE);
    title.setId("timeline-form-title");
    type.getItems().addAll(EventType.values());
    type.setConverter(
        TimelineView.converter(t -> t == null ? "" : i18n.get("timeline.type." + t.name())));
    side.getItems().addAll(Laterality.values());
    side.setConverter(
        TimelineView.converter(l -> l == null ? "" : i18n.get("timeline.side." + l.name())));
    status.getItems().addAll(EventStatus.values());
    status.setConverter(
        TimelineView.converter(s -> s == null ? "" : i18n.get("timeline.status." + s.name())));
    bodyPart.setEditable(true);
    bodyPart
        .getItems()
        .addAll(Anatomy.standard().all().stream().map(Anatomy.BodyPart::name).sorted().toList());
    type.setId("timeline-form-type");
    name.setId("timeline-form-title-field");
    code.setId("timeline-form-code");
    date.setId("timeline-form-date");
    end.setId("timeline-form-end");
    bodyPart.setId("timeline-form-bodypart");
    side.setId("timeline-form-side");
    severity.setId("timeline-form-severity");
    status.setId("timeline-form-status");
    value.setId("timeline-form-value");
    unit.setId("timeline-form-unit");
    provenance.setId("timeline-form-provenance");
    provenance.getStyleClass().add(Styles.HINT);
    provenance.setWrapText(true);
    error.setId("timeline-form-error");
    error.getStyleClass().add(Styles.ERROR_TEXT);
    error.setWrapText(true);
    GridPane g = new GridPane();
    g.setHgap(8);
    g.setVgap(4);
    ColumnConstraints c0 = new ColumnConstraints();
    c0.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    ColumnConstraints c1 = new ColumnConstraints();
    c1.setHgrow(Priority.ALWAYS);
    g.getColumnConstraints().addAll(c0, c1);
    int r = 0;
    row(g, r++, "timeline.field.type", type);
    row(g, r++, "timeline.field.title", name);
    row(g, r++, "timeline.field.code", code);
    row(g, r++, "timeline.field.date", date);
    row(g, r++, "timeline.field.end", end);
    row(g, r++, "timeline.field.bodyPart", bodyPart);
    row(g, r++, "timeline.field.side", side);
    row(g, r++, "timeline.field.severity", severity);
    row(g, r++, "timeline.field.status", status);
    row(g, r++, "timeline.field.value", value);
    row(g, r, "timeline.field.unit", unit);
    for (Node n :
        new Node[] {type, name, code, date, end, bodyPart, side, severity, status, value, unit}) {
      if (n instanceof javafx.scene.control.Control ctl) {
        ctl.setMaxWidth(Double.MAX_VALUE);
      }
    }
    save.setText(i18n.get("timeline.form.save"));
    save.setId("timeline-form-save");
    save.getStyleClass().add(Styles.ACCENT);
    save.setOnAction(e -> save());
    delete.setText(i18n.get("timeline.form.delete"));
    delete.setId("timeline-form-delete");
    delete.getStyleClass().add(Styles.DANGER);
    delete.setOnAction(e -> deleteSelected());
    Button cancel = new Button(i18n.get("timeline.form.cancel"));
    cancel.setId("timeline-form-cancel");
    cancel.setOnAction(e -> clear());
    HBox buttons = new HBox(8, save, delete, cancel);
    root.getChildren().addAll(title, g, provenance, error, buttons);
  }

  private void row(GridPane g, int r, String key, Node field) {
    Label l = new Label(i18n.get(key));
    l.setLabelFor(field);
    l.setMnemonicParsing(true);
    g.add(l, 0, r);
    g.add(field, 1, r);
  }

  void clear() {
    editing = Optional.empty();
    title.setText(i18n.get("timeline.form.new"));
    type.setValue(EventType.DIAGNOSIS);
    name.setText("");
    code.setText("");
    date.setValue(LocalDate.now(context.clock().withZone(context.zone())));
    end.setValue(null);
    bodyPart.setValue(null);
    side.setValue(Laterality.NONE);
    severity.setText("");
    status.setValue(EventStatus.ACTIVE);
    value.setText("");
    unit.setText("");
    provenance.setText(i18n.get("timeline.form.provenanceManual"));
    error.setText("");
    delete.setDisable(true);
  }

  void startNew() {
    clear();
    name.requestFocus();
  }

  void edit(Optional<ClinicalEvent> event) {
    if (event.isEmpty()) {
      return;
    }
    ClinicalEvent e = event.get();
    editing = event;
    title.setText(i18n.get("timeline.form.edit"));
    type.setValue(e.type());
    name.setText(e.title());
    code.setText(e.code().orElse(""));
    date.setValue(e.date());
    end.setValue(e.endDate().orElse(null));
    bodyPart.setValue(e.bodyPart().orElse(null));
    side.setValue(e.laterality());
    severity.setText(e.severity().orElse(""));
    status.setValue(e.status());
    value.setText(e.value().isPresent() ? TimelineView.trim(e.value().getAsDouble()) : "");
    unit.setText(e.unit().orElse(""));
    provenance.setText(i18n.get("timeline.form.provenance", e.provenance().describe()));
    error.setText("");
    delete.setDisable(false);
  }

  private void save() {
    Optional<String> patient = vm.patientProperty().get();
    if (patient.isEmpty()) {
      return;
    }
    ClinicalEvent event;
    try {
      event =
          TimelineViewModel.fromForm(
              editing,
              patient.get(),
              type.getValue(),
              name.getText(),
              code.getText(),
              date.getValue(),
              end.getValue(),
              bodyPart.getEditor().getText(),
              side.getValue(),
              severity.getText(),
              status.getValue(),
              value.getText(),
              unit.getText());
    } catch (IllegalArgumentException e) {
      error.setText(message(e.getMessage()));
      return;
    }
    error.setText("");
    vm.save(event, this::clear);
  }

  private String message(String m) {
    String key = "timeline.form.invalid." + (m == null ? "" : m);
    if (m != null && i18n.has(key)) {
      return i18n.get(key);
    }
    return i18n.get("timeline.form.invalid", m == null ? "" : m);
  }

  void deleteSelected() {
    if (editing.isEmpty()) {
      return;
    }
    ClinicalEvent e = editing.get();
    if (context
        .dialogs()
        .confirm(
            i18n.get("timeline.delete.title"), i18n.get("timeline.delete.message", e.title()))) {
      vm.delete(e);
      clear();
    }
  }
}
