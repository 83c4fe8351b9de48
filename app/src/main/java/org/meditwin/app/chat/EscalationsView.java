package org.meditwin.app.chat;

import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.meditwin.app.common.Formats;
import org.meditwin.app.common.PaneContext;
import org.meditwin.app.i18n.I18n;
import org.meditwin.app.theme.Styles;
import org.meditwin.chatlog.Escalation;
import org.meditwin.chatlog.EscalationNote;
import org.meditwin.chatlog.EscalationStatus;
import org.meditwin.chatlog.Urgency;
import org.meditwin.chatlog.WebhookFormat;

/**
 * The escalation queue: cases (most urgent first), the selected case with its notes and actions
 * (pick up, add a note, close, re-send the notification), and the webhook settings for
 * administrators.
 */
final class EscalationsView {
  private final VBox root = new VBox();

  EscalationsView(EscalationsViewModel vm, I18n i18n, PaneContext context) {
    root.setId("escalations-view");
    root.getStyleClass().add("chat-escalations");

    Label title = new Label(i18n.get("escalation.title"));
    title.getStyleClass().add(Styles.SECTION_TITLE);
    CheckBox showClosed = new CheckBox(i18n.get("escalation.showClosed"));
    showClosed.setId("escalation-show-closed");
    showClosed.selectedProperty().bindBidirectional(vm.showClosedProperty());
    Button refresh = new Button(i18n.get("escalation.refresh"));
    refresh.setId("escalation-refresh");
    refresh.setOnAction(e -> vm.refresh());
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox toolbar = new HBox(8, title, spacer, showClosed, refresh);
    toolbar.setAlignment(Pos.CENTER_LEFT);

    TableView<Escalation> table = new TableView<>(vm.cases());
    table.setId("escalation-table");
    table.getStyleClass().addAll(Styles.STRIPED, Styles.DENSE);
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.setPlaceholder(new Label(i18n.get("escalation.empty")));
    TableColumn<Escalation, Urgency> urgency =
        new TableColumn<>(i18n.get("escalation.column.urgency"));
    urgency.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().urgency()));
    urgency.setCellFactory(
        c ->
            new TableCell<>() {
              @Override
              protected void updateItem(Urgency u, boolean empty) {
                super.updateItem(u, empty);
                getStyleClass().removeIf(s -> s.startsWith("chat-urgency-"));
                if (empty || u == null) {
                  setText(null);
                  return;
                }
                setText(i18n.get("escalation.urgency." + u.name()));
                getStyleClass().add("chat-urgency-" + u.name());
              }
            });
    urgency.setPrefWidth(90);
    TableColumn<Escalation, String> ref =
        new TableColumn<>(i18n.get("escalation.column.reference"));
    ref.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().reference()));
    ref.setPrefWidth(105);
    TableColumn<Escalation, String> status =
        new TableColumn<>(i18n.get("escalation.column.status"));
    status.setCellValueFactory(
        c ->
            new ReadOnlyStringWrapper(
                i18n.get("escalation.status." + c.getValue().status().name())
                    + c.getValue()
                        .closedBy()
                        .or(() -> c.getValue().pickedUpBy())
                        .map(p -> " · " + p.displayName())
                        .orElse("")));
    status.setPrefWidth(150);
    TableColumn<Escalation, String> delivery =
        new TableColumn<>(i18n.get("escalation.column.delivery"));
    delivery.setCellValueFactory(
        c -> new ReadOnlyStringWrapper(vm.deliveryText(c.getValue().delivery())));
    delivery.setPrefWidth(170);
    TableColumn<Escalation, String> summary =
        new TableColumn<>(i18n.get("escalation.column.summary"));
    summary.setCellValueFactory(
        c -> new ReadOnlyStringWrapper(c.getValue().summary().lines().findFirst().orElse("")));
    summary.setPrefWidth(300);
    table.getColumns().setAll(java.util.List.of(urgency, ref, status, delivery, summary));
    table
        .getSelectionModel()
        .selectedItemProperty()
        .addListener((o, a, b) -> vm.selectedProperty().set(Optional.ofNullable(b)));
    vm.selectedProperty()
        .addListener(
            (o, a, b) -> {
              if (b.isPresent() && table.getSelectionModel().getSelectedItem() != b.get()) {
                table.getItems().stream()
                    .filter(e -> e.id().equals(b.get().id()))
                    .findFirst()
                    .ifPresent(e -> table.getSelectionModel().select(e));
              }
            });

    // detail of the selected case
    TextArea detail = new TextArea();
    detail.setId("escalation-detail");
    detail.setEditable(false);
    detail.setWrapText(true);
    detail.setPrefRowCount(6);
    detail
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () -> vm.selectedProperty().get().map(e -> describe(e, i18n, context)).orElse(""),
                vm.selectedProperty()));
    Button pickUp = new Button(i18n.get("escalation.pickUp"));
    pickUp.setId("escalation-pickup");
    pickUp.setMnemonicParsing(true);
    pickUp.getStyleClass().add(Styles.ACCENT);
    pickUp
        .disableProperty()
        .bind(
            Bindings.createBooleanBinding(
                    () ->
                        vm.selectedProperty()
                            .get()
                            .map(e -> e.status() != EscalationStatus.OPEN)
                            .orElse(true),
                    vm.selectedProperty())
                .or(vm.busyProperty()));
    pickUp.setOnAction(e -> vm.selectedProperty().get().ifPresent(vm::pickUp));
    Button note = new Button(i18n.get("escalation.addNote"));
    note.setId("escalation-note");
    note.setMnemonicParsing(true);
    note.disableProperty()
        .bind(
            Bindings.createBooleanBinding(
                () -> vm.selectedProperty().get().isEmpty(), vm.selectedProperty()));
    note.setOnAction(
        e ->
            vm.selectedProperty()
                .get()
                .ifPresent(
                    x ->
                        context
                            .dialogs()
                            .askText(
                                i18n.get("escalation.addNote"),
                                i18n.get("escalation.note.prompt"),
                                "")
                            .ifPresent(t -> vm.addNote(x, t))));
    Button close = new Button(i18n.get("escalation.close"));
    close.setId("escalation-close");
    close.setMnemonicParsing(true);
    close
        .disableProperty()
        .bind(
            Bindings.createBooleanBinding(
                    () ->
                        vm.selectedProperty()
                            .get()
                            .map(e -> e.status() == EscalationStatus.CLOSED)
                            .orElse(true),
                    vm.selectedProperty())
                .or(vm.busyProperty()));
    close.setOnAction(
        e ->
            vm.selectedProperty()
                .get()
                .ifPresent(
                    x ->
                        context
                            .dialogs()
                            .askText(
                                i18n.get("escalation.close"),
                                i18n.get("escalation.close.prompt"),
                                "")
                            .ifPresent(t -> vm.close(x, t))));
    Button resend = new Button(i18n.get("escalation.resend"));
    resend.setId("escalation-resend");
    resend.setMnemonicParsing(true);
    resend
        .disableProperty()
        .bind(
            Bindings.createBooleanBinding(
                    () ->
                        vm.selectedProperty()
                            .get()
                            .map(
                                e ->
                                    e.delivery().status()
                                        == org.meditwin.chatlog.DeliveryStatus.SENT)
                            .orElse(true),
                    vm.selectedProperty())
                .or(vm.busyProperty()));
    resend.setOnAction(e -> vm.selectedProperty().get().ifPresent(vm::resend));
    HBox actions = new HBox(8, pickUp, note, close, resend);
    Label statusLine = new Label();
    statusLine.setId("escalation-status");
    statusLine.getStyleClass().add(Styles.HINT);
    statusLine.setWrapText(true);
    statusLine.textProperty().bind(vm.statusProperty());

    root.getChildren().addAll(toolbar, table, detail, actions, statusLine);
    VBox.setVgrow(table, Priority.ALWAYS);
    if (vm.administrator()) {
      root.getChildren().add(webhookSettings(vm, i18n));
    }
  }

  private static String describe(Escalation e, I18n i18n, PaneContext context) {
    java.util.Locale locale = i18n.language().locale();
    StringBuilder b = new StringBuilder();
    b.append(e.reference())
        .append(" · ")
        .append(i18n.get("escalation.urgency." + e.urgency().name()))
        .append(" · ")
        .append(i18n.get("escalation.status." + e.status().name()))
        .append('\n');
    b.append(
            i18n.get(
                "escalation.detail.raised",
                e.createdBy().displayName(),
                Formats.dateTime(e.createdAt(), locale, context.zone())))
        .append('\n');
    b.append(e.summary()).append('\n');
    if (!e.redFlags().isEmpty()) {
      b.append(i18n.get("escalation.detail.flags", String.join(", ", e.redFlags()))).append('\n');
    }
    e.pickedUpBy()
        .ifPresent(
            p ->
                b.append(
                        i18n.get(
                            "escalation.detail.pickedUp",
                            p.displayName(),
                            e.pickedUpAt()
                                .map(t -> Formats.dateTime(t, locale, context.zone()))
                                .orElse("")))
                    .append('\n'));
    e.closedBy()
        .ifPresent(
            p ->
                b.append(
                        i18n.get(
                            "escalation.detail.closed",
                            p.displayName(),
                            e.closedAt()
                                .map(t -> Formats.dateTime(t, locale, context.zone()))
                                .orElse("")))
                    .append('\n'));
    for (EscalationNote n : e.notes()) {
      b.append("— ")
          .append(n.author().displayName())
          .append(" (")
          .append(Formats.dateTime(n.at(), locale, context.zone()))
          .append("): ")
          .append(n.text())
          .append('\n');
    }
    return b.toString().strip();
  }

  private static Node webhookSettings(EscalationsViewModel vm, I18n i18n) {
    TextField url = new TextField();
    url.setId("escalation-webhook-url");
    url.setPromptText("https://chat.example.org/hooks/…");
    url.textProperty().bindBidirectional(vm.webhookUrlProperty());
    Label urlLabel = new Label(i18n.get("escalation.webhook.url"));
    urlLabel.setLabelFor(url);
    ComboBox<WebhookFormat> format = new ComboBox<>();
    format.setId("escalation-webhook-format");
    format.getItems().setAll(WebhookFormat.values());
    format.valueProperty().bindBidirectional(vm.webhookFormatProperty());
    format.setConverter(
        new StringConverter<>() {
          @Override
          public String toString(WebhookFormat f) {
            return f == null ? "" : i18n.get("escalation.webhook.format." + f.name());
          }

          @Override
          public WebhookFormat fromString(String s) {
            return WebhookFormat.MATTERMOST;
          }
        });
    Button save = new Button(i18n.get("escalation.webhook.save"));
    save.setId("escalation-webhook-save");
    save.setOnAction(e -> vm.saveWebhook());
    Button test = new Button(i18n.get("escalation.webhook.test"));
    test.setId("escalation-webhook-test");
    test.setOnAction(e -> vm.testWebhook());
    Label status = new Label();
    status.setId("escalation-webhook-status");
    status.setWrapText(true);
    status.getStyleClass().add(Styles.HINT);
    status.textProperty().bind(vm.webhookStatusProperty());
    Label hint = new Label(i18n.get("escalation.webhook.hint"));
    hint.setWrapText(true);
    hint.getStyleClass().add("chat-meta");
    HBox row = new HBox(8, urlLabel, url, format, save, test);
    row.setAlignment(Pos.CENTER_LEFT);
    HBox.setHgrow(url, Priority.ALWAYS);
    VBox box = new VBox(6, row, hint, status);
    TitledPane pane = new TitledPane(i18n.get("escalation.webhook.title"), box);
    pane.setId("escalation-webhook");
    pane.setExpanded(false);
    return pane;
  }

  Parent root() {
    return root;
  }
}
