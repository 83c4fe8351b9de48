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
import org.meditwin.core.service.PasswordPolicy;

/** First start: the first administrator account. */
public final class FirstStartView {
  private final StackPane root;

  public FirstStartView(FirstStartViewModel vm, I18n i18n) {
    Label brand = new Label(i18n.get("app.name"));
    brand.getStyleClass().add(Styles.BRAND);
    Label title = new Label(i18n.get("firstStart.title"));
    title.getStyleClass().add(Styles.TITLE_3);
    Label intro = new Label(i18n.get("firstStart.intro", PasswordPolicy.MIN_LENGTH));
    intro.setWrapText(true);
    intro.getStyleClass().add(Styles.TEXT_MUTED);

    TextField username = new TextField();
    username.setId("first-username");
    username.textProperty().bindBidirectional(vm.usernameProperty());
    TextField displayName = new TextField();
    displayName.setId("first-display-name");
    displayName.textProperty().bindBidirectional(vm.displayNameProperty());
    PasswordField password = new PasswordField();
    password.setId("first-password");
    password.textProperty().bindBidirectional(vm.passwordProperty());
    PasswordField confirm = new PasswordField();
    confirm.setId("first-confirm");
    confirm.textProperty().bindBidirectional(vm.confirmationProperty());

    GridPane form = new GridPane();
    form.getStyleClass().add(Styles.FORM);
    form.addRow(0, FxFormLabels.label(i18n.get("firstStart.username"), username), username);
    form.addRow(
        1, FxFormLabels.label(i18n.get("firstStart.displayName"), displayName), displayName);
    form.addRow(2, FxFormLabels.label(i18n.get("firstStart.password"), password), password);
    form.addRow(3, FxFormLabels.label(i18n.get("firstStart.confirm"), confirm), confirm);

    Label error = new Label();
    error.setId("first-error");
    error.getStyleClass().add(Styles.ERROR_TEXT);
    error.setWrapText(true);
    error.textProperty().bind(vm.errorProperty());
    error.managedProperty().bind(error.textProperty().isNotEmpty());
    error.visibleProperty().bind(error.managedProperty());

    Button create = new Button(i18n.get("firstStart.submit"));
    create.setId("first-submit");
    create.setDefaultButton(true);
    create.getStyleClass().add(Styles.ACCENT);
    create.disableProperty().bind(vm.busyProperty());
    create.setOnAction(e -> vm.submit());
    ProgressIndicator busy = new ProgressIndicator();
    busy.setPrefSize(22, 22);
    busy.visibleProperty().bind(vm.busyProperty());
    HBox actions = new HBox(create, busy);
    actions.setAlignment(Pos.CENTER_LEFT);
    actions.getStyleClass().add("mt-actions");

    VBox card = new VBox(brand, title, intro, form, error, actions);
    card.getStyleClass().add(Styles.CENTER_CARD);
    card.setMaxWidth(520);
    card.setMaxHeight(VBox.USE_PREF_SIZE);
    root = new StackPane(card);
    root.getStyleClass().add(Styles.PANE);
    root.setId("first-start-view");
    Platform.runLater(username::requestFocus);
  }

  public Parent root() {
    return root;
  }
}
