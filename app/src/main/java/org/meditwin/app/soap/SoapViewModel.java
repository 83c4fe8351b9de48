package org.meditwin.app.soap;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.meditwin.app.common.DialogService;
import org.meditwin.app.common.ErrorReporter;
import org.meditwin.app.i18n.I18n;
import org.meditwin.app.search.Debouncer;
import org.meditwin.core.domain.Patient;
import org.meditwin.core.domain.Professional;
import org.meditwin.core.domain.VisitSession;
import org.meditwin.core.service.UserSession;
import org.meditwin.core.task.TaskExecutor;
import org.meditwin.notes.NoteService;
import org.meditwin.notes.NoteStatus;
import org.meditwin.notes.SoapNote;
import org.meditwin.notes.TranscriptDocuments;
import org.meditwin.search.patient.PatientRecordHit;
import org.meditwin.soap.Audiogram;
import org.meditwin.soap.DraftSentence;
import org.meditwin.soap.NoteTemplate;
import org.meditwin.soap.Section;
import org.meditwin.soap.SentenceCheck;
import org.meditwin.soap.SoapDraft;
import org.meditwin.soap.SourceSpan;
import org.meditwin.soap.TemplateField;
import org.meditwin.soap.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SOAP pane: the current patient's visits and notes, capture (WAV, microphone, paste, document),
 * drafting and judging through the SOAP pipeline, the sentence editor with undo/redo and source
 * highlighting, autosave, approval, amendments and PDF export. All service work runs on the task
 * executor; callbacks arrive on the FX thread.
 */
public final class SoapViewModel {
  private static final Logger LOG = LoggerFactory.getLogger(SoapViewModel.class);

  /** The four audiogram series, in the editor's row order. */
  public static final List<String> SERIES = List.of("rightAir", "leftAir", "rightBone", "leftBone");

  private static final String TRANSCRIPT_KEY = "transcript";
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final UserSession session;
  private final NoteService notes;
  private final TaskExecutor tasks;
  private final I18n i18n;
  private final ErrorReporter errors;
  private final DialogService dialogs;
  private final Clock clock;
  private final ZoneId zone;
  private final Supplier<SoapEngine> engineLoader;
  private final SpeechCapture capture;
  private final NoteSearch search;
  private final Debouncer autosave;
  private final Debouncer revalidation;
  private final Executor fx;
  private final AtomicReference<SoapEngine> engine = new AtomicReference<>();

  private final ReadOnlyObjectWrapper<Optional<Patient>> patient =
      new ReadOnlyObjectWrapper<>(Optional.empty());
  private final ObservableList<VisitSession> visits = FXCollections.observableArrayList();
  private final ObservableList<VisitSession> visitsView =
      FXCollections.unmodifiableObservableList(visits);
  private final ObjectProperty<VisitSession> visit = new SimpleObjectProperty<>();
  private final ObservableList<SoapNote> pastNotes = FXCollections.observableArrayList();
  private final ObservableList<SoapNote> pastNotesView =
      FXCollections.unmodifiableObservableList(pastNotes);
  private final ReadOnlyObjectWrapper<Optional<SoapNote>> note =
      new ReadOnlyObjectWrapper<>(Optional.empty());

  private final StringProperty transcript = new SimpleStringProperty("");
  private final ObjectProperty<NoteTemplate> template =
      new SimpleObjectProperty<>(NoteTemplate.GENERAL);
  private final ObservableList<SentenceItem> sentences = FXCollections.observableArrayList();
  private final ObservableList<SentenceItem> sentencesView =
      FXCollections.unmodifiableObservableList(sentences);
  private final Map<String, StringProperty> fields = new LinkedHashMap<>();
  private final Map<String, StringProperty> audiogramCells = new LinkedHashMap<>();
  private final ReadOnlyObjectWrapper<Optional<Audiogram>> audiogram =
      new ReadOnlyObjectWrapper<>(Optional.empty());
  private final ReadOnlyStringWrapper audiogramError = new ReadOnlyStringWrapper("");
  private final ObservableList<String> missingFields = FXCollections.observableArrayList();
  private final ObservableList<String> missingFieldsView =
      FXCollections.unmodifiableObservableList(missingFields);
  private final ObservableList<String> issues = FXCollections.observableArrayList();
  private final ObservableList<String> issuesView =
      FXCollections.unmodifiableObservableList(issues);
  private final ReadOnlyStringWrapper validationSummary = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper aiApproved = new ReadOnlyBooleanWrapper(false);
  private String engineName = "";
  private List<String> draftIssues = List.of();

  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper saveState = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper drafting = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyBooleanWrapper validating = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyBooleanWrapper capturing = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyDoubleWrapper captureProgress = new ReadOnlyDoubleWrapper(0);
  private final ReadOnlyStringWrapper partialText = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper editable = new ReadOnlyBooleanWrapper(true);
  private final ReadOnlyBooleanWrapper amending = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyIntegerWrapper selectedSentence = new ReadOnlyIntegerWrapper(-1);
  private final ObservableList<SourceSpan> highlights = FXCollections.observableArrayList();
  private final ObservableList<SourceSpan> highlightsView =
      FXCollections.unmodifiableObservableList(highlights);
  private final ReadOnlyBooleanWrapper spansStale = new ReadOnlyBooleanWrapper(false);

  private final StringProperty noteQuery = new SimpleStringProperty("");
  private final BooleanProperty clinicScope = new SimpleBooleanProperty(false);
  private final ObservableList<PatientRecordHit> noteHits = FXCollections.observableArrayList();
  private final ObservableList<PatientRecordHit> noteHitsView =
      FXCollections.unmodifiableObservableList(noteHits);
  private final ReadOnlyStringWrapper noteHitsTitle = new ReadOnlyStringWrapper("");

  private final UndoHistory<EditorState> history = new UndoHistory<>(200);
  private final ChangeListener<String> sentenceListener;
  private EditorState committed = EditorState.empty(NoteTemplate.GENERAL);
  private Object burstKey;
  private boolean restoring;
  private boolean dirty;
  private boolean saving;
  private boolean pendingSave;
  private long editorGeneration;
  private long validationGeneration;
  private final List<Runnable> afterSave = new ArrayList<>();
  private AtomicBoolean captureCancel = new AtomicBoolean();

  public SoapViewModel(
      UserSession session,
      NoteService notes,
      TaskExecutor tasks,
      I18n i18n,
      ErrorReporter errors,
      DialogService dialogs,
      Clock clock,
      ZoneId zone,
      Supplier<SoapEngine> engineLoader,
      SpeechCapture capture,
      NoteSearch search,
      Debouncer autosave,
      Debouncer revalidation,
      Executor fx) {
    this.session = Objects.requireNonNull(session);
    this.notes = Objects.requireNonNull(notes);
    this.tasks = Objects.requireNonNull(tasks);
    this.i18n = Objects.requireNonNull(i18n);
    this.errors = Objects.requireNonNull(errors);
    this.dialogs = Objects.requireNonNull(dialogs);
    this.clock = Objects.requireNonNull(clock);
    this.zone = Objects.requireNonNull(zone);
    this.engineLoader = Objects.requireNonNull(engineLoader);
    this.capture = Objects.requireNonNull(capture);
    this.search = Objects.requireNonNull(search);
    this.autosave = Objects.requireNonNull(autosave);
    this.revalidation = Objects.requireNonNull(revalidation);
    this.fx = Objects.requireNonNull(fx);

    Set<String> keys = new LinkedHashSet<>();
    for (NoteTemplate t : NoteTemplate.values()) {
      t.fields().forEach(f -> keys.add(f.key()));
    }
    for (String key : keys) {
      StringProperty p = new SimpleStringProperty("");
      p.addListener((o, a, b) -> edited("field:" + key));
      fields.put(key, p);
    }
    for (String series : SERIES) {
      for (String f : Audiogram.FREQUENCIES) {
        StringProperty p = new SimpleStringProperty("");
        String key = series + ":" + f;
        p.addListener(
            (o, a, b) -> {
              updateAudiogram();
              edited("ag:" + key);
            });
        audiogramCells.put(key, p);
      }
    }
    transcript.addListener(
        (o, a, b) -> {
          if (!restoring && !sentences.isEmpty() && editable.get()) {
            spansStale.set(true);
            highlights.clear();
          }
          edited(TRANSCRIPT_KEY);
        });
    template.addListener(
        (o, a, b) -> {
          if (!restoring && editable.get()) {
            history.push(committed);
            burstKey = null;
            committed = state();
            markDirty();
            scheduleValidation();
          }
        });
    sentenceListener = (o, a, b) -> edited(o);
  }

  // --- properties ---------------------------------------------------------------------------

  public ReadOnlyObjectProperty<Optional<Patient>> patientProperty() {
    return patient.getReadOnlyProperty();
  }

  public ObservableList<VisitSession> visits() {
    return visitsView;
  }

  /** The visit a new note documents; {@code null} means "no visit" (a ComboBox value). */
  public ObjectProperty<VisitSession> visitProperty() {
    return visit;
  }

  public ObservableList<SoapNote> pastNotes() {
    return pastNotesView;
  }

  /** The note being edited as last saved; empty for a new, not yet saved note. */
  public ReadOnlyObjectProperty<Optional<SoapNote>> noteProperty() {
    return note.getReadOnlyProperty();
  }

  public StringProperty transcriptProperty() {
    return transcript;
  }

  public ObjectProperty<NoteTemplate> templateProperty() {
    return template;
  }

  public ObservableList<SentenceItem> sentences() {
    return sentencesView;
  }

  /** Editable structured field of the current template (every template's keys exist). */
  public StringProperty field(String key) {
    return Objects.requireNonNull(fields.get(key), key);
  }

  /** Editable audiogram threshold cell, e.g. {@code ("leftAir", "4000")}; blank = not measured. */
  public StringProperty audiogramCell(String series, String frequency) {
    return Objects.requireNonNull(audiogramCells.get(series + ":" + frequency), series);
  }

  public ReadOnlyObjectProperty<Optional<Audiogram>> audiogramProperty() {
    return audiogram.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty audiogramErrorProperty() {
    return audiogramError.getReadOnlyProperty();
  }

  /** Labels of required template fields the note leaves empty. */
  public ObservableList<String> missingFields() {
    return missingFieldsView;
  }

  /**
   * The pipeline's notes about the draft that the editor does not already show: red flags and other
   * alerts (judge findings are shown on their sentences, missing fields in their own line).
   */
  public ObservableList<String> issues() {
    return issuesView;
  }

  /** Issues worth showing beside the inline verdicts and the missing-field line. */
  static List<String> alerts(List<String> issues) {
    return issues.stream()
        .filter(
            i ->
                !i.startsWith("missing field: ")
                    && !i.startsWith("unsupported: ")
                    && !i.startsWith("contradicted: "))
        .toList();
  }

  public ReadOnlyStringProperty validationSummaryProperty() {
    return validationSummary.getReadOnlyProperty();
  }

  /** True only when every sentence is checked and none is unsupported or contradicted. */
  public ReadOnlyBooleanProperty aiApprovedProperty() {
    return aiApproved.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty saveStateProperty() {
    return saveState.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty draftingProperty() {
    return drafting.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty validatingProperty() {
    return validating.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty capturingProperty() {
    return capturing.getReadOnlyProperty();
  }

  /** 0..1 of a WAV import, -1 while dictating from the microphone. */
  public ReadOnlyDoubleProperty captureProgressProperty() {
    return captureProgress.getReadOnlyProperty();
  }

  /** Text recognised so far by a running capture. */
  public ReadOnlyStringProperty partialTextProperty() {
    return partialText.getReadOnlyProperty();
  }

  /** False for an approved note (until an amendment starts). */
  public ReadOnlyBooleanProperty editableProperty() {
    return editable.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty amendingProperty() {
    return amending.getReadOnlyProperty();
  }

  public ReadOnlyIntegerProperty selectedSentenceProperty() {
    return selectedSentence.getReadOnlyProperty();
  }

  /** Transcript spans of the selected sentence. */
  public ObservableList<SourceSpan> highlights() {
    return highlightsView;
  }

  /** True once the transcript was edited after drafting: spans may no longer line up. */
  public ReadOnlyBooleanProperty spansStaleProperty() {
    return spansStale.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty canUndoProperty() {
    return history.canUndoProperty();
  }

  public ReadOnlyBooleanProperty canRedoProperty() {
    return history.canRedoProperty();
  }

  public StringProperty noteQueryProperty() {
    return noteQuery;
  }

  /** Search the whole clinic's notes instead of the current patient's. */
  public BooleanProperty clinicScopeProperty() {
    return clinicScope;
  }

  public ObservableList<PatientRecordHit> noteHits() {
    return noteHitsView;
  }

  public ReadOnlyStringProperty noteHitsTitleProperty() {
    return noteHitsTitle.getReadOnlyProperty();
  }

  /** Whether the patient-record index is open (similar notes and note search). */
  public boolean searchAvailable() {
    return search.available();
  }

  /**
   * A bug in a completion handler must not vanish inside the future: log its type (messages may
   * carry PHI) and tell the user.
   */
  private static <T> java.util.function.BiFunction<T, Throwable, Void> ui(
      java.util.function.BiConsumer<T, Throwable> action) {
    return (value, failure) -> {
      action.accept(value, failure);
      return null;
    };
  }

  /**
   * Runs {@code work} in the background; on completion a failure shows its message in the pane's
   * error line, a result goes to {@code onResult}, and a bug in {@code onResult} is reported by
   * {@link #callbackFailed}.
   */
  private <T> void inBackground(
      String title,
      org.meditwin.core.task.BackgroundTask<T> work,
      java.util.function.Consumer<T> onResult) {
    tasks
        .submit(title, work)
        .handle(
            ui(
                (T value, Throwable failure) -> {
                  if (failure != null) {
                    error.set(errors.message(failure));
                    return;
                  }
                  onResult.accept(value);
                }))
        .exceptionally(this::callbackFailed);
  }

  private Void callbackFailed(Throwable t) {
    LOG.error("SOAP pane update failed: {}", ErrorReporter.unwrap(t).getClass().getName());
    error.set(i18n.get("error.unexpected"));
    return null;
  }

  // --- patient, visits, notes ---------------------------------------------------------------

  /** Follows the current patient: saves what is pending, then loads the patient's visits/notes. */
  public void setPatient(Optional<Patient> next) {
    if (next.map(Patient::id).equals(patient.get().map(Patient::id))) {
      return;
    }
    flush();
    patient.set(next);
    visits.clear();
    visit.set(null);
    pastNotes.clear();
    noteHits.clear();
    noteHitsTitle.set("");
    resetEditor(Optional.empty(), EditorState.empty(NoteTemplate.GENERAL));
    next.ifPresent(this::loadPatient);
  }

  private void loadPatient(Patient p) {
    tasks
        .submit(
            i18n.get("soap.task.load"),
            progress -> {
              List<VisitSession> v = session.visits().forPatient(p.id());
              List<SoapNote> n = notes.forPatient(p.id().value());
              n.forEach(search::index);
              return new Loaded(v, n);
            })
        .handle(
            ui(
                (loaded, failure) -> {
                  if (!patient.get().map(Patient::id).equals(Optional.of(p.id()))) {
                    return;
                  }
                  if (failure != null) {
                    error.set(errors.message(failure));
                    return;
                  }
                  visits.setAll(loaded.visits());
                  pastNotes.setAll(loaded.notes());
                  if (!visits.isEmpty() && note.get().isEmpty()) {
                    visit.set(visits.getFirst());
                  }
                }))
        .exceptionally(this::callbackFailed);
  }

  private record Loaded(List<VisitSession> visits, List<SoapNote> notes) {}

  private record Started(List<VisitSession> all, VisitSession started) {}

  /** Starts a visit of the current patient conducted by the signed-in user, and selects it. */
  public void startVisit(String reason) {
    Optional<Patient> p = patient.get();
    if (p.isEmpty()) {
      error.set(i18n.get("soap.error.noPatient"));
      return;
    }
    String why = reason == null ? "" : reason.strip();
    inBackground(
        i18n.get("task.visits.start"),
        progress -> {
          Professional professional =
              session
                  .professionals()
                  .forAccount(session.user().id())
                  .orElseGet(
                      () ->
                          session
                              .professionals()
                              .create(
                                  session.user().displayName(),
                                  i18n.get("role." + session.user().role().name()),
                                  "",
                                  Optional.of(session.user().id())));
          VisitSession started = session.visits().start(p.get().id(), professional.id(), why);
          return new Started(session.visits().forPatient(p.get().id()), started);
        },
        loaded -> {
          if (!patient.get().map(x -> x.id().equals(p.get().id())).orElse(false)) {
            return;
          }
          visits.setAll(loaded.all());
          visits.stream()
              .filter(v -> v.id().equals(loaded.started().id()))
              .findFirst()
              .ifPresent(visit::set);
          status.set(i18n.get("soap.visit.started"));
        });
  }

  /** A fresh, empty note for the current patient (what is pending is saved first). */
  public void newNote() {
    flush();
    resetEditor(Optional.empty(), EditorState.empty(template.get()));
    status.set("");
  }

  /** Opens a saved note (what is pending is saved first). */
  public void open(SoapNote n) {
    flush();
    resetEditor(Optional.of(n), stateOf(n));
    SoapDraft d = n.draft();
    applyChecks(d.checks(), d.missingFields());
    draftIssues = d.issues();
    issues.setAll(alerts(d.issues()));
    engineName = d.engine();
    n.visitId()
        .flatMap(id -> visits.stream().filter(v -> v.id().value().equals(id)).findFirst())
        .ifPresent(visit::set);
    status.set("");
  }

  private void resetEditor(Optional<SoapNote> n, EditorState s) {
    editorGeneration++;
    autosave.cancel();
    revalidation.cancel();
    dirty = false;
    amending.set(false);
    note.set(n);
    editable.set(n.map(x -> !x.isLocked()).orElse(true));
    restore(s);
    committed = s;
    burstKey = null;
    history.clear();
    issues.clear();
    draftIssues = List.of();
    engineName = "";
    spansStale.set(false);
    selectedSentence.set(-1);
    highlights.clear();
    error.set("");
    for (SentenceItem item : sentences) {
      item.checkProperty().set(Optional.empty());
    }
    missingFields.clear();
    validationSummary.set("");
    aiApproved.set(false);
    saveState.set(
        n.map(x -> i18n.get("soap.save.saved", TIME.format(x.updated().atZone(zone)))).orElse(""));
  }

  // --- editing ------------------------------------------------------------------------------

  /** The editor's content as one value. */
  EditorState state() {
    Map<String, String> f = new LinkedHashMap<>();
    fields.forEach(
        (k, p) -> {
          if (p.get() != null && !p.get().isBlank()) {
            f.put(k, p.get());
          }
        });
    Map<String, String> cells = new LinkedHashMap<>();
    audiogramCells.forEach(
        (k, p) -> {
          if (p.get() != null && !p.get().isBlank()) {
            cells.put(k, p.get());
          }
        });
    return new EditorState(
        transcript.get() == null ? "" : transcript.get(),
        template.get(),
        sentences.stream().map(SentenceItem::toSentence).toList(),
        f,
        cells);
  }

  private void restore(EditorState s) {
    restoring = true;
    try {
      transcript.set(s.transcript());
      template.set(s.template());
      for (SentenceItem old : sentences) {
        old.textProperty().removeListener(sentenceListener);
      }
      List<SentenceItem> items = new ArrayList<>();
      for (DraftSentence d : s.sentences()) {
        SentenceItem item = new SentenceItem(d);
        item.textProperty().addListener(sentenceListener);
        items.add(item);
      }
      sentences.setAll(items);
      fields.forEach((k, p) -> p.set(s.fields().getOrDefault(k, "")));
      audiogramCells.forEach((k, p) -> p.set(s.audiogramCells().getOrDefault(k, "")));
    } finally {
      restoring = false;
    }
    updateAudiogram();
    selectedSentence.set(-1);
    highlights.clear();
  }

  /** A user edit of one editable thing ({@code key} groups keystrokes into one undo step). */
  private void edited(Object key) {
    if (restoring || !editable.get()) {
      return;
    }
    if (!Objects.equals(key, burstKey)) {
      history.push(committed);
      burstKey = key;
    }
    committed = state();
    if (key != TRANSCRIPT_KEY) {
      clearChecksOf(key);
    }
    markDirty();
    scheduleValidation();
  }

  private void clearChecksOf(Object key) {
    for (SentenceItem item : sentences) {
      if (item.textProperty() == key) {
        item.checkProperty().set(Optional.empty());
        aiApproved.set(false);
      }
    }
  }

  /** Ends the current typing burst: the next keystroke starts a new undo step. */
  public void endEditBurst() {
    burstKey = null;
  }

  /** A structural change (draft result, add/remove sentence): one undo step. */
  private void change(Runnable mutation) {
    if (!editable.get()) {
      return;
    }
    history.push(state());
    burstKey = null;
    restoring = true;
    try {
      mutation.run();
    } finally {
      restoring = false;
    }
    committed = state();
    markDirty();
  }

  public void undo() {
    if (!editable.get()) {
      return;
    }
    history.undo(state()).ifPresent(this::restoreStep);
  }

  public void redo() {
    if (!editable.get()) {
      return;
    }
    history.redo(state()).ifPresent(this::restoreStep);
  }

  private void restoreStep(EditorState s) {
    restore(s);
    committed = s;
    burstKey = null;
    for (SentenceItem item : sentences) {
      item.checkProperty().set(Optional.empty());
    }
    aiApproved.set(false);
    markDirty();
    scheduleValidation();
  }

  /** Adds an empty sentence at the end of {@code section}; returns its index. */
  public int addSentence(Section section) {
    if (!editable.get()) {
      return -1;
    }
    int at = 0;
    for (int i = 0; i < sentences.size(); i++) {
      if (sentences.get(i).section().ordinal() <= section.ordinal()) {
        at = i + 1;
      }
    }
    int index = at;
    change(
        () -> {
          SentenceItem item = new SentenceItem(new DraftSentence(section, "", List.of()));
          item.textProperty().addListener(sentenceListener);
          sentences.add(index, item);
        });
    return index;
  }

  public void removeSentence(SentenceItem item) {
    if (!editable.get() || !sentences.contains(item)) {
      return;
    }
    change(
        () -> {
          item.textProperty().removeListener(sentenceListener);
          sentences.remove(item);
        });
    selectedSentence.set(-1);
    highlights.clear();
    scheduleValidation();
  }

  /** Selects a sentence and highlights its sources in the transcript. */
  public void selectSentence(int index) {
    if (index < 0 || index >= sentences.size()) {
      selectedSentence.set(-1);
      highlights.clear();
      return;
    }
    selectedSentence.set(index);
    List<SourceSpan> spans = new ArrayList<>();
    if (!spansStale.get()) {
      int length = transcript.get() == null ? 0 : transcript.get().length();
      for (SourceSpan s : sentences.get(index).sources()) {
        if (s.end() <= length) {
          spans.add(s);
        }
      }
    }
    highlights.setAll(spans);
  }

  // --- audiogram ----------------------------------------------------------------------------

  private void updateAudiogram() {
    Map<String, Map<String, Integer>> series = new LinkedHashMap<>();
    SERIES.forEach(s -> series.put(s, new LinkedHashMap<>()));
    List<String> bad = new ArrayList<>();
    audiogramCells.forEach(
        (key, p) -> {
          String v = p.get() == null ? "" : p.get().strip();
          if (v.isEmpty()) {
            return;
          }
          String[] parts = key.split(":");
          try {
            int db = Integer.parseInt(v);
            if (db < -10 || db > 130) {
              bad.add(parts[1]);
            } else {
              series.get(parts[0]).put(parts[1], db);
            }
          } catch (NumberFormatException e) {
            bad.add(parts[1]);
          }
        });
    audiogramError.set(
        bad.isEmpty() ? "" : i18n.get("soap.audiogram.invalid", String.join(", ", bad)));
    Audiogram a =
        new Audiogram(
            series.get("rightAir"),
            series.get("leftAir"),
            series.get("rightBone"),
            series.get("leftBone"));
    audiogram.set(a.isEmpty() ? Optional.empty() : Optional.of(a));
  }

  private static Map<String, String> cellsOf(Optional<Audiogram> a) {
    Map<String, String> cells = new LinkedHashMap<>();
    a.ifPresent(
        g -> {
          g.rightAir().forEach((f, v) -> cells.put("rightAir:" + f, Integer.toString(v)));
          g.leftAir().forEach((f, v) -> cells.put("leftAir:" + f, Integer.toString(v)));
          g.rightBone().forEach((f, v) -> cells.put("rightBone:" + f, Integer.toString(v)));
          g.leftBone().forEach((f, v) -> cells.put("leftBone:" + f, Integer.toString(v)));
        });
    return cells;
  }

  private static EditorState stateOf(SoapNote n) {
    return new EditorState(
        n.transcript(),
        n.template(),
        n.draft().sentences(),
        n.draft().fields(),
        cellsOf(n.draft().audiogram()));
  }

  // --- saving -------------------------------------------------------------------------------

  private void markDirty() {
    if (amending.get()) {
      saveState.set(i18n.get("soap.save.amendmentPending"));
      return;
    }
    dirty = true;
    saveState.set(i18n.get("soap.save.unsaved"));
    autosave.schedule(this::save);
  }

  /** Saves pending changes now (leaving the note, approving, exporting). */
  public void flush() {
    autosave.cancel();
    save();
  }

  /** True while a change is not yet persisted. */
  public boolean hasUnsavedChanges() {
    return dirty || saving;
  }

  private void save() {
    if (!dirty) {
      runAfterSave();
      return;
    }
    if (saving) {
      pendingSave = true;
      return;
    }
    Optional<Patient> p = patient.get();
    EditorState s = state();
    if (p.isEmpty() || note.get().map(SoapNote::isLocked).orElse(false)) {
      dirty = false;
      return;
    }
    if (note.get().isEmpty() && s.isBlank()) {
      dirty = false;
      saveState.set("");
      runAfterSave();
      return;
    }
    saving = true;
    dirty = false;
    saveState.set(i18n.get("soap.save.saving"));
    long generation = editorGeneration;
    Optional<SoapNote> current = note.get();
    Optional<String> visitId =
        current.isPresent()
            ? current.get().visitId()
            : Optional.ofNullable(visit.get()).map(v -> v.id().value());
    SoapDraft content = toDraft(s);
    tasks
        .submit(
            i18n.get("soap.task.save"),
            progress -> {
              SoapNote saved =
                  current.isPresent()
                      ? notes.saveDraft(current.get().id(), s.transcript(), content)
                      : notes.createDraft(p.get().id().value(), visitId, s.transcript(), content);
              try {
                search.index(saved);
              } catch (RuntimeException e) {
                // the index is a convenience: the note itself is saved
              }
              return saved;
            })
        .handle(
            ui(
                (saved, failure) -> {
                  saving = false;
                  if (failure != null) {
                    if (generation == editorGeneration) {
                      dirty = true;
                      saveState.set(i18n.get("soap.save.failed"));
                      if (ErrorReporter.unwrap(failure)
                          instanceof org.meditwin.core.service.AccessDeniedException) {
                        // locked session: keep trying quietly, the save lands after unlock
                        autosave.schedule(this::save);
                      }
                    }
                    error.set(errors.message(failure));
                    afterSave.clear();
                    pendingSave = false;
                    return;
                  }
                  replaceInList(saved);
                  if (generation == editorGeneration) {
                    note.set(Optional.of(saved));
                    if (!dirty) {
                      saveState.set(
                          i18n.get("soap.save.saved", TIME.format(saved.updated().atZone(zone))));
                    }
                  }
                  if (pendingSave) {
                    pendingSave = false;
                    save();
                  } else {
                    runAfterSave();
                  }
                }))
        .exceptionally(this::callbackFailed);
  }

  private void runAfterSave() {
    if (dirty || saving) {
      return;
    }
    List<Runnable> run = List.copyOf(afterSave);
    afterSave.clear();
    run.forEach(Runnable::run);
  }

  /** Runs {@code action} once everything is saved. */
  private void whenSaved(Runnable action) {
    afterSave.add(action);
    flush();
  }

  private void replaceInList(SoapNote saved) {
    if (!patient.get().map(p -> p.id().value().equals(saved.patientId())).orElse(false)) {
      return;
    }
    for (int i = 0; i < pastNotes.size(); i++) {
      if (pastNotes.get(i).id().equals(saved.id())) {
        pastNotes.remove(i);
        break;
      }
    }
    pastNotes.addFirst(saved);
  }

  SoapDraft toDraft(EditorState s) {
    List<SentenceCheck> checks = new ArrayList<>();
    for (int i = 0; i < sentences.size(); i++) {
      Optional<SentenceCheck> c = sentences.get(i).checkProperty().get();
      if (c.isEmpty()) {
        checks.clear();
        break;
      }
      checks.add(new SentenceCheck(i, c.get().verdict(), c.get().reason()));
    }
    List<String> missing = new ArrayList<>();
    for (TemplateField f : s.template().fields()) {
      if (f.required()
          && s.fields().getOrDefault(f.key(), "").isBlank()
          && !(f.key().equals("audiogram") && audiogram.get().isPresent())) {
        missing.add(f.key());
      }
    }
    Map<String, String> templateFields = new LinkedHashMap<>();
    for (TemplateField f : s.template().fields()) {
      String v = s.fields().get(f.key());
      if (v != null && !v.isBlank()) {
        templateFields.put(f.key(), v.strip());
      }
    }
    return new SoapDraft(
        s.template(),
        s.sentences(),
        templateFields,
        s.template() == NoteTemplate.HEARING ? audiogram.get() : Optional.empty(),
        checks,
        missing,
        aiApproved.get(),
        draftIssues,
        engineName);
  }

  // --- capture ------------------------------------------------------------------------------

  /** Transcribes a WAV file chosen by the user, showing partial text; cancellable. */
  public void importWav() {
    if (!canCapture()) {
      return;
    }
    dialogs.chooseOpenFile(i18n.get("soap.capture.wav.choose")).ifPresent(wav -> importWav(wav));
  }

  /** Transcribes {@code wav} (tests and drag-and-drop). */
  public void importWav(Path wav) {
    if (!canCapture()) {
      return;
    }
    startCapture(
        i18n.get("soap.task.transcribe"),
        false,
        cancel ->
            capture.transcribeWav(
                wav,
                this::partial,
                fraction -> fx.execute(() -> captureProgress.set(fraction)),
                cancel::get));
  }

  /** Dictates from the microphone until {@link #stopCapture()}. */
  public void dictate() {
    if (!canCapture()) {
      return;
    }
    startCapture(
        i18n.get("soap.task.dictate"), true, cancel -> capture.dictate(this::partial, cancel::get));
  }

  /** Stops a running capture; the text recognised so far is kept. */
  public void stopCapture() {
    captureCancel.set(true);
  }

  private boolean canCapture() {
    if (patient.get().isEmpty()) {
      error.set(i18n.get("soap.error.noPatient"));
      return false;
    }
    if (!editable.get()) {
      error.set(i18n.get("soap.error.locked"));
      return false;
    }
    return !capturing.get();
  }

  private void partial(String words) {
    fx.execute(
        () ->
            partialText.set(partialText.get().isEmpty() ? words : partialText.get() + " " + words));
  }

  @FunctionalInterface
  private interface CaptureWork {
    String run(AtomicBoolean cancel) throws Exception;
  }

  private void startCapture(String title, boolean microphone, CaptureWork work) {
    AtomicBoolean cancel = new AtomicBoolean();
    captureCancel = cancel;
    capturing.set(true);
    captureProgress.set(microphone ? -1 : 0);
    partialText.set("");
    error.set("");
    status.set(title);
    long generation = editorGeneration;
    tasks
        .submit(title, progress -> work.run(cancel))
        .handle(
            ui(
                (text, failure) -> {
                  capturing.set(false);
                  captureProgress.set(0);
                  partialText.set("");
                  if (failure != null) {
                    status.set("");
                    error.set(captureMessage(failure));
                    return;
                  }
                  if (text == null || text.isBlank()) {
                    status.set("");
                    error.set(
                        i18n.get(
                            cancel.get() ? "soap.capture.stoppedEmpty" : "soap.capture.noSpeech"));
                    return;
                  }
                  if (generation != editorGeneration) {
                    // the user left the note meanwhile: keep the words for the new one rather than
                    // lose
                    // them
                    status.set(i18n.get("soap.capture.movedToCurrent"));
                  } else {
                    status.set(
                        i18n.get(cancel.get() ? "soap.capture.stopped" : "soap.capture.done"));
                  }
                  appendTranscript(text.strip());
                }))
        .exceptionally(this::callbackFailed);
  }

  private String captureMessage(Throwable failure) {
    Throwable t = ErrorReporter.unwrap(failure);
    if (t instanceof IOException || t instanceof org.meditwin.dictation.RecognitionException) {
      String m = t.getMessage();
      return m == null || m.isBlank() ? i18n.get("soap.capture.failed") : m;
    }
    return errors.message(t);
  }

  private void appendTranscript(String text) {
    String current = transcript.get() == null ? "" : transcript.get();
    endEditBurst();
    transcript.set(current.isBlank() ? text : current.stripTrailing() + "\n\n" + text);
    endEditBurst();
  }

  /** Imports a text or PDF document chosen by the user as (more) transcript. */
  public void importDocument() {
    if (!canCapture()) {
      return;
    }
    dialogs
        .chooseOpenFile(i18n.get("soap.capture.document.choose"))
        .ifPresent(this::importDocument);
  }

  public void importDocument(Path file) {
    if (!canCapture()) {
      return;
    }
    error.set("");
    inBackground(
        i18n.get("soap.task.import"),
        progress -> TranscriptDocuments.read(file),
        text -> {
          appendTranscript(text);
          status.set(i18n.get("soap.capture.documentDone"));
        });
  }

  // --- drafting and validation --------------------------------------------------------------

  private SoapEngine engine() {
    SoapEngine e = engine.get();
    if (e == null) {
      e = engineLoader.get();
      engine.compareAndSet(null, e);
    }
    return engine.get();
  }

  /** Drafts the note from the transcript with the chosen template (one undo step). */
  public void draft() {
    if (!editable.get() || drafting.get()) {
      return;
    }
    if (patient.get().isEmpty()) {
      error.set(i18n.get("soap.error.noPatient"));
      return;
    }
    String t = transcript.get() == null ? "" : transcript.get();
    if (t.isBlank()) {
      error.set(i18n.get("soap.error.emptyTranscript"));
      return;
    }
    NoteTemplate chosen = template.get();
    drafting.set(true);
    error.set("");
    status.set(i18n.get("soap.draft.running"));
    long generation = editorGeneration;
    long started = System.nanoTime();
    tasks
        .submit(
            i18n.get("soap.task.draft"),
            progress -> {
              progress.progress(0, 2, i18n.get("soap.draft.loading"));
              SoapEngine e = engine();
              progress.progress(1, 2, i18n.get("soap.task.draft"));
              return e.draft(t, chosen);
            })
        .handle(
            ui(
                (d, failure) -> {
                  drafting.set(false);
                  if (generation != editorGeneration) {
                    return;
                  }
                  if (failure != null) {
                    status.set("");
                    error.set(errors.message(failure));
                    return;
                  }
                  if (d.sentences().isEmpty()) {
                    status.set("");
                    error.set(i18n.get("soap.error.nothingDrafted"));
                    return;
                  }
                  applyDraft(d, t);
                  status.set(
                      i18n.get(
                          "soap.draft.done",
                          d.sentences().size(),
                          String.format(
                              i18n.language().locale(),
                              "%.1f",
                              (System.nanoTime() - started) / 1e9)));
                }))
        .exceptionally(this::callbackFailed);
  }

  private void applyDraft(SoapDraft d, String draftedFrom) {
    change(
        () -> {
          template.set(d.template());
          for (SentenceItem old : sentences) {
            old.textProperty().removeListener(sentenceListener);
          }
          List<SentenceItem> items = new ArrayList<>();
          for (DraftSentence s : d.sentences()) {
            SentenceItem item = new SentenceItem(s);
            item.textProperty().addListener(sentenceListener);
            items.add(item);
          }
          sentences.setAll(items);
          d.fields()
              .forEach(
                  (k, v) -> {
                    StringProperty p = fields.get(k);
                    if (p != null) {
                      p.set(v);
                    }
                  });
          if (d.audiogram().isPresent()) {
            Map<String, String> cells = cellsOf(d.audiogram());
            audiogramCells.forEach((k, p) -> p.set(cells.getOrDefault(k, "")));
          }
        });
    updateAudiogram();
    committed = state();
    engineName = d.engine();
    draftIssues = d.issues();
    issues.setAll(alerts(d.issues()));
    spansStale.set(!draftedFrom.equals(transcript.get()));
    selectedSentence.set(-1);
    highlights.clear();
    applyChecks(d.checks(), d.missingFields());
  }

  /** Re-judges the current sentences against the transcript and lists missing fields. */
  public void validate() {
    revalidation.cancel();
    if (sentences.isEmpty()) {
      applyChecks(List.of(), missingNow());
      return;
    }
    String t = transcript.get() == null ? "" : transcript.get();
    EditorState s = state();
    long generation = ++validationGeneration;
    validating.set(true);
    Map<String, String> f = toDraft(s).fields();
    tasks
        .submit(
            i18n.get("soap.task.validate"),
            progress -> {
              SoapEngine e = engine();
              return new Judged(e.validate(t, s.sentences()), e.missingFields(s.template(), f));
            })
        .handle(
            ui(
                (judged, failure) -> {
                  if (generation != validationGeneration) {
                    return;
                  }
                  validating.set(false);
                  if (failure != null) {
                    error.set(errors.message(failure));
                    return;
                  }
                  if (!state().sentences().equals(s.sentences())) {
                    return; // edited meanwhile: the next (scheduled) check applies
                  }
                  List<String> missing = new ArrayList<>(judged.missing());
                  if (audiogram.get().isPresent()) {
                    missing.remove("audiogram");
                  }
                  applyChecks(judged.checks(), missing);
                  if (note.get().map(n -> !n.isLocked()).orElse(false) || amending.get()) {
                    dirty = true;
                    if (!amending.get()) {
                      autosave.schedule(this::save);
                    }
                  }
                }))
        .exceptionally(this::callbackFailed);
  }

  private record Judged(List<SentenceCheck> checks, List<String> missing) {}

  private List<String> missingNow() {
    return toDraft(state()).missingFields();
  }

  private void scheduleValidation() {
    if (!sentences.isEmpty()) {
      revalidation.schedule(this::validate);
    }
  }

  /** Shows the judge's findings on the sentences and the summary (display logic, tested). */
  void applyChecks(List<SentenceCheck> checks, List<String> missingKeys) {
    for (SentenceItem item : sentences) {
      item.checkProperty().set(Optional.empty());
    }
    for (SentenceCheck c : checks) {
      if (c.index() >= 0 && c.index() < sentences.size()) {
        sentences.get(c.index()).checkProperty().set(Optional.of(c));
      }
    }
    NoteTemplate t = template.get();
    missingFields.setAll(
        missingKeys.stream().map(k -> t.field(k).map(TemplateField::label).orElse(k)).toList());
    ValidationSummary summary = ValidationSummary.of(checks, sentences.size(), missingKeys.size());
    aiApproved.set(summary.aiApproved());
    validationSummary.set(summary.text(i18n));
  }

  // --- approval, amendments, export ---------------------------------------------------------

  /** Asks for confirmation, saves, then approves: the note becomes read-only. */
  public void approve() {
    if (patient.get().isEmpty() || !editable.get() || amending.get()) {
      return;
    }
    EditorState s = state();
    if (s.sentences().stream().allMatch(x -> x.text().isBlank())) {
      error.set(i18n.get("soap.error.nothingToApprove"));
      return;
    }
    ValidationSummary summary =
        ValidationSummary.of(currentChecks(), sentences.size(), missingFields.size());
    String message =
        summary.problems() > 0 || !missingFields.isEmpty() || !summary.complete()
            ? i18n.get("soap.approve.confirmWithProblems", summary.text(i18n))
            : i18n.get("soap.approve.confirm");
    if (!dialogs.confirm(i18n.get("soap.approve.title"), message)) {
      return;
    }
    long generation = editorGeneration;
    whenSaved(
        () -> {
          Optional<SoapNote> n = note.get();
          if (n.isEmpty() || generation != editorGeneration) {
            return;
          }
          inBackground(
              i18n.get("soap.task.approve"),
              progress -> {
                SoapNote approved = notes.approve(n.get().id());
                search.index(approved);
                return approved;
              },
              approved -> {
                replaceInList(approved);
                if (generation == editorGeneration) {
                  note.set(Optional.of(approved));
                  editable.set(false);
                  history.clear();
                  saveState.set(
                      i18n.get(
                          "soap.approved.by",
                          approved.approval().orElseThrow().approverName(),
                          TIME.format(approved.approval().orElseThrow().at().atZone(zone))));
                  status.set(i18n.get("soap.approve.done"));
                }
              });
        });
  }

  private List<SentenceCheck> currentChecks() {
    List<SentenceCheck> out = new ArrayList<>();
    for (SentenceItem item : sentences) {
      item.checkProperty().get().ifPresent(out::add);
    }
    return out;
  }

  /** Makes an approved note editable for an amendment (saved with a reason). */
  public void startAmendment() {
    if (note.get().map(n -> n.status() != NoteStatus.APPROVED).orElse(true) || amending.get()) {
      return;
    }
    amending.set(true);
    editable.set(true);
    history.clear();
    committed = state();
    burstKey = null;
    status.set(i18n.get("soap.amend.started"));
  }

  /** Drops the amendment in progress and shows the note as approved. */
  public void cancelAmendment() {
    if (!amending.get()) {
      return;
    }
    SoapNote n = note.get().orElseThrow();
    open(n);
    status.set(i18n.get("soap.amend.cancelled"));
  }

  /** Asks for the reason and records the amendment. */
  public void saveAmendment() {
    if (!amending.get()) {
      return;
    }
    Optional<String> reason =
        dialogs.askText(i18n.get("soap.amend.title"), i18n.get("soap.amend.reason"), "");
    if (reason.isEmpty()) {
      return;
    }
    if (reason.get().isBlank()) {
      error.set(i18n.get("soap.amend.reasonRequired"));
      return;
    }
    SoapNote n = note.get().orElseThrow();
    SoapDraft content = toDraft(state());
    long generation = editorGeneration;
    inBackground(
        i18n.get("soap.task.amend"),
        progress -> {
          SoapNote amended = notes.amend(n.id(), reason.get(), content);
          search.index(amended);
          return amended;
        },
        amended -> {
          replaceInList(amended);
          if (generation == editorGeneration) {
            amending.set(false);
            editable.set(false);
            note.set(Optional.of(amended));
            history.clear();
            saveState.set(i18n.get("soap.amend.saved", amended.amendments().size()));
            status.set(i18n.get("soap.amend.done"));
          }
        });
  }

  /** Discards the current draft after confirmation. */
  public void discardDraft() {
    Optional<SoapNote> n = note.get();
    if (n.isEmpty()) {
      newNote();
      return;
    }
    if (n.get().isLocked()
        || !dialogs.confirm(i18n.get("soap.discard.title"), i18n.get("soap.discard.confirm"))) {
      return;
    }
    autosave.cancel();
    long generation = ++editorGeneration;
    dirty = false;
    inBackground(
        i18n.get("soap.task.discard"),
        progress -> {
          notes.discardDraft(n.get().id());
          search.remove(n.get().id());
          return n.get();
        },
        gone -> {
          pastNotes.removeIf(x -> x.id().equals(gone.id()));
          if (generation == editorGeneration) {
            resetEditor(Optional.empty(), EditorState.empty(template.get()));
            status.set(i18n.get("soap.discard.done"));
          }
        });
  }

  /** Saves, then writes the note as PDF to a file the user chooses. */
  public void exportPdf() {
    if (note.get().isEmpty() && state().isBlank()) {
      error.set(i18n.get("soap.error.nothingToExport"));
      return;
    }
    Optional<Path> target =
        dialogs.chooseSaveFile(
            i18n.get("soap.export.title"),
            "soap-note-" + LocalDateTime.now(clock.withZone(zone)).toLocalDate() + ".pdf");
    if (target.isEmpty()) {
      return;
    }
    if (amending.get()) {
      error.set(i18n.get("soap.export.amendingFirst"));
      return;
    }
    whenSaved(
        () -> {
          Optional<SoapNote> n = note.get();
          if (n.isEmpty()) {
            return;
          }
          inBackground(
              i18n.get("soap.task.export"),
              progress -> notes.exportPdf(n.get().id(), target.get()),
              written -> {
                status.set(i18n.get("soap.export.done", written.getFileName()));
              });
        });
  }

  // --- past notes ---------------------------------------------------------------------------

  /** Notes most like the open one (this patient's or the clinic's, per the scope). */
  public void findSimilar() {
    Optional<SoapNote> n = note.get();
    if (n.isEmpty()) {
      error.set(i18n.get("soap.similar.saveFirst"));
      return;
    }
    if (!search.available()) {
      error.set(i18n.get("soap.search.unavailable"));
      return;
    }
    Optional<String> scope = scope();
    inBackground(
        i18n.get("soap.task.similar"),
        progress -> search.similar(n.get().id(), scope),
        hits -> {
          noteHits.setAll(hits);
          noteHitsTitle.set(
              hits.isEmpty()
                  ? i18n.get("soap.similar.none")
                  : i18n.get("soap.similar.title", hits.size()));
        });
  }

  /** Searches notes (this patient's or the clinic's). */
  public void searchNotes() {
    String q = noteQuery.get() == null ? "" : noteQuery.get().strip();
    if (q.isEmpty()) {
      noteHits.clear();
      noteHitsTitle.set("");
      return;
    }
    if (!search.available()) {
      error.set(i18n.get("soap.search.unavailable"));
      return;
    }
    Optional<String> scope = scope();
    inBackground(
        i18n.get("soap.task.search"),
        progress -> search.search(q, scope),
        hits -> {
          noteHits.setAll(hits);
          noteHitsTitle.set(i18n.get("soap.search.count", hits.size()));
        });
  }

  private Optional<String> scope() {
    return clinicScope.get() ? Optional.empty() : patient.get().map(p -> p.id().value());
  }

  /**
   * Opens a note hit: this patient's notes open in the editor; another patient's note is returned
   * so the view can switch the current patient first.
   */
  public Optional<String> openHit(PatientRecordHit hit) {
    if (!patient.get().map(p -> p.id().value().equals(hit.patientId())).orElse(false)) {
      return Optional.of(hit.patientId());
    }
    NoteSearch.noteId(hit.id())
        .flatMap(id -> pastNotes.stream().filter(n -> n.id().equals(id)).findFirst())
        .ifPresent(this::open);
    return Optional.empty();
  }

  /** Looks a patient up (audited read) in the background, for a clinic-wide note hit. */
  java.util.concurrent.CompletableFuture<Optional<Patient>> findPatient(String patientId) {
    return tasks.submit(
        i18n.get("soap.task.load"),
        p -> session.patients().find(new org.meditwin.core.domain.PatientId(patientId)));
  }

  /** Opens the note with this index id once the patient's notes are loaded. */
  void openWhenLoaded(String recordId) {
    Optional<org.meditwin.notes.NoteId> wanted = NoteSearch.noteId(recordId);
    Optional<SoapNote> loaded =
        wanted.flatMap(id -> pastNotes.stream().filter(n -> n.id().equals(id)).findFirst());
    if (loaded.isPresent()) {
      open(loaded.get());
      return;
    }
    wanted.ifPresent(
        id ->
            pastNotes.addListener(
                new javafx.collections.ListChangeListener<SoapNote>() {
                  @Override
                  public void onChanged(Change<? extends SoapNote> c) {
                    pastNotes.stream()
                        .filter(n -> n.id().equals(id))
                        .findFirst()
                        .ifPresent(
                            n -> {
                              pastNotes.removeListener(this);
                              open(n);
                            });
                  }
                }));
  }

  /** The note as plain text with section headings (for the assistant); empty without sentences. */
  public String noteText() {
    return sentences.isEmpty() ? "" : toDraft(state()).text();
  }

  /** Releases the speech engines. */
  public void dispose() {
    stopCapture();
    flush();
    capture.close();
  }

  static String verdictKey(Verdict v) {
    return "soap.verdict." + v.name().toLowerCase(java.util.Locale.ROOT);
  }
}
