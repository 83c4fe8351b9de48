package org.meditwin.app.admin;

import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.meditwin.app.i18n.I18n;
import org.meditwin.app.theme.Styles;

/** Admin → Models: registry table, inference device and the checksum verification action. */
public final class ModelsView {
  private final VBox root;

  public ModelsView(ModelsViewModel vm, I18n i18n) {
    Label title = new Label(i18n.get("admin.models.title"));
    title.getStyleClass().add(Styles.SECTION_TITLE);
    Label device = new Label();
    device.setId("admin-models-device");
    device.textProperty().bind(vm.deviceProperty());
    Label summary = new Label();
    summary.setId("admin-models-summary");
    summary.setWrapText(true);
    summary.getStyleClass().add(Styles.HINT);
    summary.textProperty().bind(vm.summaryProperty());

    TableView<ModelsViewModel.Row> table = new TableView<>(vm.rows());
    table.setId("admin-models-table");
    table.getStyleClass().addAll(Styles.STRIPED, Styles.DENSE);
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.setPlaceholder(new Label(i18n.get("models.none", vm.modelsDir())));
    TableColumn<ModelsViewModel.Row, String> status =
        column(i18n.get("models.column.status"), ModelsViewModel.Row::status);
    status.setCellFactory(
        c ->
            new TableCell<>() {
              @Override
              protected void updateItem(String value, boolean empty) {
                super.updateItem(value, empty);
                getStyleClass().removeAll(Styles.SUCCESS_TEXT, Styles.ERROR_TEXT);
                ModelsViewModel.Row row = empty ? null : getTableRow().getItem();
                setText(empty ? null : value);
                if (row != null) {
                  getStyleClass().add(row.verified() ? Styles.SUCCESS_TEXT : Styles.ERROR_TEXT);
                }
              }
            });
    table
        .getColumns()
        .setAll(
            List.of(
                column(i18n.get("models.column.name"), ModelsViewModel.Row::name),
                column(i18n.get("models.column.task"), ModelsViewModel.Row::task),
                column(i18n.get("models.column.engine"), ModelsViewModel.Row::engine),
                column(i18n.get("models.column.version"), ModelsViewModel.Row::version),
                column(i18n.get("models.column.sha"), ModelsViewModel.Row::sha256Short),
                status,
                column(i18n.get("models.column.detail"), ModelsViewModel.Row::detail)));
    double[] widths = {190, 170, 110, 80, 120, 190};
    for (int i = 0; i < widths.length; i++) {
      table.getColumns().get(i).setPrefWidth(widths[i]);
    }
    table.setPrefHeight(260);
    VBox.setVgrow(table, Priority.ALWAYS);

    Button verify = new Button(i18n.get("models.verify"));
    verify.setId("admin-models-verify");
    verify.disableProperty().bind(vm.busyProperty());
    verify.setOnAction(e -> vm.verify());
    HBox actions = new HBox(verify);
    actions.setAlignment(Pos.CENTER_LEFT);
    actions.getStyleClass().add("mt-actions");

    root = new VBox(title, device, summary, table, actions);
    root.setId("admin-models");
    root.getStyleClass().add(Styles.PANE);
  }

  private static TableColumn<ModelsViewModel.Row, String> column(
      String title, Function<ModelsViewModel.Row, String> value) {
    TableColumn<ModelsViewModel.Row, String> c = new TableColumn<>(title);
    c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
    c.setSortable(false);
    return c;
  }

  public Parent root() {
    return root;
  }
}
