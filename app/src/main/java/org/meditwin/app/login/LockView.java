package org.meditwin.app.login;

import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.meditwin.app.i18n.I18n;
import org.meditwin.app.theme.Styles;

/** Covers the whole window while the session is locked: no patient data stays visible. */
public final class LockView {
  private final StackPane root;
  private final PasswordField password = new PasswordField();

  public LockView(LockViewModel vm, I18n i18n, Runnable logout) {
    Label title = new Label(i18n.get("lock.title"));
    title.getStyleClass().add(Styles.TITLE_3);
    Label who = new Label(i18n.get("lock.signedInAs", vm.username()));
    who.getStyleClass().add(Styles.TEXT_MUTED);
    who.setWrapText(true);
    password.setId("lock-password");
    password.textProperty().bindBidirectional(vm.passwordProperty());
    password.setPromptText(i18n.get("lock.password"));
    Label passwordLabel = FxFormLabels.label(i18n.get("lock.password"), password);

    Label error = new Label();
    error.setId("lock-error");
    error.getStyleClass().add(Styles.ERROR_TEXT);
    error.setWrapText(true);
    error.textProperty().bind(vm.errorProperty());
    error.managedProperty().bind(error.textProperty().isNotEmpty());
    error.visibleProperty().bind(error.managedProperty());

    Button unlock = new Button(i18n.get("lock.unlock"));
    unlock.setId("lock-unlock");
    unlock.setDefaultButton(true);
    unlock.getStyleClass().add(Styles.ACCENT);
    unlock.disableProperty().bind(vm.busyProperty());
    unlock.setOnAction(e -> vm.unlock());
    Button signOut = new Button(i18n.get("lock.logout"));
    signOut.setId("lock-logout");
    signOut.setOnAction(e -> logout.run());
    ProgressIndicator busy = new ProgressIndicator();
    busy.setPrefSize(22, 22);
    busy.visibleProperty().bind(vm.busyProperty());
    HBox actions = new HBox(unlock, signOut, busy);
    actions.setAlignment(Pos.CENTER_LEFT);
    actions.getStyleClass().add("mt-actions");

    VBox card = new VBox(title, who, passwordLabel, password, error, actions);
    card.getStyleClass().add(Styles.CENTER_CARD);
    card.setMaxWidth(420);
    card.setMaxHeight(VBox.USE_PREF_SIZE);
    root = new StackPane(card);
    root.getStyleClass().add(Styles.LOCK_OVERLAY);
    root.setId("lock-view");
  }

  public Parent root() {
    return root;
  }

  public void focus() {
    Platform.runLater(password::requestFocus);
  }
}
