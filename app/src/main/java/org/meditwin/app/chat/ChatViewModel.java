package org.meditwin.app.chat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.meditwin.app.common.ErrorReporter;
import org.meditwin.app.common.KnowledgeIndex;
import org.meditwin.app.common.PaneContext;
import org.meditwin.app.i18n.I18n;
import org.meditwin.chat.Cancellation;
import org.meditwin.chat.ChatAnswer;
import org.meditwin.chat.ChatEngine;
import org.meditwin.chat.ChatListener;
import org.meditwin.chat.ChatRequest;
import org.meditwin.chat.ChatTurn;
import org.meditwin.chat.Citation;
import org.meditwin.chat.ToolCall;
import org.meditwin.chatlog.AnswerRecord;
import org.meditwin.chatlog.ChatContext;
import org.meditwin.chatlog.ChatLog;
import org.meditwin.chatlog.ChatSessionInfo;
import org.meditwin.chatlog.ChatTranscript;
import org.meditwin.chatlog.Escalation;
import org.meditwin.chatlog.EscalationRequest;
import org.meditwin.chatlog.LoggedMessage;
import org.meditwin.chatlog.Speaker;
import org.meditwin.chatlog.Urgency;
import org.meditwin.core.domain.Patient;
import org.meditwin.core.domain.PatientId;
import org.meditwin.core.service.UserSession;
import org.meditwin.core.task.TaskExecutor;
import org.meditwin.nlp.safety.RedFlag;
import org.meditwin.search.SearchFilter;
import org.meditwin.search.SearchHit;
import org.meditwin.search.SearchMode;
import org.meditwin.search.SearchRequest;

/**
 * The assistant pane's logic: the conversation (streamed answers with specialists, tools,
 * citations, confidence and the disclaimer), stop, the user's saved sessions, the patient and
 * hand-off context, the red-flag banner and the escalation form. Plain Java over JavaFX properties;
 * every store and engine call runs on the task executor.
 */
public final class ChatViewModel {

  /** Where the engine is. */
  public enum EngineState {
    WAITING_FOR_KNOWLEDGE,
    LOADING,
    READY,
    UNAVAILABLE
  }

  /** A knowledge-base passage opened from a citation. */
  public record Passage(String title, String source, Optional<String> url, String text) {}

  private final UserSession session;
  private final ChatLog log;
  private final EscalationsViewModel escalations;
  private final TaskExecutor tasks;
  private final Consumer<Runnable> fxThread;
  private final I18n i18n;
  private final ErrorReporter errors;
  private final Supplier<Optional<KnowledgeIndex>> knowledge;
  private final ChatEngineLoader loader;

  private final ReadOnlyObjectWrapper<EngineState> engineState =
      new ReadOnlyObjectWrapper<>(EngineState.WAITING_FOR_KNOWLEDGE);
  private final ReadOnlyStringWrapper engineNotice = new ReadOnlyStringWrapper("");
  private volatile Optional<ChatEngine> engine = Optional.empty();
  private boolean engineRequested;
  private final List<AutoCloseable> engineResources = new ArrayList<>();

  private final ObservableList<ChatSessionInfo> sessions = FXCollections.observableArrayList();
  // one read-only view: the unmodifiable wrapper holds its listeners weakly, a fresh one per call
  // would let the garbage collector drop the view's listeners
  private final ObservableList<ChatSessionInfo> sessionsView =
      FXCollections.unmodifiableObservableList(sessions);
  private final ReadOnlyObjectWrapper<Optional<ChatSessionInfo>> currentSession =
      new ReadOnlyObjectWrapper<>(Optional.empty());
  private final ObservableList<MessageItem> messages = FXCollections.observableArrayList();
  private final ObservableList<MessageItem> messagesView =
      FXCollections.unmodifiableObservableList(messages);
  private final StringProperty input = new SimpleStringProperty("");
  private final ReadOnlyBooleanWrapper answering = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
  private final ReadOnlyObjectWrapper<Optional<Patient>> patient =
      new ReadOnlyObjectWrapper<>(Optional.empty());
  private final ReadOnlyObjectWrapper<Optional<ChatContext>> pendingContext =
      new ReadOnlyObjectWrapper<>(Optional.empty());
  private final ObservableList<AnswerRecord.Flag> banner = FXCollections.observableArrayList();
  private final ObservableList<AnswerRecord.Flag> bannerView =
      FXCollections.unmodifiableObservableList(banner);
  private final ReadOnlyStringWrapper bannerQuestion = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper escalated = new ReadOnlyStringWrapper("");

  private final ReadOnlyBooleanWrapper escalationFormOpen = new ReadOnlyBooleanWrapper(false);
  private final StringProperty escalationSummary = new SimpleStringProperty("");
  private final ObjectProperty<Urgency> escalationUrgency =
      new SimpleObjectProperty<>(Urgency.URGENT);
  private List<String> escalationFlags = List.of();

  private Cancellation cancel = Cancellation.none();
  private MessageItem streamingAnswer;
  private long generation;

  /**
   * @param fxThread queues work on the FX thread ({@code Platform::runLater}); tests run it inline
   */
  public ChatViewModel(
      UserSession session,
      ChatLog log,
      EscalationsViewModel escalations,
      TaskExecutor tasks,
      Consumer<Runnable> fxThread,
      I18n i18n,
      ErrorReporter errors,
      Supplier<Optional<KnowledgeIndex>> knowledge,
      ChatEngineLoader loader) {
    this.session = Objects.requireNonNull(session, "session");
    this.log = Objects.requireNonNull(log, "log");
    this.escalations = Objects.requireNonNull(escalations, "escalations");
    this.tasks = Objects.requireNonNull(tasks, "tasks");
    this.fxThread = Objects.requireNonNull(fxThread, "fxThread");
    this.i18n = Objects.requireNonNull(i18n, "i18n");
    this.errors = Objects.requireNonNull(errors, "errors");
    this.knowledge = Objects.requireNonNull(knowledge, "knowledge");
    this.loader = Objects.requireNonNull(loader, "loader");
  }

  /**
   * Follows the pane context: its current patient becomes the chat's patient context, and a
   * hand-off ("ask about this study") starts a new session with that context.
   */
  public void bind(PaneContext context) {
    bind(context.currentPatientProperty(), context.chatHandoffProperty());
  }

  void bind(
      ObjectProperty<Optional<Patient>> current,
      ObjectProperty<Optional<PaneContext.ChatHandoff>> handoff) {
    patient.set(current.get());
    current.addListener(
        (o, a, b) -> {
          if (currentSession.get().flatMap(ChatSessionInfo::patientId).isEmpty()) {
            patient.set(b);
          }
        });
    handoff.addListener((o, a, b) -> consumeHandoff(handoff));
    consumeHandoff(handoff);
  }

  private void consumeHandoff(ObjectProperty<Optional<PaneContext.ChatHandoff>> handoff) {
    Optional<PaneContext.ChatHandoff> h = handoff.get();
    if (h.isEmpty()) {
      return;
    }
    handoff.set(Optional.empty());
    newSession();
    pendingContext.set(Optional.of(new ChatContext(h.get().title(), h.get().text())));
    status.set(i18n.get("chat.context.added", h.get().title()));
  }

  // --- engine ---------------------------------------------------------------------------------

  public ReadOnlyObjectProperty<EngineState> engineStateProperty() {
    return engineState.getReadOnlyProperty();
  }

  /** What the user should know about the engine (loading, extractive answers, failures). */
  public ReadOnlyStringProperty engineNoticeProperty() {
    return engineNotice.getReadOnlyProperty();
  }

  /**
   * Checks the knowledge base and builds the engine once it is ready; the view calls this until the
   * state is READY or UNAVAILABLE.
   */
  public void refreshEngine() {
    if (engineRequested) {
      return;
    }
    Optional<KnowledgeIndex> kb = knowledge.get();
    KnowledgeIndex.State state = kb.map(KnowledgeIndex::state).orElse(KnowledgeIndex.State.LOADING);
    if (state == KnowledgeIndex.State.LOADING) {
      engineState.set(EngineState.WAITING_FOR_KNOWLEDGE);
      engineNotice.set(i18n.get("chat.engine.waitingForKnowledge"));
      return;
    }
    if (state == KnowledgeIndex.State.UNAVAILABLE) {
      engineState.set(EngineState.UNAVAILABLE);
      engineNotice.set(i18n.get("chat.engine.noKnowledge"));
      return;
    }
    engineRequested = true;
    engineState.set(EngineState.LOADING);
    engineNotice.set(i18n.get("chat.engine.loading"));
    tasks
        .submit(i18n.get("chat.task.engine"), p -> loader.load(kb.get(), p))
        .whenComplete(
            (loaded, failure) -> {
              if (failure != null) {
                engineState.set(EngineState.UNAVAILABLE);
                engineNotice.set(i18n.get("chat.engine.failed", errors.message(failure)));
                return;
              }
              engineResources.addAll(loaded.resources());
              engine = Optional.of(loaded.engine());
              engineState.set(EngineState.READY);
              engineNotice.set(
                  loaded.generative()
                      ? i18n.get("chat.engine.generative")
                      : i18n.get("chat.engine.extractive"));
            });
  }

  /** Frees model handles (the pane is going away). */
  public void close() {
    cancel.cancel();
    for (AutoCloseable r : engineResources) {
      try {
        r.close();
      } catch (Exception e) {
        // best effort: the process may be exiting
      }
    }
    engineResources.clear();
  }

  // --- conversation ---------------------------------------------------------------------------

  public ObservableList<MessageItem> messages() {
    return messagesView;
  }

  public StringProperty inputProperty() {
    return input;
  }

  public ReadOnlyBooleanProperty answeringProperty() {
    return answering.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<Optional<Patient>> patientProperty() {
    return patient.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<Optional<ChatContext>> contextProperty() {
    return pendingContext.getReadOnlyProperty();
  }

  /** Asks the engine the text in the input; the answer streams into a new message. */
  public CompletableFuture<Void> send() {
    String q = input.get() == null ? "" : input.get().strip();
    if (answering.get()) {
      return CompletableFuture.completedFuture(null);
    }
    if (q.isEmpty()) {
      status.set(i18n.get("chat.error.empty"));
      return CompletableFuture.completedFuture(null);
    }
    if (q.length() > ChatLog.MAX_MESSAGE) {
      status.set(i18n.get("chat.error.tooLong", ChatLog.MAX_MESSAGE));
      return CompletableFuture.completedFuture(null);
    }
    Optional<ChatEngine> e = engine;
    if (e.isEmpty()) {
      status.set(engineNotice.get());
      return CompletableFuture.completedFuture(null);
    }
    status.set("");
    input.set("");
    List<ChatTurn> history =
        messages.stream()
            .filter(m -> !m.text().isBlank())
            .map(m -> m.fromUser() ? ChatTurn.user(m.text()) : ChatTurn.assistant(m.text()))
            .toList();
    MessageItem question = new MessageItem(Speaker.USER, q);
    MessageItem answer = new MessageItem(Speaker.ASSISTANT, "");
    answer.streamingProperty().set(true);
    messages.addAll(question, answer);
    answering.set(true);
    streamingAnswer = answer;
    long gen = ++generation;
    Cancellation c = Cancellation.create();
    cancel = c;

    Optional<ChatSessionInfo> existing = currentSession.get();
    Optional<String> patientId = patient.get().map(p -> p.id().value());
    Optional<ChatContext> newContext = pendingContext.get();
    Optional<ChatContext> context = existing.isPresent() ? existing.get().context() : newContext;
    ChatRequest request =
        new ChatRequest(q, patientId, history, context.map(x -> x.title() + "\n" + x.text()));
    TokenBatcher batcher =
        new TokenBatcher(
            fxThread,
            t -> {
              if (answer.streamingProperty().get()) {
                answer.textProperty().set(answer.text() + t);
              }
            });
    ChatListener listener =
        new ChatListener() {
          @Override
          public void redFlags(List<RedFlag> flags) {
            List<AnswerRecord.Flag> mapped = flags.stream().map(ChatViewModel::flag).toList();
            fxThread.accept(
                () -> {
                  answer.redFlags().setAll(mapped);
                  if (!mapped.isEmpty()) {
                    showBanner(mapped, q);
                  }
                });
          }

          @Override
          public void specialists(List<String> specialists) {
            List<String> copy = List.copyOf(specialists);
            fxThread.accept(() -> answer.specialists().setAll(copy));
          }

          @Override
          public void tool(ToolCall call) {
            AnswerRecord.Tool t = ChatViewModel.tool(call);
            fxThread.accept(() -> answer.tools().add(t));
          }

          @Override
          public void token(String text) {
            batcher.append(text);
          }
        };

    CompletableFuture<Void> done = new CompletableFuture<>();
    tasks
        .submit(
            i18n.get("chat.task.answer"),
            p -> {
              ChatSessionInfo s =
                  existing.orElseGet(() -> log.create(title(q), patientId, newContext));
              log.append(s.id(), Speaker.USER, q, Optional.empty());
              ChatAnswer a = e.get().ask(request, listener, c);
              return new Outcome(s, a);
            })
        .whenComplete(
            (out, failure) -> {
              batcher.drain();
              if (failure != null) {
                answer.streamingProperty().set(false);
                if (gen == generation) {
                  answering.set(false);
                }
                answer.textProperty().set(i18n.get("chat.error.answer", errors.message(failure)));
                status.set(errors.message(failure));
                done.complete(null);
                return;
              }
              if (currentSession.get().isEmpty() || existing.isEmpty()) {
                currentSession.set(Optional.of(out.session()));
                pendingContext.set(Optional.empty());
              }
              finish(answer, out.answer());
              if (gen == generation) {
                answering.set(false);
              }
              persist(out.session(), answer, out.answer().language())
                  .whenComplete((x, f) -> done.complete(null));
            });
    return done;
  }

  private record Outcome(ChatSessionInfo session, ChatAnswer answer) {}

  private void finish(MessageItem answer, ChatAnswer a) {
    boolean stopped = answer.stoppedProperty().get();
    if (!stopped) {
      answer.textProperty().set(a.answer());
    }
    answer.streamingProperty().set(false);
    answer.specialists().setAll(a.specialists());
    answer.citations().setAll(a.citations().stream().map(ChatViewModel::cited).toList());
    answer.tools().setAll(a.tools().stream().map(ChatViewModel::tool).toList());
    answer.redFlags().setAll(a.redFlags().stream().map(ChatViewModel::flag).toList());
    answer.confidenceProperty().set(OptionalDouble.of(a.confidence()));
    answer.disclaimerProperty().set(a.disclaimer());
    answer.englishOnlyProperty().set(a.answeredInEnglishOnly());
    if (streamingAnswer == answer) {
      streamingAnswer = null;
    }
  }

  private CompletableFuture<LoggedMessage> persist(
      ChatSessionInfo s, MessageItem answer, String language) {
    String text = answer.text().isBlank() ? i18n.get("chat.answer.stoppedEmpty") : answer.text();
    AnswerRecord record = answer.record(language);
    return tasks
        .submit(
            i18n.get("chat.task.save"),
            p -> log.append(s.id(), Speaker.ASSISTANT, text, Optional.of(record)))
        .whenComplete(
            (m, failure) -> {
              if (failure != null) {
                status.set(errors.message(failure));
                return;
              }
              refreshSessions();
            });
  }

  /** Stops the answer being written; what arrived so far stays, marked as stopped. */
  public void stop() {
    if (!answering.get()) {
      return;
    }
    cancel.cancel();
    MessageItem a = streamingAnswer;
    if (a != null) {
      a.stoppedProperty().set(true);
      a.streamingProperty().set(false);
    }
    answering.set(false);
    status.set(i18n.get("chat.stopped"));
  }

  /** The answer as plain text for the clipboard: text, then the numbered sources. */
  public String copyText(MessageItem m) {
    StringBuilder b = new StringBuilder(m.text().strip());
    List<AnswerRecord.Cited> cites = m.citations();
    if (!cites.isEmpty()) {
      b.append("\n\n").append(i18n.get("chat.sources")).append('\n');
      for (int i = 0; i < cites.size(); i++) {
        AnswerRecord.Cited c = cites.get(i);
        b.append('[').append(i + 1).append("] ").append(c.title());
        if (!c.source().isBlank()) {
          b.append(" — ").append(c.source());
        }
        c.url().ifPresent(u -> b.append(" <").append(u).append('>'));
        b.append('\n');
      }
    }
    if (!m.disclaimerProperty().get().isBlank()) {
      b.append('\n').append(m.disclaimerProperty().get());
    }
    return b.toString().strip();
  }

  // --- citations ------------------------------------------------------------------------------

  /** The pane a patient-record citation opens, from its id ({@code note:…}, {@code doc:…}). */
  public static PaneContext.Pane paneFor(AnswerRecord.Cited c) {
    Optional<PaneContext.Pane> byId = PaneContext.RecordRequest.paneOf(c.id());
    if (byId.isPresent()) {
      return byId.get();
    }
    String key = (c.id() + " " + c.source()).toLowerCase(Locale.ROOT);
    if (key.startsWith("note") || key.contains("note")) {
      return PaneContext.Pane.SOAP;
    }
    if (key.startsWith("doc") || key.contains("document")) {
      return PaneContext.Pane.DOCUMENTS;
    }
    if (key.startsWith("imag") || key.contains("imaging") || key.contains("study")) {
      return PaneContext.Pane.IMAGING;
    }
    return PaneContext.Pane.TIMELINE;
  }

  /** Finds the knowledge-base passage a citation points to (blocking; background thread). */
  public Passage passage(AnswerRecord.Cited c) throws IOException {
    Optional<KnowledgeIndex> kb =
        knowledge.get().filter(k -> k.state() == KnowledgeIndex.State.READY);
    if (kb.isPresent() && !c.title().isBlank()) {
      for (SearchHit h :
          kb.get()
              .search(new SearchRequest(c.title(), 20, SearchMode.BM25, SearchFilter.none()))
              .hits()) {
        if (h.chunkId().equals(c.id())) {
          return new Passage(c.title(), c.source(), c.url(), h.text());
        }
      }
    }
    return new Passage(c.title(), c.source(), c.url(), i18n.get("chat.citation.textUnavailable"));
  }

  // --- sessions -------------------------------------------------------------------------------

  public ObservableList<ChatSessionInfo> sessions() {
    return sessionsView;
  }

  public ReadOnlyObjectProperty<Optional<ChatSessionInfo>> currentSessionProperty() {
    return currentSession.getReadOnlyProperty();
  }

  public CompletableFuture<List<ChatSessionInfo>> refreshSessions() {
    return tasks
        .submit(i18n.get("chat.task.sessions"), p -> log.sessions())
        .whenComplete(
            (list, failure) -> {
              if (failure != null) {
                status.set(errors.message(failure));
                return;
              }
              sessions.setAll(list);
              currentSession
                  .get()
                  .flatMap(c -> list.stream().filter(s -> s.id().equals(c.id())).findFirst())
                  .ifPresent(s -> currentSession.set(Optional.of(s)));
            });
  }

  /** Starts an empty conversation (the current patient stays the context). */
  public void newSession() {
    stop();
    generation++;
    messages.clear();
    currentSession.set(Optional.empty());
    pendingContext.set(Optional.empty());
    banner.clear();
    escalationFormOpen.set(false);
    status.set("");
  }

  /** Restores a saved conversation with its answers' citations, specialists and flags. */
  public CompletableFuture<ChatTranscript> open(ChatSessionInfo info) {
    stop();
    long gen = ++generation;
    return tasks
        .submit(
            i18n.get("chat.task.open"),
            p -> {
              ChatTranscript t =
                  log.open(info.id())
                      .orElseThrow(
                          () -> new IllegalArgumentException(i18n.get("chat.error.sessionGone")));
              Optional<Patient> linked =
                  t.session().patientId().flatMap(id -> session.patients().find(new PatientId(id)));
              return new Opened(t, linked);
            })
        .whenComplete(
            (o, failure) -> {
              if (gen != generation) {
                return;
              }
              if (failure != null) {
                status.set(errors.message(failure));
                refreshSessions();
                return;
              }
              messages.setAll(
                  o.transcript().messages().stream()
                      .map(m -> MessageItem.restored(m.speaker(), m.text(), m.answer()))
                      .toList());
              currentSession.set(Optional.of(o.transcript().session()));
              pendingContext.set(Optional.empty());
              if (o.patient().isPresent()) {
                patient.set(o.patient());
              }
              banner.clear();
              status.set("");
            })
        .thenApply(Opened::transcript);
  }

  private record Opened(ChatTranscript transcript, Optional<Patient> patient) {}

  public void rename(ChatSessionInfo info, String title) {
    tasks
        .submit(i18n.get("chat.task.save"), p -> log.rename(info.id(), title))
        .whenComplete(
            (s, failure) -> {
              if (failure != null) {
                status.set(errors.message(failure));
                return;
              }
              refreshSessions();
            });
  }

  public void delete(ChatSessionInfo info) {
    tasks
        .submit(
            i18n.get("chat.task.save"),
            p -> {
              log.delete(info.id());
              return info;
            })
        .whenComplete(
            (s, failure) -> {
              if (failure != null) {
                status.set(errors.message(failure));
                return;
              }
              if (currentSession.get().map(c -> c.id().equals(info.id())).orElse(false)) {
                newSession();
              }
              refreshSessions();
            });
  }

  /** Removes the patient from the chat's context (and from the open session's link). */
  public void removePatient() {
    patient.set(Optional.empty());
    currentSession
        .get()
        .filter(s -> s.patientId().isPresent())
        .ifPresent(
            s ->
                tasks
                    .submit(
                        i18n.get("chat.task.save"), p -> log.linkPatient(s.id(), Optional.empty()))
                    .whenComplete(
                        (updated, failure) -> {
                          if (failure != null) {
                            status.set(errors.message(failure));
                          } else if (currentSession
                              .get()
                              .map(c -> c.id().equals(updated.id()))
                              .orElse(false)) {
                            currentSession.set(Optional.of(updated));
                          }
                        }));
  }

  /** Drops the hand-off context before the first question. */
  public void removeContext() {
    pendingContext.set(Optional.empty());
  }

  // --- red flags and escalation -----------------------------------------------------------------

  /** The red flags of the latest message (EMERGENCY first); empty when there is no banner. */
  public ObservableList<AnswerRecord.Flag> banner() {
    return bannerView;
  }

  /** The banner shows EMERGENCY styling when any flag is an emergency. */
  public boolean bannerIsEmergency() {
    return banner.stream().anyMatch(f -> RedFlag.EMERGENCY.equals(f.urgency()));
  }

  private void showBanner(List<AnswerRecord.Flag> flags, String question) {
    List<AnswerRecord.Flag> ordered = new ArrayList<>(flags);
    ordered.sort(
        (a, b) ->
            Boolean.compare(
                RedFlag.EMERGENCY.equals(b.urgency()), RedFlag.EMERGENCY.equals(a.urgency())));
    bannerQuestion.set(question);
    escalated.set("");
    banner.setAll(ordered);
  }

  /** The user acknowledged the banner. */
  public void dismissBanner() {
    banner.clear();
  }

  /** The reference of the case raised from the current banner; empty until escalated. */
  public ReadOnlyStringProperty escalatedProperty() {
    return escalated.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty escalationFormOpenProperty() {
    return escalationFormOpen.getReadOnlyProperty();
  }

  public StringProperty escalationSummaryProperty() {
    return escalationSummary;
  }

  public ObjectProperty<Urgency> escalationUrgencyProperty() {
    return escalationUrgency;
  }

  /**
   * Opens the escalation form prefilled from the banner (flags, next steps, the message) or, with
   * no banner, from the latest question.
   */
  public void openEscalationForm() {
    String question =
        !bannerQuestion.get().isBlank() && !banner.isEmpty()
            ? bannerQuestion.get()
            : messages.stream()
                .filter(MessageItem::fromUser)
                .reduce((a, b) -> b)
                .map(MessageItem::text)
                .orElse("");
    StringBuilder summary = new StringBuilder();
    if (!banner.isEmpty()) {
      summary.append(
          i18n.get(
              "chat.escalation.prefill.flags",
              banner.stream().map(AnswerRecord.Flag::name).collect(Collectors.joining("; "))));
      summary.append('\n');
    }
    if (!question.isBlank()) {
      summary.append(i18n.get("chat.escalation.prefill.message", question));
    }
    escalationSummary.set(summary.toString().strip());
    escalationUrgency.set(
        bannerIsEmergency()
            ? Urgency.EMERGENCY
            : banner.isEmpty() ? Urgency.ROUTINE : Urgency.URGENT);
    escalationFlags = banner.stream().map(AnswerRecord.Flag::id).toList();
    escalationFormOpen.set(true);
  }

  public void cancelEscalation() {
    escalationFormOpen.set(false);
  }

  /** Raises the case; the form closes once it is stored. */
  public CompletableFuture<Escalation> submitEscalation() {
    String summary = escalationSummary.get() == null ? "" : escalationSummary.get().strip();
    if (summary.isEmpty()) {
      status.set(i18n.get("chat.escalation.emptySummary"));
      return CompletableFuture.failedFuture(new IllegalArgumentException("empty summary"));
    }
    EscalationRequest request =
        new EscalationRequest(
            summary,
            escalationUrgency.get(),
            patient.get().map(p -> p.id().value()),
            currentSession.get().map(ChatSessionInfo::id),
            escalationFlags);
    return escalations
        .raise(request)
        .whenComplete(
            (e, failure) -> {
              if (failure != null) {
                status.set(errors.message(failure));
                return;
              }
              escalationFormOpen.set(false);
              escalated.set(e.reference());
              status.set(
                  i18n.get(
                      "escalation.raised", e.reference(), escalations.deliveryText(e.delivery())));
            });
  }

  // --- mapping --------------------------------------------------------------------------------

  static AnswerRecord.Flag flag(RedFlag f) {
    return new AnswerRecord.Flag(f.id(), f.name(), f.urgency(), f.nextSteps());
  }

  static AnswerRecord.Cited cited(Citation c) {
    return new AnswerRecord.Cited(c.id(), c.title(), c.source(), c.url(), c.kind());
  }

  static AnswerRecord.Tool tool(ToolCall t) {
    return new AnswerRecord.Tool(t.tool(), t.inputs(), t.result());
  }

  private static String title(String question) {
    String firstLine = question.strip().lines().findFirst().orElse("");
    return firstLine.length() > 80 ? firstLine.substring(0, 79) + "…" : firstLine;
  }
}
