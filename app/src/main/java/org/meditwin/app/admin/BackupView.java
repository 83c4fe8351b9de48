package org.meditwin.app.admin;

import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.meditwin.app.i18n.I18n;
import org.meditwin.app.theme.Styles;

/** Admin → Backup tab. */
public final class BackupView {
  private final VBox root;

  public BackupView(BackupViewModel vm, I18n i18n) {
    Label intro = new Label(i18n.get("admin.backup.intro"));
    intro.setWrapText(true);
    intro.setMaxWidth(640);
    Label file = new Label();
    file.setId("backup-file");
    file.textProperty()
        .bind(
            Bindings.createStringBinding(
                () ->
                    vm.targetProperty()
                        .get()
                        .map(p -> p.toString())
                        .orElse(i18n.get("admin.backup.noFileChosen")),
                vm.targetProperty()));
    Button choose = new Button(i18n.get("admin.backup.choose"));
    choose.setId("backup-choose");
    choose.setOnAction(e -> vm.chooseTarget());
    PasswordField password = new PasswordField();
    password.setId("backup-password");
    password.textProperty().bindBidirectional(vm.passwordProperty());
    PasswordField confirm = new PasswordField();
    confirm.setId("backup-confirm");
    confirm.textProperty().bindBidirectional(vm.confirmationProperty());
    GridPane form = new GridPane();
    form.getStyleClass().add(Styles.FORM);
    HBox fileRow = new HBox(8, choose, file);
    fileRow.setAlignment(Pos.CENTER_LEFT);
    form.addRow(0, new Label(i18n.get("admin.backup.file")), fileRow);
    Label pwLabel = new Label(i18n.get("admin.backup.password"));
    pwLabel.setLabelFor(password);
    Label confirmLabel = new Label(i18n.get("admin.backup.confirm"));
    confirmLabel.setLabelFor(confirm);
    form.addRow(1, pwLabel, password);
    form.addRow(2, confirmLabel, confirm);

    Button start = new Button(i18n.get("admin.backup.start"));
    start.setId("backup-start");
    start.getStyleClass().add(Styles.ACCENT);
    start.disableProperty().bind(vm.busyProperty());
    start.setOnAction(e -> vm.backup());
    ProgressBar progress = new ProgressBar(ProgressBar.INDETERMINATE_PROGRESS);
    progress.visibleProperty().bind(vm.busyProperty());
    Label error = new Label();
    error.setId("backup-error");
    error.getStyleClass().add(Styles.ERROR_TEXT);
    error.textProperty().bind(vm.errorProperty());
    Label status = new Label();
    status.setId("backup-status");
    status.getStyleClass().add(Styles.SUCCESS_TEXT);
    status.textProperty().bind(vm.statusProperty());
    HBox actions = new HBox(start, progress, error, status);
    actions.setAlignment(Pos.CENTER_LEFT);
    actions.getStyleClass().add("mt-actions");
    Label warning = new Label(i18n.get("admin.backup.passwordWarning"));
    warning.setWrapText(true);
    warning.setMaxWidth(640);
    warning.getStyleClass().add(Styles.HINT);

    root = new VBox(intro, form, warning, actions);
    root.getStyleClass().add(Styles.PANE);
  }

  public Parent root() {
    return root;
  }
}
