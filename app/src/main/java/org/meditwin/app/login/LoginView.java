package org.meditwin.app.login;

import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.meditwin.app.i18n.I18n;
import org.meditwin.app.theme.Styles;

/** The sign-in screen; Enter submits. */
public final class LoginView {
  private final StackPane root;

  public LoginView(LoginViewModel vm, I18n i18n, Runnable restoreAction) {
    Label brand = new Label(i18n.get("app.name"));
    brand.getStyleClass().add(Styles.BRAND);
    Label title = new Label(i18n.get("login.title"));
    title.getStyleClass().add(Styles.TITLE_3);

    TextField username = new TextField();
    username.setId("login-username");
    username.textProperty().bindBidirectional(vm.usernameProperty());
    PasswordField password = new PasswordField();
    password.setId("login-password");
    password.textProperty().bindBidirectional(vm.passwordProperty());

    GridPane form = new GridPane();
    form.getStyleClass().add(Styles.FORM);
    form.addRow(0, FxFormLabels.label(i18n.get("login.username"), username), username);
    form.addRow(1, FxFormLabels.label(i18n.get("login.password"), password), password);

    Label error = new Label();
    error.setId("login-error");
    error.getStyleClass().add(Styles.ERROR_TEXT);
    error.setWrapText(true);
    error.textProperty().bind(vm.errorProperty());
    error.managedProperty().bind(error.textProperty().isNotEmpty());
    error.visibleProperty().bind(error.managedProperty());

    Button signIn = new Button(i18n.get("login.submit"));
    signIn.setId("login-submit");
    signIn.setDefaultButton(true);
    signIn.getStyleClass().add(Styles.ACCENT);
    signIn.disableProperty().bind(vm.busyProperty());
    signIn.setOnAction(e -> vm.submit());
    ProgressIndicator busy = new ProgressIndicator();
    busy.setId("login-busy");
    busy.setPrefSize(22, 22);
    busy.visibleProperty().bind(vm.busyProperty());

    Button restore = new Button(i18n.get("restore.button"));
    restore.setId("login-restore");
    restore.setMnemonicParsing(true);
    restore.managedProperty().bind(vm.restoreOfferedProperty());
    restore.visibleProperty().bind(vm.restoreOfferedProperty());
    restore.setOnAction(e -> restoreAction.run());

    HBox actions = new HBox(signIn, busy, restore);
    actions.setAlignment(Pos.CENTER_LEFT);
    actions.getStyleClass().add("mt-actions");

    VBox card = new VBox(brand, title, form, error, actions);
    card.getStyleClass().add(Styles.CENTER_CARD);
    card.setMaxWidth(460);
    card.setMaxHeight(VBox.USE_PREF_SIZE);
    root = new StackPane(card);
    root.getStyleClass().add(Styles.PANE);
    root.setId("login-view");
    Platform.runLater(username::requestFocus);
  }

  public Parent root() {
    return root;
  }
}
