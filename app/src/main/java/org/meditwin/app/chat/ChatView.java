package org.meditwin.app.chat;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import javafx.util.StringConverter;
import org.meditwin.app.common.Formats;
import org.meditwin.app.common.PaneContext;
import org.meditwin.app.i18n.I18n;
import org.meditwin.app.theme.Styles;
import org.meditwin.chat.Specialist;
import org.meditwin.chatlog.AnswerRecord;
import org.meditwin.chatlog.ChatLog;
import org.meditwin.chatlog.ChatSessionInfo;
import org.meditwin.chatlog.EscalationNotifier;
import org.meditwin.chatlog.EscalationQueue;
import org.meditwin.chatlog.RetryPolicy;
import org.meditwin.chatlog.SummaryMasker;
import org.meditwin.chatlog.Urgency;
import org.meditwin.chatlog.WebhookClient;
import org.meditwin.core.domain.Patient;

/**
 * The assistant pane: saved sessions on the left; the conversation (engine notice, red-flag banner,
 * escalation form, patient/context chips, streamed answers, input) and the escalation queue as tabs
 * on the right.
 */
public final class ChatView {
  static final String STYLESHEET = "/org/meditwin/app/chat/chat.css";

  private final PaneContext context;
  private final I18n i18n;
  private final ChatViewModel vm;
  private final EscalationsViewModel escalations;
  private final SplitPane root = new SplitPane();
  private final VBox messageBox = new VBox();
  private final ScrollPane scroll = new ScrollPane(messageBox);
  private final TextArea input = new TextArea();
  private final TabPane tabs = new TabPane();
  private final Timeline enginePoll;

  public ChatView(PaneContext context) {
    this(
        context,
        SharedEngines.cached(
            context.session(),
            ChatEngineLoader.installed(
                context.modelsDir(),
                context.device(),
                ChatSources.of(context.session(), context.patientRecords()))),
        maskerFor(context));
  }

  /**
   * @param loader builds the engine once the knowledge base is ready
   * @param masker de-identifies case summaries before a webhook sees them (built on first use)
   */
  public ChatView(PaneContext context, ChatEngineLoader loader, Supplier<SummaryMasker> masker) {
    this.context = Objects.requireNonNull(context, "context");
    this.i18n = context.i18n();
    EscalationQueue queue = EscalationQueue.of(context.session());
    Supplier<EscalationNotifier> notifier =
        memoize(
            () ->
                new EscalationNotifier(
                    context.session(),
                    queue,
                    new WebhookClient(RetryPolicy.standard()),
                    masker.get()));
    this.escalations =
        new EscalationsViewModel(
            queue,
            notifier,
            context.tasks(),
            i18n,
            context.errors(),
            context.session().user().role().canAdminister());
    this.vm =
        new ChatViewModel(
            context.session(),
            ChatLog.of(context.session()),
            escalations,
            context.tasks(),
            Platform::runLater,
            i18n,
            context.errors(),
            context::knowledge,
            loader);
    vm.bind(context);

    root.setId("chat-view");
    root.getStylesheets()
        .add(Objects.requireNonNull(ChatView.class.getResource(STYLESHEET)).toExternalForm());
    root.getItems().setAll(sessionsPanel(), tabs());
    root.setDividerPositions(0.22);
    SplitPane.setResizableWithParent(root.getItems().getFirst(), false);

    enginePoll =
        new Timeline(
            new KeyFrame(
                Duration.millis(400),
                e -> {
                  vm.refreshEngine();
                  if (vm.engineStateProperty().get() == ChatViewModel.EngineState.READY
                      || vm.engineStateProperty().get() == ChatViewModel.EngineState.UNAVAILABLE) {
                    stopPolling();
                  }
                }));
    enginePoll.setCycleCount(Timeline.INDEFINITE);
    // notifications that failed (chat server down) are retried in the background
    Timeline retry =
        new Timeline(new KeyFrame(Duration.minutes(2), e -> escalations.retryUndelivered()));
    retry.setCycleCount(Timeline.INDEFINITE);
    retry.play();
    vm.refreshEngine();
    enginePoll.play();
    vm.refreshSessions();
    escalations.refresh();
    if (escalations.administrator()) {
      escalations.loadWebhook();
    }
  }

  private void stopPolling() {
    enginePoll.stop();
  }

  public Parent root() {
    return root;
  }

  ChatViewModel viewModel() {
    return vm;
  }

  EscalationsViewModel escalations() {
    return escalations;
  }

  /** Puts the caret in the message box. */
  public void focus() {
    input.requestFocus();
  }

  private static Supplier<SummaryMasker> maskerFor(PaneContext context) {
    return memoize(() -> Maskers.installed(context.modelsDir(), context.device()));
  }

  static <T> Supplier<T> memoize(Supplier<T> s) {
    Object[] box = new Object[1];
    return () -> {
      synchronized (box) {
        if (box[0] == null) {
          box[0] = s.get();
        }
        @SuppressWarnings("unchecked")
        T t = (T) box[0];
        return t;
      }
    };
  }

  // --- sessions -------------------------------------------------------------------------------

  private Parent sessionsPanel() {
    Label title = new Label(i18n.get("chat.sessions.title"));
    title.getStyleClass().add(Styles.SECTION_TITLE);
    Button newChat = new Button(i18n.get("chat.sessions.new"));
    newChat.setId("chat-new");
    newChat.setMnemonicParsing(true);
    newChat.setMaxWidth(Double.MAX_VALUE);
    newChat.getStyleClass().add(Styles.ACCENT);
    newChat.setOnAction(
        e -> {
          vm.newSession();
          tabs.getSelectionModel().selectFirst();
          input.requestFocus();
        });

    ListView<ChatSessionInfo> list = new ListView<>(vm.sessions());
    list.setId("chat-sessions");
    list.setPlaceholder(new Label(i18n.get("chat.sessions.empty")));
    list.setCellFactory(
        l ->
            new ListCell<>() {
              @Override
              protected void updateItem(ChatSessionInfo s, boolean empty) {
                super.updateItem(s, empty);
                if (empty || s == null) {
                  setText(null);
                  setGraphic(null);
                  return;
                }
                Label t = new Label(s.title());
                t.setWrapText(false);
                Label meta =
                    new Label(
                        i18n.get(
                            "chat.sessions.meta",
                            Formats.dateTime(
                                s.updatedAt(), i18n.language().locale(), context.zone()),
                            s.messageCount()));
                meta.getStyleClass().add("chat-meta");
                VBox box = new VBox(2, t, meta);
                box.setMinWidth(0);
                box.prefWidthProperty().bind(l.widthProperty().subtract(30));
                box.setMaxWidth(Region.USE_PREF_SIZE);
                setText(null);
                setGraphic(box);
              }
            });
    list.setOnMouseClicked(
        e -> {
          ChatSessionInfo s = list.getSelectionModel().getSelectedItem();
          if (s != null && e.getClickCount() >= 1) {
            openSession(s);
          }
        });
    list.setOnKeyPressed(
        e -> {
          ChatSessionInfo s = list.getSelectionModel().getSelectedItem();
          if (s != null && e.getCode() == KeyCode.ENTER) {
            openSession(s);
          } else if (s != null && e.getCode() == KeyCode.DELETE) {
            deleteSession(s);
          }
        });
    vm.currentSessionProperty()
        .addListener(
            (o, a, b) -> {
              if (b.isEmpty()) {
                list.getSelectionModel().clearSelection();
              }
            });

    Button rename = new Button(i18n.get("chat.sessions.rename"));
    rename.setId("chat-session-rename");
    rename.setMnemonicParsing(true);
    rename.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
    rename.setOnAction(
        e -> {
          ChatSessionInfo s = list.getSelectionModel().getSelectedItem();
          if (s != null) {
            context
                .dialogs()
                .askText(
                    i18n.get("chat.sessions.rename.title"),
                    i18n.get("chat.sessions.rename.prompt"),
                    s.title())
                .ifPresent(t -> vm.rename(s, t));
          }
        });
    Button delete = new Button(i18n.get("chat.sessions.delete"));
    delete.setId("chat-session-delete");
    delete.setMnemonicParsing(true);
    delete.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
    delete.setOnAction(
        e -> {
          ChatSessionInfo s = list.getSelectionModel().getSelectedItem();
          if (s != null) {
            deleteSession(s);
          }
        });
    HBox actions = new HBox(6, rename, delete);
    VBox box = new VBox(title, newChat, list, actions);
    box.getStyleClass().add("chat-sessions");
    VBox.setVgrow(list, Priority.ALWAYS);
    return box;
  }

  private void openSession(ChatSessionInfo s) {
    if (vm.currentSessionProperty().get().map(c -> c.id().equals(s.id())).orElse(false)) {
      return;
    }
    vm.open(s);
    tabs.getSelectionModel().selectFirst();
  }

  private void deleteSession(ChatSessionInfo s) {
    if (context
        .dialogs()
        .confirm(
            i18n.get("chat.sessions.delete.title"),
            i18n.get("chat.sessions.delete.confirm", s.title()))) {
      vm.delete(s);
    }
  }

  // --- tabs -----------------------------------------------------------------------------------

  private Parent tabs() {
    tabs.setId("chat-tabs");
    tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    Tab conversation = new Tab(i18n.get("chat.tab.conversation"), conversation());
    conversation.setId("chat-tab-conversation");
    EscalationsView queueView = new EscalationsView(escalations, i18n, context);
    Tab queue = new Tab();
    queue.setId("chat-tab-escalations");
    queue
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () -> i18n.get("chat.tab.escalations", escalations.openCountProperty().get()),
                escalations.openCountProperty()));
    queue.setContent(queueView.root());
    queue.setOnSelectionChanged(
        e -> {
          if (queue.isSelected()) {
            escalations.refresh();
          }
        });
    tabs.getTabs().setAll(conversation, queue);
    return tabs;
  }

  private Parent conversation() {
    VBox main = new VBox();
    main.getStyleClass().add("chat-main");
    main.getChildren().addAll(engineNotice(), banner(), escalationForm(), chips());
    messageBox.getStyleClass().add("chat-messages");
    messageBox.setId("chat-messages");
    scroll.setId("chat-scroll");
    scroll.getStyleClass().add("chat-scroll");
    scroll.setFitToWidth(true);
    scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
    Label empty = new Label(i18n.get("chat.empty"));
    empty.setId("chat-empty-hint");
    empty.getStyleClass().add(Styles.HINT);
    empty.setWrapText(true);
    empty.visibleProperty().bind(Bindings.isEmpty(vm.messages()));
    empty.managedProperty().bind(empty.visibleProperty());
    vm.messages()
        .addListener(
            (ListChangeListener<MessageItem>)
                c -> {
                  rebuildMessages();
                });
    messageBox.heightProperty().addListener((o, a, b) -> scroll.setVvalue(1.0));
    main.getChildren().addAll(empty, scroll, inputRow());
    VBox.setVgrow(scroll, Priority.ALWAYS);
    return main;
  }

  private Node engineNotice() {
    Label text = wrapping(new Label());
    text.setId("chat-engine-notice");
    text.textProperty().bind(vm.engineNoticeProperty());
    ProgressBar progress = new ProgressBar();
    progress.setId("chat-engine-progress");
    progress.setPrefWidth(140);
    progress.progressProperty().bind(context.tasks().progressProperty());
    progress
        .visibleProperty()
        .bind(
            vm.engineStateProperty()
                .isEqualTo(ChatViewModel.EngineState.WAITING_FOR_KNOWLEDGE)
                .or(vm.engineStateProperty().isEqualTo(ChatViewModel.EngineState.LOADING)));
    progress.managedProperty().bind(progress.visibleProperty());
    HBox box = new HBox(text, progress);
    box.setAlignment(Pos.CENTER_LEFT);
    box.getStyleClass().add("chat-notice");
    HBox.setHgrow(text, Priority.ALWAYS);
    box.visibleProperty().bind(vm.engineNoticeProperty().isNotEmpty());
    box.managedProperty().bind(box.visibleProperty());
    return box;
  }

  private Node banner() {
    VBox box = new VBox();
    box.setId("chat-banner");
    box.getStyleClass().add("chat-banner");
    box.setFocusTraversable(false);
    Runnable rebuild =
        () -> {
          box.getChildren().clear();
          List<AnswerRecord.Flag> flags = vm.banner();
          box.setVisible(!flags.isEmpty());
          box.setManaged(!flags.isEmpty());
          if (flags.isEmpty()) {
            return;
          }
          boolean emergency = vm.bannerIsEmergency();
          box.getStyleClass().remove("urgent");
          if (!emergency) {
            box.getStyleClass().add("urgent");
          }
          Label title =
              new Label(
                  emergency ? i18n.get("chat.banner.emergency") : i18n.get("chat.banner.urgent"));
          title.setId("chat-banner-title");
          title.getStyleClass().add("chat-banner-title");
          box.getChildren().add(title);
          for (AnswerRecord.Flag f : flags) {
            Label name = wrapping(new Label(f.name()));
            name.getStyleClass().add("chat-banner-flag");
            box.getChildren().add(name);
            for (int i = 0; i < f.nextSteps().size(); i++) {
              box.getChildren().add(wrapping(new Label((i + 1) + ". " + f.nextSteps().get(i))));
            }
          }
          Button escalate = new Button(i18n.get("chat.banner.escalate"));
          escalate.setId("chat-escalate");
          escalate.setMnemonicParsing(true);
          escalate.setOnAction(e -> vm.openEscalationForm());
          Button dismiss = new Button(i18n.get("chat.banner.acknowledge"));
          dismiss.setId("chat-banner-dismiss");
          dismiss.setOnAction(e -> vm.dismissBanner());
          Label escalated = new Label();
          escalated.setId("chat-banner-escalated");
          escalated.getStyleClass().add("chat-banner-flag");
          escalated
              .textProperty()
              .bind(
                  Bindings.createStringBinding(
                      () ->
                          vm.escalatedProperty().get().isEmpty()
                              ? ""
                              : i18n.get("chat.banner.escalated", vm.escalatedProperty().get()),
                      vm.escalatedProperty()));
          HBox actions = new HBox(8, escalate, dismiss, escalated);
          actions.setAlignment(Pos.CENTER_LEFT);
          box.getChildren().add(actions);
          Platform.runLater(escalate::requestFocus);
        };
    vm.banner().addListener((ListChangeListener<AnswerRecord.Flag>) c -> rebuild.run());
    rebuild.run();
    return box;
  }

  private Node escalationForm() {
    Label title = new Label(i18n.get("chat.escalation.title"));
    title.getStyleClass().add(Styles.SECTION_TITLE);
    TextArea summary = new TextArea();
    summary.setId("chat-escalation-summary");
    summary.setWrapText(true);
    summary.setPrefRowCount(4);
    summary.textProperty().bindBidirectional(vm.escalationSummaryProperty());
    Label summaryLabel = new Label(i18n.get("chat.escalation.summary"));
    summaryLabel.setLabelFor(summary);
    ComboBox<Urgency> urgency = new ComboBox<>();
    urgency.setId("chat-escalation-urgency");
    urgency.getItems().setAll(Urgency.values());
    urgency.valueProperty().bindBidirectional(vm.escalationUrgencyProperty());
    urgency.setConverter(urgencyConverter(i18n));
    Label urgencyLabel = new Label(i18n.get("chat.escalation.urgency"));
    urgencyLabel.setLabelFor(urgency);
    Label patientNote = new Label();
    patientNote.getStyleClass().add("chat-meta");
    patientNote
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () ->
                    vm.patientProperty().get().isPresent()
                        ? i18n.get("chat.escalation.patientLinked")
                        : i18n.get("chat.escalation.noPatient"),
                vm.patientProperty()));
    Button submit = new Button(i18n.get("chat.escalation.submit"));
    submit.setId("chat-escalation-submit");
    submit.setMnemonicParsing(true);
    submit.getStyleClass().add(Styles.DANGER);
    submit.disableProperty().bind(escalations.busyProperty());
    submit.setOnAction(e -> vm.submitEscalation());
    Button cancel = new Button(i18n.get("dialog.cancel"));
    cancel.setId("chat-escalation-cancel");
    cancel.setOnAction(e -> vm.cancelEscalation());
    HBox row = new HBox(8, urgencyLabel, urgency, patientNote);
    row.setAlignment(Pos.CENTER_LEFT);
    HBox actions = new HBox(8, submit, cancel);
    VBox box = new VBox(title, summaryLabel, summary, row, actions);
    box.setId("chat-escalation-form");
    box.getStyleClass().add("chat-form");
    box.visibleProperty().bind(vm.escalationFormOpenProperty());
    box.managedProperty().bind(box.visibleProperty());
    vm.escalationFormOpenProperty()
        .addListener(
            (o, a, b) -> {
              if (b) {
                Platform.runLater(summary::requestFocus);
              }
            });
    return box;
  }

  /** A label that wraps inside a VBox instead of cutting its text off. */
  static Label wrapping(Label l) {
    l.setWrapText(true);
    l.setMinHeight(Region.USE_PREF_SIZE);
    l.setMaxWidth(Double.MAX_VALUE);
    return l;
  }

  static StringConverter<Urgency> urgencyConverter(I18n i18n) {
    return new StringConverter<>() {
      @Override
      public String toString(Urgency u) {
        return u == null ? "" : i18n.get("escalation.urgency." + u.name());
      }

      @Override
      public Urgency fromString(String s) {
        return Urgency.ROUTINE;
      }
    };
  }

  private Node chips() {
    Label patient = new Label();
    patient.setId("chat-patient-chip");
    patient.getStyleClass().add("chat-chip");
    Button removePatient = new Button("✕");
    removePatient.setId("chat-patient-remove");
    removePatient.getStyleClass().addAll(Styles.FLAT, "chat-chip-remove");
    removePatient.setAccessibleText(i18n.get("chat.patient.remove"));
    removePatient.setOnAction(e -> vm.removePatient());
    HBox patientChip = new HBox(2, patient, removePatient);
    patientChip.setAlignment(Pos.CENTER_LEFT);
    Runnable showPatient =
        () -> {
          Optional<Patient> p = vm.patientProperty().get();
          patientChip.setVisible(p.isPresent());
          patientChip.setManaged(p.isPresent());
          patient.setText(
              p.map(x -> i18n.get("chat.patient.chip", x.displayName(), x.mrn())).orElse(""));
        };
    vm.patientProperty().addListener((o, a, b) -> showPatient.run());
    showPatient.run();

    Label ctx = new Label();
    ctx.setId("chat-context-chip");
    ctx.getStyleClass().addAll("chat-chip", "context");
    Button removeCtx = new Button("✕");
    removeCtx.setId("chat-context-remove");
    removeCtx.getStyleClass().addAll(Styles.FLAT, "chat-chip-remove");
    removeCtx.setAccessibleText(i18n.get("chat.context.remove"));
    removeCtx.setOnAction(e -> vm.removeContext());
    HBox ctxChip = new HBox(2, ctx, removeCtx);
    ctxChip.setAlignment(Pos.CENTER_LEFT);
    Runnable showCtx =
        () -> {
          var c =
              vm.currentSessionProperty()
                  .get()
                  .flatMap(ChatSessionInfo::context)
                  .or(() -> vm.contextProperty().get());
          ctxChip.setVisible(c.isPresent());
          ctxChip.setManaged(c.isPresent());
          removeCtx.setVisible(vm.currentSessionProperty().get().isEmpty());
          ctx.setText(c.map(x -> i18n.get("chat.context.chip", x.title())).orElse(""));
        };
    vm.contextProperty().addListener((o, a, b) -> showCtx.run());
    vm.currentSessionProperty().addListener((o, a, b) -> showCtx.run());
    showCtx.run();

    Label none = new Label(i18n.get("chat.patient.none"));
    none.setId("chat-no-patient");
    none.getStyleClass().add("chat-meta");
    none.visibleProperty().bind(patientChip.visibleProperty().not());
    none.managedProperty().bind(none.visibleProperty());
    HBox row = new HBox(patientChip, none, ctxChip);
    row.getStyleClass().add("chat-chips");
    return row;
  }

  private Node inputRow() {
    input.setId("chat-input");
    input.setPromptText(i18n.get("chat.input.prompt"));
    input.setWrapText(true);
    input.setPrefRowCount(2);
    input.setMinHeight(Region.USE_PREF_SIZE);
    input.textProperty().bindBidirectional(vm.inputProperty());
    input.addEventFilter(
        KeyEvent.KEY_PRESSED,
        e -> {
          if (e.getCode() == KeyCode.ENTER && e.isShiftDown()) {
            input.replaceSelection("\n");
            e.consume();
          } else if (e.getCode() == KeyCode.ENTER) {
            e.consume();
            vm.send();
          } else if (e.getCode() == KeyCode.ESCAPE && vm.answeringProperty().get()) {
            e.consume();
            vm.stop();
          }
        });
    Button send = new Button(i18n.get("chat.send"));
    send.setId("chat-send");
    send.setMnemonicParsing(true);
    send.getStyleClass().add(Styles.ACCENT);
    send.disableProperty()
        .bind(
            vm.answeringProperty()
                .or(vm.engineStateProperty().isNotEqualTo(ChatViewModel.EngineState.READY)));
    send.setOnAction(e -> vm.send());
    Button stop = new Button(i18n.get("chat.stop"));
    stop.setId("chat-stop");
    stop.setMnemonicParsing(true);
    stop.disableProperty().bind(vm.answeringProperty().not());
    stop.setOnAction(e -> vm.stop());
    Button escalate = new Button(i18n.get("chat.escalateManual"));
    escalate.setId("chat-escalate-manual");
    escalate.setMnemonicParsing(true);
    escalate.setOnAction(e -> vm.openEscalationForm());
    VBox buttons = new VBox(6, send, stop);
    for (Node n : buttons.getChildren()) {
      ((Region) n).setMaxWidth(Double.MAX_VALUE);
    }
    HBox row = new HBox(input, buttons);
    row.getStyleClass().add("chat-input-row");
    HBox.setHgrow(input, Priority.ALWAYS);
    Label status = new Label();
    status.setId("chat-status");
    status.getStyleClass().add(Styles.HINT);
    status.setWrapText(true);
    status.textProperty().bind(vm.statusProperty());
    Label hint = new Label(i18n.get("chat.input.hint"));
    hint.getStyleClass().add("chat-meta");
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    escalate.getStyleClass().add(Styles.FLAT);
    HBox hintRow = new HBox(8, hint, gap, escalate);
    hintRow.setAlignment(Pos.CENTER_LEFT);
    return new VBox(4, row, hintRow, status);
  }

  // --- messages -------------------------------------------------------------------------------

  private void rebuildMessages() {
    messageBox.getChildren().clear();
    int index = 0;
    for (MessageItem m : vm.messages()) {
      messageBox.getChildren().add(bubble(m, index++));
    }
  }

  private Node bubble(MessageItem m, int index) {
    VBox box = new VBox();
    box.getStyleClass().addAll("chat-bubble", m.fromUser() ? "user" : "assistant");
    box.setId("chat-message-" + index);
    Label who = new Label(m.fromUser() ? i18n.get("chat.you") : i18n.get("chat.assistant"));
    who.getStyleClass().add("chat-meta");
    Label text = new Label();
    text.getStyleClass().add("chat-text");
    text.setId("chat-text-" + index);
    text.textProperty().bind(m.textProperty());
    text.setMaxWidth(Double.MAX_VALUE);
    if (m.fromUser()) {
      box.getChildren().addAll(who, text);
      box.setMaxWidth(Region.USE_PREF_SIZE);
      HBox.setHgrow(box, Priority.NEVER);
      return box;
    }

    FlowPane specialists = new FlowPane(6, 4);
    specialists.setId("chat-specialists-" + index);
    Runnable fillSpecialists =
        () ->
            specialists
                .getChildren()
                .setAll(
                    m.specialists().stream()
                        .map(
                            id -> {
                              Label chip = new Label(specialistName(id));
                              chip.getStyleClass().add("chat-chip");
                              chip.setId("chat-specialist-" + index + "-" + id);
                              return (Node) chip;
                            })
                        .toList());
    m.specialists().addListener((ListChangeListener<String>) c -> fillSpecialists.run());
    fillSpecialists.run();
    Label confidence = new Label();
    confidence.setId("chat-confidence-" + index);
    confidence.getStyleClass().add("chat-confidence");
    confidence
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () ->
                    m.streamingProperty().get()
                        ? i18n.get("chat.answering")
                        : m.confidenceProperty().get().isPresent()
                            ? i18n.get(
                                "chat.confidence",
                                Math.round(m.confidenceProperty().get().getAsDouble() * 100))
                            : "",
                m.streamingProperty(),
                m.confidenceProperty()));
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox header = new HBox(8, who, specialists, spacer, confidence);
    header.setAlignment(Pos.CENTER_LEFT);
    HBox.setHgrow(specialists, Priority.SOMETIMES);

    VBox tools = new VBox(4);
    tools.setId("chat-tools-" + index);
    Runnable fillTools =
        () ->
            tools
                .getChildren()
                .setAll(
                    m.tools().stream()
                        .map(
                            t -> {
                              String inputs =
                                  t.inputs().entrySet().stream()
                                      .map(e -> e.getKey() + "=" + e.getValue())
                                      .reduce((a, b) -> a + ", " + b)
                                      .orElse("");
                              Label l =
                                  new Label(i18n.get("chat.tool", t.tool(), inputs, t.result()));
                              l.getStyleClass().add("chat-tool");
                              l.setMaxWidth(Double.MAX_VALUE);
                              return (Node) l;
                            })
                        .toList());
    m.tools().addListener((ListChangeListener<AnswerRecord.Tool>) c -> fillTools.run());
    fillTools.run();

    VBox sources = new VBox(2);
    sources.setId("chat-sources-" + index);
    Runnable fillSources =
        () -> {
          sources.getChildren().clear();
          if (m.citations().isEmpty()) {
            return;
          }
          Label t = new Label(i18n.get("chat.sources"));
          t.getStyleClass().add("chat-sources-title");
          sources.getChildren().add(t);
          for (int i = 0; i < m.citations().size(); i++) {
            AnswerRecord.Cited c = m.citations().get(i);
            Hyperlink link =
                new Hyperlink(
                    "["
                        + (i + 1)
                        + "] "
                        + c.title()
                        + (c.source().isBlank() ? "" : " — " + c.source())
                        + ("patient".equals(c.kind())
                            ? " · " + i18n.get("chat.citation.patient")
                            : ""));
            link.setId("chat-citation-" + index + "-" + (i + 1));
            link.getStyleClass().add("chat-citation");
            link.setWrapText(true);
            link.setOnAction(e -> openCitation(c));
            sources.getChildren().add(link);
          }
        };
    m.citations().addListener((ListChangeListener<AnswerRecord.Cited>) c -> fillSources.run());
    fillSources.run();

    Label notes = new Label();
    notes.getStyleClass().add("chat-warning-text");
    notes
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () -> {
                  StringBuilder b = new StringBuilder();
                  if (m.stoppedProperty().get()) {
                    b.append(i18n.get("chat.answer.stopped"));
                  }
                  if (m.englishOnlyProperty().get()) {
                    b.append(b.isEmpty() ? "" : " ").append(i18n.get("chat.answer.englishOnly"));
                  }
                  return b.toString();
                },
                m.stoppedProperty(),
                m.englishOnlyProperty()));
    notes.visibleProperty().bind(notes.textProperty().isNotEmpty());
    notes.managedProperty().bind(notes.visibleProperty());
    Label disclaimer = wrapping(new Label());
    disclaimer.setId("chat-disclaimer-" + index);
    disclaimer.getStyleClass().add("chat-disclaimer");
    disclaimer.textProperty().bind(m.disclaimerProperty());
    disclaimer.visibleProperty().bind(m.disclaimerProperty().isNotEmpty());
    disclaimer.managedProperty().bind(disclaimer.visibleProperty());
    Button copy = new Button(i18n.get("chat.copy"));
    copy.setId("chat-copy-" + index);
    copy.getStyleClass().add(Styles.FLAT);
    copy.disableProperty().bind(m.streamingProperty());
    copy.setMinWidth(Region.USE_PREF_SIZE);
    copy.setOnAction(
        e -> {
          ClipboardContent content = new ClipboardContent();
          content.putString(vm.copyText(m));
          Clipboard.getSystemClipboard().setContent(content);
          copy.setText(i18n.get("chat.copied"));
        });
    HBox footer = new HBox(8, disclaimer, copy);
    footer.setAlignment(Pos.CENTER_LEFT);
    HBox.setHgrow(disclaimer, Priority.ALWAYS);
    box.getChildren().addAll(header, tools, text, notes, sources, footer);
    return box;
  }

  private String specialistName(String id) {
    String key = "chat.specialist." + id;
    if (i18n.has(key)) {
      return i18n.get(key);
    }
    return Specialist.fromId(id).map(Specialist::displayName).orElse(id);
  }

  private void openCitation(AnswerRecord.Cited c) {
    if ("patient".equals(c.kind())) {
      Optional<String> patientId = context.currentPatient().map(p -> p.id().value());
      if (patientId.isPresent() && PaneContext.RecordRequest.paneOf(c.id()).isPresent()) {
        context.openRecord(ChatViewModel.paneFor(c), patientId.get(), c.id());
      } else {
        context.show(ChatViewModel.paneFor(c));
      }
      return;
    }
    context
        .tasks()
        .submit(i18n.get("chat.task.citation"), p -> vm.passage(c))
        .whenComplete(
            (passage, failure) -> {
              if (failure != null) {
                context.errors().show(failure);
                return;
              }
              showPassage(passage);
            });
  }

  private void showPassage(ChatViewModel.Passage p) {
    Dialog<Void> dialog = new Dialog<>();
    dialog.setTitle(i18n.get("chat.citation.title"));
    if (root.getScene() != null) {
      dialog.initOwner(root.getScene().getWindow());
    }
    DialogPane pane = dialog.getDialogPane();
    pane.setId("chat-citation-dialog");
    pane.getStylesheets()
        .addAll(root.getScene() == null ? List.of() : root.getScene().getStylesheets());
    Label title = new Label(p.title());
    title.setId("chat-citation-dialog-title");
    title.getStyleClass().add(Styles.SECTION_TITLE);
    title.setWrapText(true);
    Label source = new Label(i18n.get("chat.citation.source", p.source()));
    TextField url = new TextField(p.url().orElse(""));
    url.setId("chat-citation-dialog-url");
    url.setEditable(false);
    url.setVisible(p.url().isPresent());
    url.setManaged(p.url().isPresent());
    TextArea text = new TextArea(p.text());
    text.setId("chat-citation-dialog-text");
    text.setEditable(false);
    text.setWrapText(true);
    text.setPrefRowCount(10);
    text.setPrefColumnCount(60);
    VBox content = new VBox(8, title, source, url, text);
    pane.setContent(content);
    pane.getButtonTypes().add(javafx.scene.control.ButtonType.CLOSE);
    dialog.show();
  }
}
