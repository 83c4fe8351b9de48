package org.meditwin.app.admin;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.meditwin.app.admin.UsersViewModel.UserRow;
import org.meditwin.app.i18n.I18n;
import org.meditwin.app.theme.Styles;
import org.meditwin.core.domain.Role;
import org.meditwin.core.domain.UserAccount;

/** Admin → Users tab. */
public final class UsersView {
  private final VBox root;

  public UsersView(UsersViewModel vm, I18n i18n) {
    TableView<UserRow> table = new TableView<>(vm.users());
    table.setId("admin-users-table");
    table.getStyleClass().addAll(Styles.STRIPED, Styles.DENSE);
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.setPlaceholder(new Label(i18n.get("admin.users.empty")));
    table
        .getColumns()
        .setAll(
            java.util.List.of(
                column(i18n.get("admin.users.column.username"), r -> r.account().username()),
                column(i18n.get("admin.users.column.name"), r -> r.account().displayName()),
                column(
                    i18n.get("admin.users.column.role"),
                    r -> i18n.get("role." + r.account().role().name())),
                column(
                    i18n.get("admin.users.column.state"),
                    r ->
                        i18n.get(
                            r.account().disabled()
                                ? "admin.users.state.disabled"
                                : "admin.users.state.active")),
                column(i18n.get("admin.users.column.pseudonym"), UserRow::pseudonym)));
    table.setPrefHeight(220);

    Button disable = new Button(i18n.get("admin.users.disable"));
    disable.setId("admin-users-disable");
    Button enable = new Button(i18n.get("admin.users.enable"));
    enable.setId("admin-users-enable");
    Button reset = new Button(i18n.get("admin.users.reset"));
    reset.setId("admin-users-reset");
    Button unlock = new Button(i18n.get("admin.users.clearLockout"));
    unlock.setId("admin-users-clear-lockout");
    var selected = table.getSelectionModel().selectedItemProperty();
    disable
        .disableProperty()
        .bind(
            selected
                .isNull()
                .or(
                    javafx.beans.binding.Bindings.createBooleanBinding(
                        () -> selected.get() != null && selected.get().account().disabled(),
                        selected)));
    enable
        .disableProperty()
        .bind(
            selected
                .isNull()
                .or(
                    javafx.beans.binding.Bindings.createBooleanBinding(
                        () -> selected.get() != null && !selected.get().account().disabled(),
                        selected)));
    reset.disableProperty().bind(selected.isNull());
    unlock.disableProperty().bind(selected.isNull());
    disable.setOnAction(e -> vm.disable(account(table)));
    enable.setOnAction(e -> vm.enable(account(table)));
    reset.setOnAction(e -> vm.resetPassword(account(table)));
    unlock.setOnAction(e -> vm.clearLockout(account(table)));
    HBox rowActions = new HBox(disable, enable, reset, unlock);
    rowActions.getStyleClass().add("mt-actions");

    Label createTitle = new Label(i18n.get("admin.users.create.title"));
    createTitle.getStyleClass().add(Styles.SECTION_TITLE);
    TextField username = new TextField();
    username.setId("admin-new-username");
    username.textProperty().bindBidirectional(vm.usernameProperty());
    TextField displayName = new TextField();
    displayName.setId("admin-new-display-name");
    displayName.textProperty().bindBidirectional(vm.displayNameProperty());
    ComboBox<Role> role = new ComboBox<>();
    role.setId("admin-new-role");
    role.getItems().setAll(Role.values());
    role.valueProperty().bindBidirectional(vm.roleProperty());
    role.setConverter(
        new StringConverter<>() {
          @Override
          public String toString(Role r) {
            return r == null ? "" : i18n.get("role." + r.name());
          }

          @Override
          public Role fromString(String s) {
            return null;
          }
        });
    PasswordField password = new PasswordField();
    password.setId("admin-new-password");
    password.textProperty().bindBidirectional(vm.passwordProperty());
    PasswordField confirm = new PasswordField();
    confirm.setId("admin-new-confirm");
    confirm.textProperty().bindBidirectional(vm.confirmationProperty());
    GridPane form = new GridPane();
    form.getStyleClass().add(Styles.FORM);
    form.addRow(0, label(i18n.get("admin.users.field.username"), username), username);
    form.addRow(1, label(i18n.get("admin.users.field.displayName"), displayName), displayName);
    form.addRow(2, label(i18n.get("admin.users.field.role"), role), role);
    form.addRow(3, label(i18n.get("admin.users.field.password"), password), password);
    form.addRow(4, label(i18n.get("admin.users.field.confirm"), confirm), confirm);
    Button create = new Button(i18n.get("admin.users.create"));
    create.setId("admin-users-create");
    create.getStyleClass().add(Styles.ACCENT);
    create.disableProperty().bind(vm.busyProperty());
    create.setOnAction(e -> vm.create());

    Label error = new Label();
    error.setId("admin-users-error");
    error.getStyleClass().add(Styles.ERROR_TEXT);
    error.setWrapText(true);
    error.textProperty().bind(vm.errorProperty());
    Label status = new Label();
    status.setId("admin-users-status");
    status.getStyleClass().add(Styles.SUCCESS_TEXT);
    status.textProperty().bind(vm.statusProperty());
    HBox createRow = new HBox(create, error, status);
    createRow.setAlignment(Pos.CENTER_LEFT);
    createRow.getStyleClass().add("mt-actions");

    root = new VBox(table, rowActions, createTitle, form, createRow);
    root.getStyleClass().add(Styles.PANE);
    VBox.setVgrow(table, Priority.ALWAYS);
    vm.refresh();
  }

  public Parent root() {
    return root;
  }

  private static UserAccount account(TableView<UserRow> table) {
    return table.getSelectionModel().getSelectedItem().account();
  }

  private static TableColumn<UserRow, String> column(
      String title, java.util.function.Function<UserRow, String> value) {
    TableColumn<UserRow, String> c = new TableColumn<>(title);
    c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
    return c;
  }

  private static Label label(String text, javafx.scene.Node field) {
    Label l = new Label(text);
    l.setLabelFor(field);
    return l;
  }
}
