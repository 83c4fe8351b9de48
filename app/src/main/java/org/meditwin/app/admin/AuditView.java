package org.meditwin.app.admin;

import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.meditwin.app.admin.AuditViewModel.Outcome;
import org.meditwin.app.common.Formats;
import org.meditwin.app.i18n.I18n;
import org.meditwin.app.theme.Styles;
import org.meditwin.core.domain.AuditAction;
import org.meditwin.core.domain.AuditEvent;

/** Admin → Audit tab. */
public final class AuditView {
  private static final PseudoClass BROKEN = PseudoClass.getPseudoClass("broken");
  private final VBox root;

  public AuditView(AuditViewModel vm, I18n i18n, ZoneId zone) {
    Locale locale = i18n.language().locale();
    DatePicker from = new DatePicker();
    from.setId("audit-from");
    from.valueProperty().bindBidirectional(vm.fromProperty());
    from.setPrefWidth(150);
    DatePicker to = new DatePicker();
    to.setId("audit-to");
    to.valueProperty().bindBidirectional(vm.toProperty());
    to.setPrefWidth(150);
    ComboBox<Optional<AuditAction>> action = new ComboBox<>();
    action.setId("audit-action");
    action.getItems().add(Optional.empty());
    for (AuditAction a : AuditAction.values()) {
      action.getItems().add(Optional.of(a));
    }
    action.valueProperty().bindBidirectional(vm.actionProperty());
    action.setConverter(
        new StringConverter<>() {
          @Override
          public String toString(Optional<AuditAction> a) {
            return a == null || a.isEmpty() ? i18n.get("admin.audit.action.any") : a.get().name();
          }

          @Override
          public Optional<AuditAction> fromString(String s) {
            return Optional.empty();
          }
        });
    TextField actor = new TextField();
    actor.setId("audit-actor");
    actor.setPromptText("u_…");
    actor.setPrefColumnCount(14);
    actor.textProperty().bindBidirectional(vm.actorProperty());
    ComboBox<Outcome> outcome = new ComboBox<>();
    outcome.setId("audit-outcome");
    outcome.getItems().setAll(Outcome.values());
    outcome.valueProperty().bindBidirectional(vm.outcomeProperty());
    outcome.setConverter(
        new StringConverter<>() {
          @Override
          public String toString(Outcome o) {
            return o == null ? "" : i18n.get("admin.audit.outcome." + o.name());
          }

          @Override
          public Outcome fromString(String s) {
            return Outcome.ANY;
          }
        });
    Button apply = new Button(i18n.get("admin.audit.apply"));
    apply.setId("audit-apply");
    apply.setDefaultButton(false);
    apply.getStyleClass().add(Styles.ACCENT);
    apply.setOnAction(e -> vm.refresh());
    Button clear = new Button(i18n.get("admin.audit.clear"));
    clear.setOnAction(e -> vm.clearFilters());

    FlowPane filters =
        new FlowPane(
            labelled(i18n.get("admin.audit.from"), from),
            labelled(i18n.get("admin.audit.to"), to),
            labelled(i18n.get("admin.audit.action"), action),
            labelled(i18n.get("admin.audit.actor"), actor),
            labelled(i18n.get("admin.audit.outcome"), outcome),
            new HBox(8, apply, clear));
    filters.getStyleClass().add("mt-filters");

    TableView<AuditEvent> table = new TableView<>(vm.entries());
    table.setId("audit-table");
    table.getStyleClass().addAll(Styles.STRIPED, Styles.DENSE);
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.setPlaceholder(new Label(i18n.get("admin.audit.empty")));
    table
        .getColumns()
        .setAll(
            java.util.List.of(
                column("#", e -> Long.toString(e.seq())),
                column(
                    i18n.get("admin.audit.column.time"),
                    e -> Formats.dateTime(e.at(), locale, zone)),
                column(i18n.get("admin.audit.column.actor"), AuditEvent::actor),
                column(i18n.get("admin.audit.column.action"), e -> e.action().name()),
                column(
                    i18n.get("admin.audit.column.target"),
                    e -> e.targetType().isEmpty() ? "" : e.targetType() + " " + e.targetId()),
                column(
                    i18n.get("admin.audit.column.outcome"),
                    e ->
                        i18n.get(
                            e.success()
                                ? "admin.audit.outcome.SUCCESS"
                                : "admin.audit.outcome.FAILURE")),
                column(i18n.get("admin.audit.column.detail"), AuditEvent::detail)));
    table.getColumns().get(0).setMaxWidth(60);
    table.getColumns().get(1).setPrefWidth(190);
    table.getColumns().get(1).setMinWidth(170);
    table.getColumns().get(1).setMaxWidth(210);
    table.getColumns().get(5).setMinWidth(90);
    table.getColumns().get(5).setMaxWidth(110);

    Label status = new Label();
    status.getStyleClass().add(Styles.HINT);
    status.textProperty().bind(vm.statusProperty());
    status.setId("audit-status");
    Button verify = new Button(i18n.get("admin.audit.verify"));
    verify.setId("audit-verify");
    verify.setOnAction(e -> vm.verify());
    Label verification = new Label();
    verification.setId("audit-verification");
    verification.setWrapText(true);
    verification.textProperty().bind(vm.verificationProperty());
    verification.getStyleClass().add(Styles.SUCCESS_TEXT);
    vm.chainOkProperty()
        .addListener(
            (o, a, ok) -> {
              verification.getStyleClass().removeAll(Styles.SUCCESS_TEXT, Styles.ERROR_TEXT);
              verification.getStyleClass().add(ok ? Styles.SUCCESS_TEXT : Styles.ERROR_TEXT);
              verification.pseudoClassStateChanged(BROKEN, !ok);
            });
    HBox bottom = new HBox(status, verify, verification);
    bottom.setAlignment(Pos.CENTER_LEFT);
    bottom.getStyleClass().add("mt-actions");

    root = new VBox(filters, table, bottom);
    root.getStyleClass().add(Styles.PANE);
    VBox.setVgrow(table, Priority.ALWAYS);
    vm.refresh();
  }

  public Parent root() {
    return root;
  }

  private static VBox labelled(String text, javafx.scene.Node field) {
    Label l = new Label(text);
    l.setLabelFor(field);
    l.getStyleClass().add(Styles.HINT);
    return new VBox(2, l, field);
  }

  private static TableColumn<AuditEvent, String> column(
      String title, java.util.function.Function<AuditEvent, String> value) {
    TableColumn<AuditEvent, String> c = new TableColumn<>(title);
    c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
    return c;
  }
}
