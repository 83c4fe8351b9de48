package org.meditwin.app.common;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.meditwin.app.i18n.I18n;
import org.meditwin.app.theme.Styles;

/** JavaFX dialogs, modal to the main window. */
public final class FxDialogService implements DialogService {
  private final Supplier<Window> owner;
  private final I18n i18n;

  public FxDialogService(Supplier<Window> owner, I18n i18n) {
    this.owner = owner;
    this.i18n = i18n;
  }

  @Override
  public void showError(String title, String message) {
    alert(Alert.AlertType.ERROR, title, message).showAndWait();
  }

  @Override
  public void showInfo(String title, String message) {
    alert(Alert.AlertType.INFORMATION, title, message).showAndWait();
  }

  @Override
  public boolean confirm(String title, String message) {
    Alert a = alert(Alert.AlertType.CONFIRMATION, title, message);
    a.getButtonTypes().setAll(okButton(), cancelButton());
    return a.showAndWait()
        .map(b -> b.getButtonData() == ButtonBar.ButtonData.OK_DONE)
        .orElse(false);
  }

  @Override
  public Optional<Path> chooseSaveFile(String title, String suggestedFileName) {
    FileChooser fc = new FileChooser();
    fc.setTitle(title);
    fc.setInitialFileName(suggestedFileName);
    File f = fc.showSaveDialog(owner.get());
    return Optional.ofNullable(f).map(File::toPath);
  }

  @Override
  public Optional<Path> chooseOpenFile(String title) {
    FileChooser fc = new FileChooser();
    fc.setTitle(title);
    File f = fc.showOpenDialog(owner.get());
    return Optional.ofNullable(f).map(File::toPath);
  }

  @Override
  public Optional<char[]> askPassword(String title, String prompt, boolean confirm) {
    Dialog<ButtonType> d = dialog(title);
    PasswordField first = new PasswordField();
    PasswordField second = new PasswordField();
    Label error = new Label();
    error.getStyleClass().add(Styles.ERROR_TEXT);
    GridPane grid = form();
    Label firstLabel = new Label(prompt);
    firstLabel.setLabelFor(first);
    grid.addRow(0, firstLabel, first);
    if (confirm) {
      Label secondLabel = new Label(i18n.get("dialog.password.confirm"));
      secondLabel.setLabelFor(second);
      grid.addRow(1, secondLabel, second);
    }
    grid.add(error, 0, 2, 2, 1);
    d.getDialogPane().setContent(grid);
    d.getDialogPane().getButtonTypes().setAll(okButton(), cancelButton());
    d.getDialogPane()
        .lookupButton(d.getDialogPane().getButtonTypes().get(0))
        .addEventFilter(
            javafx.event.ActionEvent.ACTION,
            e -> {
              if (confirm && !first.getText().equals(second.getText())) {
                error.setText(i18n.get("validation.password.mismatch"));
                e.consume();
              }
            });
    Platform.runLater(first::requestFocus);
    Optional<ButtonType> result = d.showAndWait();
    char[] value = first.getText().toCharArray();
    first.clear();
    second.clear();
    if (result.map(b -> b.getButtonData() == ButtonBar.ButtonData.OK_DONE).orElse(false)) {
      return Optional.of(value);
    }
    Arrays.fill(value, '\0');
    return Optional.empty();
  }

  @Override
  public Optional<String> askText(String title, String prompt, String initialValue) {
    Dialog<ButtonType> d = dialog(title);
    TextField field = new TextField(initialValue);
    Label label = new Label(prompt);
    label.setLabelFor(field);
    GridPane grid = form();
    grid.addRow(0, label, field);
    d.getDialogPane().setContent(grid);
    d.getDialogPane().getButtonTypes().setAll(okButton(), cancelButton());
    Platform.runLater(field::requestFocus);
    return d.showAndWait()
        .filter(b -> b.getButtonData() == ButtonBar.ButtonData.OK_DONE)
        .map(b -> field.getText());
  }

  private Alert alert(Alert.AlertType type, String title, String message) {
    Alert a = new Alert(type);
    a.initOwner(owner.get());
    a.setTitle(title);
    a.setHeaderText(title);
    a.setContentText(message);
    a.getButtonTypes().replaceAll(b -> b == ButtonType.OK ? okButton() : b);
    a.getDialogPane().setMinWidth(420);
    return a;
  }

  private <R> Dialog<R> dialog(String title) {
    Dialog<R> d = new Dialog<>();
    d.initOwner(owner.get());
    d.setTitle(title);
    d.setHeaderText(title);
    return d;
  }

  private static GridPane form() {
    GridPane grid = new GridPane();
    grid.getStyleClass().add(Styles.FORM);
    return grid;
  }

  private ButtonType okButton() {
    return new ButtonType(i18n.get("dialog.ok"), ButtonBar.ButtonData.OK_DONE);
  }

  private ButtonType cancelButton() {
    return new ButtonType(i18n.get("dialog.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
  }
}
