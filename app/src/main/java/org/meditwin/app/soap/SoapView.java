package org.meditwin.app.soap;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.util.StringConverter;
import org.meditwin.app.common.Formats;
import org.meditwin.app.common.PaneContext;
import org.meditwin.app.i18n.I18n;
import org.meditwin.app.search.Debouncer;
import org.meditwin.app.theme.Styles;
import org.meditwin.core.domain.VisitSession;
import org.meditwin.notes.NoteService;
import org.meditwin.notes.SoapNote;
import org.meditwin.search.patient.PatientRecordHit;
import org.meditwin.search.patient.PatientRecordIndex;
import org.meditwin.soap.Audiogram;
import org.meditwin.soap.NoteTemplate;
import org.meditwin.soap.Section;
import org.meditwin.soap.SentenceCheck;
import org.meditwin.soap.SourceSpan;
import org.meditwin.soap.TemplateField;
import org.meditwin.soap.Verdict;

/**
 * The SOAP notes pane: past notes and note search (left), capture and transcript with the selected
 * sentence's sources (middle), the sentence editor with verdicts, structured fields and the
 * audiogram (right). Every control has an id and is reachable with Tab; Ctrl+Z / Ctrl+Y undo and
 * redo note edits.
 */
public final class SoapView {
  static final String STYLESHEET = "/org/meditwin/app/soap/soap.css";
  private static final int CONTEXT = 80;

  private final SoapViewModel vm;
  private final PaneContext context;
  private final I18n i18n;
  private final StackPane root = new StackPane();
  private final VBox editorSections = new VBox();
  private final Map<Section, VBox> sectionRows = new EnumMap<>(Section.class);
  private final VBox sources = new VBox();
  private final TextArea transcript = new TextArea();
  private final GridPane fieldsGrid = new GridPane();
  private final VBox audiogramBox = new VBox();
  private final AudiogramChartView chart;
  private final List<TextArea> sentenceAreas = new ArrayList<>();

  /** The pane over the signed-in session; the SOAP pipeline loads on the first draft. */
  public SoapView(PaneContext context) {
    this(context, () -> PipelineEngine.load(context.modelsDir()), context.patientRecords());
  }

  /**
   * @param engine loads the SOAP pipeline (called once, on a worker thread)
   * @param patientRecords the open patient-record index, when there is one
   */
  public SoapView(
      PaneContext context,
      Supplier<SoapEngine> engine,
      Supplier<Optional<PatientRecordIndex>> patientRecords) {
    this(
        new SoapViewModel(
            context.session(),
            NoteService.of(context.session()),
            context.tasks(),
            context.i18n(),
            context.errors(),
            context.dialogs(),
            context.clock(),
            context.zone(),
            engine,
            new DictationCapture(context.modelsDir()),
            new NoteSearch(patientRecords, context.session(), context.zone()),
            Debouncer.fx(Duration.ofMillis(700)),
            Debouncer.fx(Duration.ofMillis(1200)),
            Platform::runLater),
        context);
  }

  SoapView(SoapViewModel vm, PaneContext context) {
    this.vm = Objects.requireNonNull(vm);
    this.context = context;
    this.i18n = context.i18n();
    this.chart = new AudiogramChartView(i18n);
    root.setId("soap-view");
    root.getStyleClass().add("mt-soap");
    root.getStylesheets()
        .add(Objects.requireNonNull(SoapView.class.getResource(STYLESHEET)).toExternalForm());

    Node noPatient = noPatientPrompt();
    BorderPane main = new BorderPane();
    main.setTop(header());
    SplitPane split = new SplitPane(notesPanel(), transcriptPanel(), editorPanel());
    split.setId("soap-split");
    split.setDividerPositions(0.2, 0.5);
    main.setCenter(split);
    main.setBottom(statusLine());
    root.getChildren().setAll(noPatient, main);
    main.visibleProperty()
        .bind(
            Bindings.createBooleanBinding(
                () -> vm.patientProperty().get().isPresent(), vm.patientProperty()));
    noPatient.visibleProperty().bind(main.visibleProperty().not());

    root.addEventFilter(KeyEvent.KEY_PRESSED, this::shortcuts);
    context.currentPatientProperty().addListener((o, a, b) -> vm.setPatient(b));
    vm.setPatient(context.currentPatient());
    context.recordRequestProperty().addListener((o, a, b) -> openRequested(b));
    openRequested(context.recordRequestProperty().get());
    root.getProperties().put("focus-target", transcript);
  }

  public Parent root() {
    return root;
  }

  SoapViewModel viewModel() {
    return vm;
  }

  private void shortcuts(KeyEvent e) {
    KeyCombination undo = new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN);
    KeyCombination redo = new KeyCodeCombination(KeyCode.Y, KeyCombination.SHORTCUT_DOWN);
    KeyCombination redo2 =
        new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    if (redo.match(e) || redo2.match(e)) {
      vm.redo();
      e.consume();
    } else if (undo.match(e)) {
      vm.undo();
      e.consume();
    }
  }

  // --- layout -------------------------------------------------------------------------------

  private Node noPatientPrompt() {
    Label title = new Label(i18n.get("soap.noPatient.title"));
    title.getStyleClass().add(Styles.SECTION_TITLE);
    Label text = new Label(i18n.get("soap.noPatient.text"));
    text.setWrapText(true);
    Button go = new Button(i18n.get("soap.noPatient.open"));
    go.setId("soap-go-patients");
    go.getStyleClass().add(Styles.ACCENT);
    go.setOnAction(e -> context.show(PaneContext.Pane.PATIENTS));
    VBox box = new VBox(12, title, text, go);
    box.setId("soap-no-patient");
    box.setAlignment(Pos.CENTER);
    box.setMaxWidth(460);
    box.getStyleClass().add(Styles.CARD);
    StackPane wrap = new StackPane(box);
    wrap.getStyleClass().add(Styles.PANE);
    return wrap;
  }

  private Node header() {
    Label patient = new Label();
    patient.setId("soap-patient");
    patient.getStyleClass().add(Styles.SECTION_TITLE);
    Locale locale = i18n.language().locale();
    patient
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () ->
                    vm.patientProperty()
                        .get()
                        .map(
                            p ->
                                i18n.get(
                                    "soap.patient",
                                    p.displayName(),
                                    p.mrn(),
                                    p.birthDate().map(d -> Formats.date(d, locale)).orElse("—")))
                        .orElse(""),
                vm.patientProperty()));

    ComboBox<VisitSession> visit = new ComboBox<>(vm.visits());
    visit.setId("soap-visit");
    visit.valueProperty().bindBidirectional(vm.visitProperty());
    visit.setPromptText(i18n.get("soap.visit.none"));
    visit.setConverter(
        new StringConverter<>() {
          @Override
          public String toString(VisitSession v) {
            return v == null
                ? i18n.get("soap.visit.none")
                : Formats.dateTime(v.startedAt(), locale, context.zone())
                    + (v.reason().isEmpty() ? "" : " — " + v.reason());
          }

          @Override
          public VisitSession fromString(String s) {
            return null;
          }
        });
    visit.disableProperty().bind(vm.noteProperty().map(Optional::isPresent));
    Label visitLabel = new Label(i18n.get("soap.visit.label"));
    visitLabel.setLabelFor(visit);
    Button startVisit = new Button(i18n.get("soap.visit.start"));
    startVisit.setId("soap-visit-start");
    startVisit.setOnAction(
        e ->
            context
                .dialogs()
                .askText(i18n.get("soap.visit.start"), i18n.get("soap.visit.reason"), "")
                .ifPresent(vm::startVisit));

    ComboBox<NoteTemplate> template = new ComboBox<>();
    template.setId("soap-template");
    template.getItems().setAll(NoteTemplate.values());
    template.valueProperty().bindBidirectional(vm.templateProperty());
    template.setConverter(
        new StringConverter<>() {
          @Override
          public String toString(NoteTemplate t) {
            return t == null ? "" : i18n.get("soap.template." + t.key());
          }

          @Override
          public NoteTemplate fromString(String s) {
            return NoteTemplate.GENERAL;
          }
        });
    template.disableProperty().bind(vm.editableProperty().not());
    Label templateLabel = new Label(i18n.get("soap.template.label"));
    templateLabel.setLabelFor(template);

    Label saveState = new Label();
    saveState.setId("soap-save-state");
    saveState.getStyleClass().add(Styles.HINT);
    saveState.textProperty().bind(vm.saveStateProperty());

    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    FlowPane controls = new FlowPane(8, 6, visitLabel, visit, startVisit, templateLabel, template);
    controls.setAlignment(Pos.CENTER_LEFT);
    HBox.setHgrow(controls, Priority.ALWAYS);
    HBox bar = new HBox(16, patient, controls, saveState);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.getStyleClass().add("mt-soap-header");
    bar.setId("soap-header");
    return bar;
  }

  private Node notesPanel() {
    Label title = new Label(i18n.get("soap.notes.title"));
    title.getStyleClass().add(Styles.SECTION_TITLE);
    Button newNote = new Button(i18n.get("soap.notes.new"));
    newNote.setId("soap-new");
    newNote.setOnAction(e -> vm.newNote());
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox head = new HBox(8, title, spacer, newNote);
    head.setAlignment(Pos.CENTER_LEFT);

    Locale locale = i18n.language().locale();
    ListView<SoapNote> list = new ListView<>(vm.pastNotes());
    list.setId("soap-notes");
    Label noNotes = new Label(i18n.get("soap.notes.empty"));
    noNotes.setWrapText(true);
    noNotes.setPadding(new javafx.geometry.Insets(6));
    list.setPlaceholder(noNotes);
    list.setCellFactory(
        l ->
            new ListCell<>() {
              @Override
              protected void updateItem(SoapNote n, boolean empty) {
                super.updateItem(n, empty);
                getStyleClass().removeAll("mt-soap-note-approved", "mt-soap-note-draft");
                if (empty || n == null) {
                  setText(null);
                  return;
                }
                String state =
                    n.isLocked()
                        ? n.amendments().isEmpty()
                            ? i18n.get("soap.status.approved")
                            : i18n.get("soap.status.amended", n.amendments().size())
                        : i18n.get("soap.status.draft");
                setText(
                    Formats.dateTime(n.created(), locale, context.zone())
                        + "\n"
                        + i18n.get("soap.template." + n.template().key())
                        + " · "
                        + state);
                getStyleClass().add(n.isLocked() ? "mt-soap-note-approved" : "mt-soap-note-draft");
              }
            });
    list.setOnMouseClicked(
        e -> {
          SoapNote n = list.getSelectionModel().getSelectedItem();
          if (n != null && !vm.noteProperty().get().map(x -> x.id().equals(n.id())).orElse(false)) {
            vm.open(n);
          }
        });
    list.setOnKeyPressed(
        e -> {
          SoapNote n = list.getSelectionModel().getSelectedItem();
          if (e.getCode() == KeyCode.ENTER && n != null) {
            vm.open(n);
          }
        });
    list.setPrefHeight(220);

    TextField query = new TextField();
    query.setId("soap-note-search");
    query.setPromptText(i18n.get("soap.search.prompt"));
    query.textProperty().bindBidirectional(vm.noteQueryProperty());
    query.setOnAction(e -> vm.searchNotes());
    query.setMaxWidth(Double.MAX_VALUE);
    CheckBox clinic = new CheckBox(i18n.get("soap.search.clinic"));
    clinic.setId("soap-clinic-scope");
    clinic.selectedProperty().bindBidirectional(vm.clinicScopeProperty());
    Button similar = new Button(i18n.get("soap.similar.button"));
    similar.setId("soap-similar");
    similar.disableProperty().bind(vm.noteProperty().map(Optional::isEmpty));
    similar.setOnAction(e -> vm.findSimilar());
    Button go = new Button(i18n.get("soap.search.button"));
    go.setId("soap-note-search-go");
    go.setOnAction(e -> vm.searchNotes());
    // never truncate the button labels: they wrap onto a second row when the column is narrow
    go.setMinWidth(Region.USE_PREF_SIZE);
    similar.setMinWidth(Region.USE_PREF_SIZE);
    javafx.scene.layout.FlowPane searchRow = new javafx.scene.layout.FlowPane(6, 6, go, similar);
    Label hitsTitle = new Label();
    hitsTitle.setId("soap-hits-title");
    hitsTitle.getStyleClass().add(Styles.HINT);
    hitsTitle.textProperty().bind(vm.noteHitsTitleProperty());
    ListView<PatientRecordHit> hits = new ListView<>(vm.noteHits());
    hits.setId("soap-hits");
    Label placeholder =
        new Label(
            vm.searchAvailable()
                ? i18n.get("soap.search.none")
                : i18n.get("soap.search.unavailable"));
    placeholder.setWrapText(true);
    placeholder.setMaxWidth(200);
    placeholder.getStyleClass().add(Styles.HINT);
    hits.setPlaceholder(placeholder);
    hits.setCellFactory(l -> new HitCell(locale));
    Runnable openHit =
        () -> {
          PatientRecordHit h = hits.getSelectionModel().getSelectedItem();
          if (h != null) {
            vm.openHit(h).ifPresent(otherPatient -> switchPatient(otherPatient, h.id()));
          }
        };
    hits.setOnMouseClicked(
        e -> {
          if (e.getClickCount() == 2) {
            openHit.run();
          }
        });
    hits.setOnKeyPressed(
        e -> {
          if (e.getCode() == KeyCode.ENTER) {
            openHit.run();
          }
        });
    VBox.setVgrow(hits, Priority.ALWAYS);
    Label searchTitle = new Label(i18n.get("soap.search.title"));
    searchTitle.getStyleClass().add(Styles.SECTION_TITLE);
    VBox box = new VBox(8, head, list, searchTitle, query, searchRow, clinic, hitsTitle, hits);
    box.getStyleClass().add(Styles.PANE);
    box.setId("soap-notes-panel");
    box.setMinWidth(200);
    return box;
  }

  /** Opens a requested note (global search, assistant citation) once the notes are loaded. */
  private void openRequested(Optional<PaneContext.RecordRequest> request) {
    request
        .filter(r -> r.pane().equals(Optional.of(PaneContext.Pane.SOAP)))
        .ifPresent(
            r -> {
              context.recordRequestProperty().set(Optional.empty());
              vm.openWhenLoaded(r.recordId());
            });
  }

  private void switchPatient(String patientId, String recordId) {
    vm.findPatient(patientId)
        .whenComplete(
            (found, failure) -> {
              if (failure == null && found.isPresent()) {
                vm.openWhenLoaded(recordId);
                context.currentPatientProperty().set(Optional.of(found.get()));
              }
            });
  }

  private final class HitCell extends ListCell<PatientRecordHit> {
    private final Locale locale;

    HitCell(Locale locale) {
      this.locale = locale;
    }

    @Override
    protected void updateItem(PatientRecordHit h, boolean empty) {
      super.updateItem(h, empty);
      if (empty || h == null) {
        setGraphic(null);
        setText(null);
        return;
      }
      Label title = new Label(h.title() + " · " + Formats.date(h.date(), locale));
      title.getStyleClass().add("mt-soap-hit-title");
      TextFlow snippet = marked(h.snippet());
      snippet.setMaxWidth(260);
      VBox box = new VBox(2, title, snippet);
      setGraphic(box);
      setText(null);
    }
  }

  /** Renders «marked» words of a search snippet in bold. */
  private static TextFlow marked(String snippet) {
    TextFlow flow = new TextFlow();
    boolean in = false;
    StringBuilder cur = new StringBuilder();
    for (char c : snippet.toCharArray()) {
      if (c == PatientRecordHit.MARK_OPEN || c == PatientRecordHit.MARK_CLOSE) {
        Text t = new Text(cur.toString());
        t.getStyleClass().add(in ? "mt-soap-mark" : "mt-soap-text");
        flow.getChildren().add(t);
        cur.setLength(0);
        in = c == PatientRecordHit.MARK_OPEN;
      } else {
        cur.append(c);
      }
    }
    Text t = new Text(cur.toString());
    t.getStyleClass().add(in ? "mt-soap-mark" : "mt-soap-text");
    flow.getChildren().add(t);
    return flow;
  }

  private Node transcriptPanel() {
    Button wav = new Button(i18n.get("soap.capture.wav"));
    wav.setId("soap-import-wav");
    wav.setOnAction(e -> vm.importWav());
    Button mic = new Button(i18n.get("soap.capture.dictate"));
    mic.setId("soap-dictate");
    mic.setOnAction(e -> vm.dictate());
    Button doc = new Button(i18n.get("soap.capture.document"));
    doc.setId("soap-import-doc");
    doc.setOnAction(e -> vm.importDocument());
    Button stop = new Button(i18n.get("soap.capture.stop"));
    stop.setId("soap-capture-stop");
    stop.getStyleClass().add(Styles.DANGER);
    stop.setOnAction(e -> vm.stopCapture());
    stop.visibleProperty().bind(vm.capturingProperty());
    stop.managedProperty().bind(stop.visibleProperty());
    for (Button b : List.of(wav, mic, doc)) {
      b.disableProperty().bind(vm.capturingProperty().or(vm.editableProperty().not()));
    }
    FlowPane tools = new FlowPane(6, 6, wav, mic, doc, stop);

    ProgressBar progress = new ProgressBar();
    progress.setId("soap-capture-progress");
    progress.progressProperty().bind(vm.captureProgressProperty());
    progress.setMaxWidth(Double.MAX_VALUE);
    Label partial = new Label();
    partial.setId("soap-partial");
    partial.setWrapText(true);
    partial.getStyleClass().add(Styles.HINT);
    partial.textProperty().bind(vm.partialTextProperty());
    VBox live = new VBox(4, progress, partial);
    live.visibleProperty().bind(vm.capturingProperty());
    live.managedProperty().bind(live.visibleProperty());

    Label title = new Label(i18n.get("soap.transcript.title"));
    title.getStyleClass().add(Styles.SECTION_TITLE);
    title.setLabelFor(transcript);
    transcript.setId("soap-transcript");
    transcript.setWrapText(true);
    transcript.setPromptText(i18n.get("soap.transcript.prompt"));
    transcript.textProperty().bindBidirectional(vm.transcriptProperty());
    transcript.editableProperty().bind(vm.editableProperty().and(vm.capturingProperty().not()));
    transcript
        .focusedProperty()
        .addListener(
            (o, a, b) -> {
              if (!b) {
                vm.endEditBurst();
              }
            });
    VBox.setVgrow(transcript, Priority.ALWAYS);

    Label sourcesTitle = new Label(i18n.get("soap.sources.title"));
    sourcesTitle.getStyleClass().add(Styles.SECTION_TITLE);
    sources.setId("soap-sources");
    sources.getStyleClass().add("mt-soap-sources");
    ScrollPane sourcesScroll = new ScrollPane(sources);
    sourcesScroll.setId("soap-sources-scroll");
    sourcesScroll.setFitToWidth(true);
    sourcesScroll.setPrefHeight(150);
    sourcesScroll.setMinHeight(90);
    vm.highlights().addListener((ListChangeListener<SourceSpan>) c -> renderSources());
    vm.selectedSentenceProperty().addListener((o, a, b) -> renderSources());
    renderSources();

    VBox box = new VBox(8, tools, live, title, transcript, sourcesTitle, sourcesScroll);
    box.getStyleClass().add(Styles.PANE);
    box.setId("soap-transcript-panel");
    box.setMinWidth(260);
    return box;
  }

  private void renderSources() {
    sources.getChildren().clear();
    int index = vm.selectedSentenceProperty().get();
    if (index < 0) {
      sources.getChildren().add(hint(i18n.get("soap.sources.pick")));
      return;
    }
    if (vm.spansStaleProperty().get()) {
      sources.getChildren().add(hint(i18n.get("soap.sources.stale")));
      return;
    }
    List<SourceSpan> spans = vm.highlights();
    if (spans.isEmpty()) {
      sources.getChildren().add(hint(i18n.get("soap.sources.none")));
      return;
    }
    String text = vm.transcriptProperty().get();
    int n = 0;
    for (SourceSpan s : spans) {
      int from = Math.max(0, s.start() - CONTEXT);
      int to = Math.min(text.length(), s.end() + CONTEXT);
      Text before = new Text((from > 0 ? "…" : "") + text.substring(from, s.start()));
      before.getStyleClass().add("mt-soap-text");
      Text quote = new Text(text.substring(s.start(), s.end()));
      quote.getStyleClass().add("mt-soap-highlight");
      Text after = new Text(text.substring(s.end(), to) + (to < text.length() ? "…" : ""));
      after.getStyleClass().add("mt-soap-text");
      TextFlow flow = new TextFlow(before, quote, after);
      flow.setId("soap-source-" + n++);
      flow.getStyleClass().add("mt-soap-source");
      sources.getChildren().add(flow);
    }
    // the transcript shows the first span selected, scrolled into view
    SourceSpan first = spans.getFirst();
    if (first.end() <= transcript.getLength()) {
      transcript.selectRange(first.start(), first.end());
    }
  }

  private static Label hint(String text) {
    Label l = new Label(text);
    l.setWrapText(true);
    l.getStyleClass().add(Styles.HINT);
    return l;
  }

  private Node editorPanel() {
    Button draft = new Button(i18n.get("soap.draft.button"));
    draft.setId("soap-draft");
    draft.getStyleClass().add(Styles.ACCENT);
    draft.disableProperty().bind(vm.draftingProperty().or(vm.editableProperty().not()));
    draft.setOnAction(e -> vm.draft());
    Button check = new Button(i18n.get("soap.validate.button"));
    check.setId("soap-validate");
    check.setOnAction(e -> vm.validate());
    check.disableProperty().bind(Bindings.isEmpty(vm.sentences()).or(vm.validatingProperty()));
    Button undo = new Button(i18n.get("soap.undo"));
    undo.setId("soap-undo");
    undo.disableProperty().bind(vm.canUndoProperty().not().or(vm.editableProperty().not()));
    undo.setOnAction(e -> vm.undo());
    undo.setTooltip(new Tooltip("Ctrl+Z"));
    Button redo = new Button(i18n.get("soap.redo"));
    redo.setId("soap-redo");
    redo.disableProperty().bind(vm.canRedoProperty().not().or(vm.editableProperty().not()));
    redo.setOnAction(e -> vm.redo());
    redo.setTooltip(new Tooltip("Ctrl+Y"));
    ProgressIndicator busy = new ProgressIndicator();
    busy.setId("soap-draft-progress");
    busy.setPrefSize(22, 22);
    busy.visibleProperty().bind(vm.draftingProperty().or(vm.validatingProperty()));
    FlowPane top = new FlowPane(6, 6, draft, check, undo, redo, busy);
    top.setAlignment(Pos.CENTER_LEFT);

    Label summary = new Label();
    summary.setId("soap-validation-summary");
    summary.setWrapText(true);
    summary.textProperty().bind(vm.validationSummaryProperty());
    summary.getStyleClass().add("mt-soap-summary");
    summary
        .textProperty()
        .addListener(
            (o, a, b) -> {
              summary.getStyleClass().removeAll("mt-soap-ok", "mt-soap-problem");
              summary
                  .getStyleClass()
                  .add(vm.aiApprovedProperty().get() ? "mt-soap-ok" : "mt-soap-problem");
            });
    Label missing = new Label();
    missing.setId("soap-missing");
    missing.setWrapText(true);
    missing.getStyleClass().add("mt-soap-missing");
    missing
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () ->
                    vm.missingFields().isEmpty()
                        ? ""
                        : i18n.get("soap.missing", String.join(", ", vm.missingFields())),
                vm.missingFields()));
    missing.visibleProperty().bind(Bindings.isNotEmpty(vm.missingFields()));
    missing.managedProperty().bind(missing.visibleProperty());
    Label issues = new Label();
    issues.setId("soap-issues");
    issues.setWrapText(true);
    issues.getStyleClass().add("mt-soap-alert");
    issues
        .textProperty()
        .bind(Bindings.createStringBinding(() -> String.join("\n", vm.issues()), vm.issues()));
    issues.visibleProperty().bind(Bindings.isNotEmpty(vm.issues()));
    issues.managedProperty().bind(issues.visibleProperty());

    for (Section s : Section.values()) {
      Label title = new Label(i18n.get("soap.section." + s.name().toLowerCase(Locale.ROOT)));
      title.getStyleClass().add(Styles.SECTION_TITLE);
      Button add = new Button(i18n.get("soap.sentence.add"));
      add.setId("soap-add-" + s.name().toLowerCase(Locale.ROOT));
      add.getStyleClass().add(Styles.FLAT);
      add.visibleProperty().bind(vm.editableProperty());
      add.setOnAction(
          e -> {
            int index = vm.addSentence(s);
            Platform.runLater(() -> focusSentence(index));
          });
      Region spacer = new Region();
      HBox.setHgrow(spacer, Priority.ALWAYS);
      HBox head = new HBox(8, title, spacer, add);
      head.setAlignment(Pos.CENTER_LEFT);
      VBox rows = new VBox(4);
      rows.setId("soap-section-" + s.name().toLowerCase(Locale.ROOT));
      sectionRows.put(s, rows);
      VBox section = new VBox(4, head, rows);
      section.getStyleClass().add("mt-soap-section");
      editorSections.getChildren().add(section);
    }
    editorSections.setSpacing(10);
    vm.sentences().addListener((ListChangeListener<SentenceItem>) c -> renderSentences());
    vm.selectedSentenceProperty().addListener((o, a, b) -> markSelected());
    renderSentences();

    Label fieldsTitle = new Label(i18n.get("soap.fields.title"));
    fieldsTitle.getStyleClass().add(Styles.SECTION_TITLE);
    fieldsGrid.setId("soap-fields");
    fieldsGrid.getStyleClass().add(Styles.FORM);
    vm.templateProperty().addListener((o, a, b) -> renderFields());
    renderFields();

    Label agTitle = new Label(i18n.get("soap.audiogram.title"));
    agTitle.getStyleClass().add(Styles.SECTION_TITLE);
    Label agError = new Label();
    agError.setId("soap-audiogram-error");
    agError.getStyleClass().add(Styles.ERROR_TEXT);
    agError.textProperty().bind(vm.audiogramErrorProperty());
    audiogramBox.getChildren().setAll(agTitle, audiogramGrid(), agError, chart.node());
    audiogramBox.setSpacing(6);
    audiogramBox.visibleProperty().bind(vm.templateProperty().isEqualTo(NoteTemplate.HEARING));
    audiogramBox.managedProperty().bind(audiogramBox.visibleProperty());
    vm.audiogramProperty().addListener((o, a, b) -> chart.show(b));
    chart.show(vm.audiogramProperty().get());

    VBox content =
        new VBox(
            10, summary, missing, issues, editorSections, fieldsTitle, fieldsGrid, audiogramBox);
    content.getStyleClass().add("mt-soap-editor");
    ScrollPane scroll = new ScrollPane(content);
    scroll.setId("soap-editor-scroll");
    scroll.setFitToWidth(true);
    VBox.setVgrow(scroll, Priority.ALWAYS);

    Button approve = new Button(i18n.get("soap.approve.button"));
    approve.setId("soap-approve");
    approve.getStyleClass().add(Styles.ACCENT);
    approve.visibleProperty().bind(vm.editableProperty().and(vm.amendingProperty().not()));
    approve.managedProperty().bind(approve.visibleProperty());
    approve.setOnAction(e -> vm.approve());
    Button amend = new Button(i18n.get("soap.amend.button"));
    amend.setId("soap-amend");
    amend.visibleProperty().bind(vm.editableProperty().not());
    amend.managedProperty().bind(amend.visibleProperty());
    amend.setOnAction(e -> vm.startAmendment());
    Button amendSave = new Button(i18n.get("soap.amend.save"));
    amendSave.setId("soap-amend-save");
    amendSave.getStyleClass().add(Styles.ACCENT);
    amendSave.visibleProperty().bind(vm.amendingProperty());
    amendSave.managedProperty().bind(amendSave.visibleProperty());
    amendSave.setOnAction(e -> vm.saveAmendment());
    Button amendCancel = new Button(i18n.get("soap.amend.cancel"));
    amendCancel.setId("soap-amend-cancel");
    amendCancel.visibleProperty().bind(vm.amendingProperty());
    amendCancel.managedProperty().bind(amendCancel.visibleProperty());
    amendCancel.setOnAction(e -> vm.cancelAmendment());
    Button export = new Button(i18n.get("soap.export.button"));
    export.setId("soap-export");
    export.setOnAction(e -> vm.exportPdf());
    Button ask = new Button(i18n.get("soap.chat.button"));
    ask.setId("soap-ask-chat");
    ask.disableProperty().bind(Bindings.isEmpty(vm.sentences()));
    ask.setOnAction(
        e -> {
          context
              .chatHandoffProperty()
              .set(
                  Optional.of(
                      new PaneContext.ChatHandoff(
                          i18n.get(
                              "soap.chat.title",
                              i18n.get("soap.template." + vm.templateProperty().get().key())),
                          vm.noteText())));
          context.show(PaneContext.Pane.CHAT);
        });
    Button discard = new Button(i18n.get("soap.discard.button"));
    discard.setId("soap-discard");
    discard.getStyleClass().add(Styles.DANGER);
    discard
        .visibleProperty()
        .bind(
            Bindings.createBooleanBinding(
                () -> vm.noteProperty().get().map(n -> !n.isLocked()).orElse(false),
                vm.noteProperty()));
    discard.managedProperty().bind(discard.visibleProperty());
    discard.setOnAction(e -> vm.discardDraft());
    Label approval = new Label();
    approval.setId("soap-approval");
    approval.setWrapText(true);
    approval
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () ->
                    vm.noteProperty()
                        .get()
                        .flatMap(SoapNote::approval)
                        .map(
                            a ->
                                i18n.get(
                                    "soap.approved.line",
                                    a.approverName(),
                                    Formats.dateTime(
                                        a.at(), i18n.language().locale(), context.zone())))
                        .orElse(i18n.get("soap.status.notApproved")),
                vm.noteProperty()));
    approval.getStyleClass().add(Styles.HINT);
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    FlowPane actions =
        new FlowPane(6, 6, approve, amend, amendSave, amendCancel, export, ask, discard);
    actions.setAlignment(Pos.CENTER_LEFT);
    VBox bottom = new VBox(6, approval, actions);

    VBox box = new VBox(8, top, scroll, bottom);
    box.getStyleClass().add(Styles.PANE);
    box.setId("soap-editor");
    box.setMinWidth(380);
    return box;
  }

  private Node audiogramGrid() {
    GridPane grid = new GridPane();
    grid.setId("soap-audiogram-grid");
    grid.setHgap(3);
    grid.setVgap(3);
    grid.add(new Label(i18n.get("soap.audiogram.hz")), 0, 0);
    List<String> freqs = Audiogram.FREQUENCIES;
    for (int c = 0; c < freqs.size(); c++) {
      Label l = new Label(freqs.get(c));
      l.getStyleClass().add(Styles.HINT);
      grid.add(l, c + 1, 0);
    }
    int r = 1;
    for (String series : SoapViewModel.SERIES) {
      Label name = new Label(i18n.get("soap.audiogram." + series));
      name.getStyleClass().add("mt-ag-label-" + series);
      grid.add(name, 0, r);
      for (int c = 0; c < freqs.size(); c++) {
        TextField cell = new TextField();
        cell.setId("soap-ag-" + series + "-" + freqs.get(c));
        cell.setPrefColumnCount(2);
        cell.setPrefWidth(44);
        cell.setMinWidth(36);
        cell.getStyleClass().add("mt-ag-cell");
        cell.textProperty().bindBidirectional(vm.audiogramCell(series, freqs.get(c)));
        cell.editableProperty().bind(vm.editableProperty());
        cell.setAccessibleText(i18n.get("soap.audiogram." + series) + " " + freqs.get(c) + " Hz");
        grid.add(cell, c + 1, r);
      }
      r++;
    }
    ScrollPane scroll = new ScrollPane(grid);
    scroll.setFitToHeight(true);
    scroll.setPrefViewportHeight(124);
    return scroll;
  }

  private void renderFields() {
    fieldsGrid.getChildren().clear();
    int row = 0;
    for (TemplateField f : vm.templateProperty().get().fields()) {
      TextField value = new TextField();
      value.setId("soap-field-" + f.key());
      value.textProperty().bindBidirectional(vm.field(f.key()));
      value.editableProperty().bind(vm.editableProperty());
      value.setMaxWidth(Double.MAX_VALUE);
      GridPane.setHgrow(value, Priority.ALWAYS);
      String labelKey = "soap.field." + f.key();
      Label label =
          new Label(
              (i18n.has(labelKey) ? i18n.get(labelKey) : f.label()) + (f.required() ? " *" : ""));
      label.setLabelFor(value);
      label.setMinWidth(Region.USE_PREF_SIZE);
      fieldsGrid.addRow(row++, label, value);
    }
  }

  private void renderSentences() {
    for (VBox rows : sectionRows.values()) {
      rows.getChildren().clear();
    }
    sentenceAreas.clear();
    List<SentenceItem> items = vm.sentences();
    for (int i = 0; i < items.size(); i++) {
      SentenceItem item = items.get(i);
      sectionRows.get(item.section()).getChildren().add(sentenceRow(i, item));
    }
    for (Map.Entry<Section, VBox> e : sectionRows.entrySet()) {
      if (e.getValue().getChildren().isEmpty()) {
        e.getValue().getChildren().add(hint(i18n.get("soap.section.empty")));
      }
    }
    markSelected();
  }

  private Node sentenceRow(int index, SentenceItem item) {
    Label verdict = new Label();
    verdict.setId("soap-verdict-" + index);
    verdict.setMinWidth(22);
    verdict.setAlignment(Pos.CENTER);
    Label reason = new Label();
    reason.setId("soap-reason-" + index);
    reason.setWrapText(true);
    reason.getStyleClass().add("mt-soap-reason");
    Runnable showVerdict =
        () -> {
          Optional<SentenceCheck> c = item.checkProperty().get();
          verdict
              .getStyleClass()
              .removeAll(
                  "mt-verdict-supported",
                  "mt-verdict-unsupported",
                  "mt-verdict-contradicted",
                  "mt-verdict-unchecked");
          Verdict v = c.map(SentenceCheck::verdict).orElse(null);
          verdict.setText(
              v == null
                  ? "·"
                  : v == Verdict.SUPPORTED ? "✓" : v == Verdict.UNSUPPORTED ? "?" : "✗");
          verdict
              .getStyleClass()
              .add(
                  v == null
                      ? "mt-verdict-unchecked"
                      : "mt-verdict-" + v.name().toLowerCase(Locale.ROOT));
          String label =
              v == null
                  ? i18n.get("soap.verdict.unchecked")
                  : i18n.get(SoapViewModel.verdictKey(v));
          verdict.setTooltip(new Tooltip(label + c.map(x -> ": " + x.reason()).orElse("")));
          verdict.setAccessibleText(label);
          boolean problem = v == Verdict.UNSUPPORTED || v == Verdict.CONTRADICTED;
          reason.setText(problem ? label + ": " + c.get().reason() : "");
          reason.setVisible(problem);
          reason.setManaged(problem);
        };
    item.checkProperty().addListener((o, a, b) -> showVerdict.run());
    showVerdict.run();

    TextArea text = new TextArea();
    text.setId("soap-sentence-" + index);
    text.setWrapText(true);
    text.getStyleClass().add("mt-soap-sentence");
    text.textProperty().bindBidirectional(item.textProperty());
    text.editableProperty().bind(vm.editableProperty());
    text.setPrefRowCount(rows(item.textProperty().get()));
    text.textProperty().addListener((o, a, b) -> text.setPrefRowCount(rows(b)));
    text.focusedProperty()
        .addListener(
            (o, a, b) -> {
              if (b) {
                vm.selectSentence(index);
              } else {
                vm.endEditBurst();
              }
            });
    text.setOnMouseClicked(e -> vm.selectSentence(index));
    text.addEventFilter(
        KeyEvent.KEY_PRESSED,
        e -> {
          // Tab moves on (a sentence is one line of meaning, not a place for tab characters)
          if (e.getCode() == KeyCode.TAB && !e.isControlDown()) {
            e.consume();
            Node next = e.isShiftDown() ? previousFocusable(text) : nextFocusable(text);
            if (next != null) {
              next.requestFocus();
            }
          }
        });
    sentenceAreas.add(text);
    HBox.setHgrow(text, Priority.ALWAYS);

    Button remove = new Button("✕");
    remove.setId("soap-remove-" + index);
    remove.getStyleClass().add(Styles.FLAT);
    remove.setTooltip(new Tooltip(i18n.get("soap.sentence.remove")));
    remove.setAccessibleText(i18n.get("soap.sentence.remove"));
    remove.visibleProperty().bind(vm.editableProperty());
    remove.setOnAction(e -> vm.removeSentence(item));
    HBox line = new HBox(6, verdict, text, remove);
    line.setAlignment(Pos.TOP_LEFT);
    VBox row = new VBox(2, line, reason);
    row.getStyleClass().add("mt-soap-row");
    row.getProperties().put("index", index);
    return row;
  }

  private Node nextFocusable(TextArea from) {
    int i = sentenceAreas.indexOf(from);
    return i >= 0 && i + 1 < sentenceAreas.size()
        ? sentenceAreas.get(i + 1)
        : fieldsGrid.getChildren().stream()
            .filter(n -> n instanceof TextField)
            .findFirst()
            .orElse(null);
  }

  private Node previousFocusable(TextArea from) {
    int i = sentenceAreas.indexOf(from);
    return i > 0 ? sentenceAreas.get(i - 1) : transcript;
  }

  private static int rows(String text) {
    int n = text == null ? 0 : text.length();
    return Math.max(1, Math.min(5, n / 60 + 1));
  }

  private void markSelected() {
    int selected = vm.selectedSentenceProperty().get();
    for (VBox rows : sectionRows.values()) {
      for (Node n : rows.getChildren()) {
        n.getStyleClass().remove("mt-soap-row-selected");
        if (Objects.equals(n.getProperties().get("index"), selected)) {
          n.getStyleClass().add("mt-soap-row-selected");
        }
      }
    }
  }

  private void focusSentence(int index) {
    if (index >= 0 && index < sentenceAreas.size()) {
      sentenceAreas.get(index).requestFocus();
    }
  }

  private Node statusLine() {
    Label error = new Label();
    error.setId("soap-error");
    error.setWrapText(true);
    error.getStyleClass().add(Styles.ERROR_TEXT);
    error.textProperty().bind(vm.errorProperty());
    Label status = new Label();
    status.setId("soap-status");
    status.setWrapText(true);
    status.getStyleClass().add(Styles.SUCCESS_TEXT);
    status.textProperty().bind(vm.statusProperty());
    HBox line = new HBox(16, error, status);
    line.getStyleClass().add("mt-soap-status");
    line.setAlignment(Pos.CENTER_LEFT);
    return line;
  }
}
