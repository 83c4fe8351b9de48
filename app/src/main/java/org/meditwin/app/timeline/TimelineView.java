package org.meditwin.app.timeline;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.WindowEvent;
import javafx.util.StringConverter;
import org.meditwin.app.common.Formats;
import org.meditwin.app.common.PaneContext;
import org.meditwin.app.i18n.I18n;
import org.meditwin.app.theme.Styles;
import org.meditwin.core.domain.Patient;
import org.meditwin.record.Anatomy;
import org.meditwin.record.ClinicalEvent;
import org.meditwin.record.EventIndexFeed;
import org.meditwin.record.EventStatus;
import org.meditwin.record.EventType;
import org.meditwin.record.Laterality;
import org.meditwin.record.TimelineService;
import org.meditwin.record.TimelineStats;
import org.meditwin.record.graph.AnatomyAnswer;
import org.meditwin.record.graph.RecordGraph;

/**
 * The Timeline pane: the current patient's clinical events (virtualised table), search and filters,
 * create/edit/delete, the lane chart with zoom, trend charts, summary statistics and the anatomy
 * view ("what affects the left ear?") backed by the knowledge graph.
 */
public final class TimelineView {
  private final PaneContext context;
  private final I18n i18n;
  private final TimelineViewModel vm;
  private final TimelineService service;
  private final BorderPane root = new BorderPane();
  private final Label header = new Label();
  private final Label status = new Label();
  private final TableView<ClinicalEvent> table = new TableView<>();
  private final EventFormView form;
  private final EventLaneChartView lanes;
  private final ComboBox<String> trendChoice = new ComboBox<>();
  private LineChart<Number, Number> trendChart; // built with its tab
  private final VBox summary = new VBox(12);
  private final ComboBox<Anatomy.BodyPart> anatomyPart = new ComboBox<>();
  private final ComboBox<Laterality> anatomySide = new ComboBox<>();
  private final ListView<ClinicalEvent> anatomyEvents = new ListView<>();
  private final ListView<ClinicalEvent> anatomyRelated = new ListView<>();
  private final Label anatomyStatus = new Label();
  private final ReadOnlyObjectWrapper<Optional<RecordGraph>> graph =
      new ReadOnlyObjectWrapper<>(Optional.empty());
  private volatile String graphProblem = "";

  public TimelineView(PaneContext context) {
    this.context = context;
    this.i18n = context.i18n();
    this.service = TimelineService.of(context.session());
    this.vm =
        new TimelineViewModel(service, context.tasks(), context.errors()::show, context.clock());
    vm.onChange(
        () ->
            TimelineIndexing.drainQuietly(
                () -> EventIndexFeed.of(context.session()), context.patientRecords()));
    this.form = new EventFormView(i18n, vm, context);
    this.lanes = new EventLaneChartView(this::typeName);
    build();
    context.currentPatientProperty().addListener((o, a, b) -> onPatient(b));
    onPatient(context.currentPatient());
    vm.requestedProperty()
        .addListener(
            (o, a, b) ->
                b.ifPresent(
                    e -> {
                      table.getSelectionModel().select(e);
                      table.scrollTo(e);
                    }));
    context.recordRequestProperty().addListener((o, a, b) -> openRequested(context, b));
    openRequested(context, context.recordRequestProperty().get());
    root.sceneProperty()
        .addListener(
            (o, a, scene) -> {
              if (scene != null) {
                scene
                    .windowProperty()
                    .addListener(
                        (w, oldW, window) -> {
                          if (window != null) {
                            window.addEventHandler(WindowEvent.WINDOW_HIDDEN, e -> close());
                          }
                        });
              }
            });
  }

  public Parent root() {
    return root;
  }

  TimelineViewModel viewModel() {
    return vm;
  }

  /**
   * True once the selected patient's events are loaded and everything derived from them (summary,
   * charts) is rendered; for the cold-start benchmark and tests.
   */
  public boolean settled() {
    return !vm.busyProperty().get() && vm.statsProperty().get().isPresent();
  }

  /**
   * Milliseconds the last load took off the FX thread (audited query + statistics, including the
   * wait for a worker); -1 before the first load. For the cold-start benchmark.
   */
  public long lastLoadMillis() {
    String[] f = vm.lastLoadProperty().get().split("\t");
    return f.length < 3 ? -1 : Long.parseLong(f[2]);
  }

  private Locale locale() {
    return i18n.language().locale();
  }

  String typeName(EventType t) {
    return i18n.get("timeline.type." + t.name());
  }

  String sideName(Laterality l) {
    return i18n.get("timeline.side." + l.name());
  }

  String statusName(EventStatus s) {
    return i18n.get("timeline.status." + s.name());
  }

  private void onPatient(Optional<Patient> p) {
    header.setText(
        p.map(x -> i18n.get("timeline.title.patient", x.displayName(), x.mrn()))
            .orElse(i18n.get("timeline.noPatient")));
    form.clear();
    anatomyEvents.getItems().clear();
    anatomyRelated.getItems().clear();
    vm.setPatient(p.map(x -> x.id().value()));
  }

  // ------------------------------------------------------------------ layout

  private void build() {
    root.setId("timeline-pane");
    root.getStyleClass().add(Styles.PANE);
    header.setId("timeline-header");
    header.getStyleClass().add(Styles.PANE_TITLE);
    status.setId("timeline-status");
    status.getStyleClass().add(Styles.HINT);
    Button choose = new Button(i18n.get("timeline.choosePatient"));
    choose.setId("timeline-choose-patient");
    choose.setOnAction(e -> context.show(PaneContext.Pane.PATIENTS));
    choose.visibleProperty().bind(vm.patientProperty().map(Optional::isEmpty));
    choose.managedProperty().bind(choose.visibleProperty());
    HBox top = new HBox(12, header, choose);
    top.setAlignment(Pos.CENTER_LEFT);

    TabPane tabs = new TabPane();
    tabs.setId("timeline-tabs");
    tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    tabs.getTabs()
        .addAll(
            tab("timeline-tab-events", "timeline.tab.events", eventsTab()),
            chartTab = lazyTab("timeline-tab-chart", "timeline.tab.chart", this::chartTab),
            trendsTab = lazyTab("timeline-tab-trends", "timeline.tab.trends", this::trendsTab),
            summaryTab = lazyTab("timeline-tab-summary", "timeline.tab.summary", this::summaryTab),
            lazyTab("timeline-tab-anatomy", "timeline.tab.anatomy", this::anatomyTab));
    tabs.disableProperty().bind(vm.patientProperty().map(Optional::isEmpty));

    VBox box = new VBox(8, top, filterBar(), tabs, status);
    VBox.setVgrow(tabs, Priority.ALWAYS);
    box.setPadding(new Insets(12));
    root.setCenter(box);

    vm.events().addListener((javafx.collections.ListChangeListener<ClinicalEvent>) c -> onEvents());
    vm.lastLoadProperty()
        .addListener(
            (o, a, b) ->
                status.setText(
                    b.isEmpty()
                        ? ""
                        : i18n.get(
                            "timeline.status.loaded",
                            Integer.parseInt(b.split("\t")[0]),
                            Integer.parseInt(b.split("\t")[1]),
                            b.split("\t")[2],
                            b.split("\t")[3])));
    vm.statsProperty().addListener((o, a, b) -> onReload());
    root.addEventFilter(
        javafx.scene.input.KeyEvent.KEY_PRESSED,
        e -> {
          if (new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN).match(e)) {
            form.startNew();
            e.consume();
          }
        });
  }

  private static Tab tab(String id, String key, Node content, I18n i18n) {
    Tab t = new Tab(i18n.get(key), content);
    t.setId(id);
    return t;
  }

  private Tab tab(String id, String key, Node content) {
    return tab(id, key, content, i18n);
  }

  /**
   * A tab whose content is built the first time it is selected (ADR 0119): opening the pane builds
   * and styles only the event list, so the list shows within a second even on a cold JVM; charts,
   * summary and anatomy view load their classes and render when the clinician looks at them.
   */
  private Tab lazyTab(String id, String key, java.util.function.Supplier<Node> content) {
    Tab t = new Tab(i18n.get(key));
    t.setId(id);
    t.selectedProperty()
        .addListener(
            (o, was, selected) -> {
              if (selected) {
                if (t.getContent() == null) {
                  t.setContent(content.get());
                }
                renderShown();
              }
            });
    return t;
  }

  private Tab chartTab;
  private Tab trendsTab;
  private Tab summaryTab;
  private boolean lanesStale = true;
  private boolean trendsStale = true;
  private boolean summaryStale = true;

  /** Renders what the selected tab shows if its data changed while it was hidden. */
  private void renderShown() {
    if (chartTab != null && chartTab.isSelected() && lanesStale) {
      lanesStale = false;
      lanes.setEvents(List.copyOf(vm.events()));
    }
    if (trendsTab != null && trendsTab.isSelected() && trendsStale) {
      trendsStale = false;
      onReloadNow();
    }
    if (summaryTab != null && summaryTab.isSelected() && summaryStale) {
      summaryStale = false;
      renderSummaryNow(vm.statsProperty().get());
    }
  }

  private Node filterBar() {
    TextField text = new TextField();
    text.setId("timeline-search");
    text.setPromptText(i18n.get("timeline.filter.text"));
    text.textProperty().bindBidirectional(vm.textProperty());
    text.setOnAction(e -> vm.applyFilter());
    text.textProperty().addListener((o, a, b) -> vm.applyFilter());
    text.getStyleClass().add(Styles.SEARCH_FIELD);
    ComboBox<EventType> type = new ComboBox<>();
    type.setId("timeline-type-filter");
    type.getItems().add(null);
    type.getItems().addAll(EventType.values());
    type.setConverter(
        converter(t -> t == null ? i18n.get("timeline.filter.allTypes") : typeName(t)));
    type.setButtonCell(cell(t -> t == null ? i18n.get("timeline.filter.allTypes") : typeName(t)));
    type.valueProperty().bindBidirectional(vm.typeProperty());
    type.valueProperty().addListener((o, a, b) -> vm.applyFilter());
    ComboBox<String> part = new ComboBox<>();
    part.setId("timeline-bodypart-filter");
    part.setEditable(true);
    part.setPromptText(i18n.get("timeline.filter.bodyPart"));
    part.getItems()
        .addAll(Anatomy.standard().all().stream().map(Anatomy.BodyPart::name).sorted().toList());
    part.valueProperty()
        .addListener(
            (o, a, b) -> {
              vm.bodyPartProperty().set(b == null ? "" : b);
              vm.applyFilter();
            });
    DatePicker from = new DatePicker();
    from.setId("timeline-from");
    from.setPromptText(i18n.get("timeline.filter.from"));
    from.valueProperty().bindBidirectional(vm.fromProperty());
    from.valueProperty().addListener((o, a, b) -> vm.applyFilter());
    DatePicker to = new DatePicker();
    to.setId("timeline-to");
    to.setPromptText(i18n.get("timeline.filter.to"));
    to.valueProperty().bindBidirectional(vm.toProperty());
    to.valueProperty().addListener((o, a, b) -> vm.applyFilter());
    from.setPrefWidth(140);
    to.setPrefWidth(140);
    Button search = new Button(i18n.get("timeline.filter.apply"));
    search.setId("timeline-apply");
    search.setDefaultButton(false);
    search.setOnAction(e -> vm.applyFilter());
    Button clear = new Button(i18n.get("timeline.filter.clear"));
    clear.setId("timeline-clear");
    clear.setOnAction(
        e -> {
          part.setValue(null);
          vm.clearFilter();
        });
    Button add = new Button(i18n.get("timeline.new"));
    add.setId("timeline-new");
    add.getStyleClass().add(Styles.ACCENT);
    add.setOnAction(e -> form.startNew());
    FlowPane bar = new FlowPane(8, 8, text, type, part, from, to, search, clear, add);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.disableProperty().bind(vm.patientProperty().map(Optional::isEmpty));
    text.setPrefWidth(240);
    return bar;
  }

  /** Shows a requested event (global search, assistant citation) once the events are loaded. */
  private void openRequested(PaneContext context, Optional<PaneContext.RecordRequest> request) {
    request
        .flatMap(r -> r.localId(PaneContext.Pane.TIMELINE))
        .ifPresent(
            id -> {
              context.recordRequestProperty().set(Optional.empty());
              vm.openWhenLoaded(id);
            });
  }

  private Node eventsTab() {
    table.setId("timeline-table");
    table.getStyleClass().addAll(Styles.STRIPED, Styles.DENSE);
    table.setItems(vm.events());
    Label empty = new Label(i18n.get("timeline.empty"));
    ProgressIndicator spinner = new ProgressIndicator();
    spinner.setMaxSize(36, 36);
    Label loading = new Label(i18n.get("timeline.loading"));
    VBox loadingBox = new VBox(8, spinner, loading);
    loadingBox.setAlignment(Pos.CENTER);
    loadingBox.setId("timeline-loading");
    table
        .placeholderProperty()
        .bind(vm.busyProperty().map(busy -> busy ? (Node) loadingBox : empty));
    table.getSelectionModel().setSelectionMode(SelectionMode.SINGLE);
    table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
    table
        .getColumns()
        .setAll(
            List.of(
                column(
                    "timeline.column.date",
                    118,
                    e ->
                        Formats.date(e.date(), locale())
                            + e.endDate().map(d -> " – " + Formats.date(d, locale())).orElse("")),
                column("timeline.column.type", 105, e -> typeName(e.type())),
                column("timeline.column.title", 250, ClinicalEvent::title),
                column(
                    "timeline.column.bodyPart",
                    120,
                    e ->
                        e.bodyPart()
                            .map(
                                b ->
                                    e.laterality() == Laterality.NONE
                                        ? b
                                        : b + " (" + sideName(e.laterality()) + ")")
                            .orElse("")),
                column(
                    "timeline.column.value",
                    85,
                    e ->
                        e.value().isPresent()
                            ? trim(e.value().getAsDouble()) + e.unit().map(u -> " " + u).orElse("")
                            : ""),
                column("timeline.column.severity", 75, e -> e.severity().orElse("")),
                column("timeline.column.status", 80, e -> statusName(e.status())),
                column("timeline.column.provenance", 150, e -> e.provenance().describe())));
    table
        .getSelectionModel()
        .selectedItemProperty()
        .addListener((o, a, b) -> form.edit(Optional.ofNullable(b)));
    table.setOnKeyPressed(
        e -> {
          if (e.getCode() == KeyCode.DELETE
              && table.getSelectionModel().getSelectedItem() != null) {
            form.deleteSelected();
            e.consume();
          }
        });
    SplitPane split = new SplitPane(table, form.root());
    split.setDividerPositions(0.74);
    return split;
  }

  static String trim(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e12 ? String.valueOf((long) v) : String.valueOf(v);
  }

  private TableColumn<ClinicalEvent, String> column(
      String key, double width, java.util.function.Function<ClinicalEvent, String> value) {
    TableColumn<ClinicalEvent, String> c = new TableColumn<>(i18n.get(key));
    c.setId(key.replace('.', '-'));
    c.setPrefWidth(width);
    c.setMinWidth(Math.min(width, 70));
    c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
    return c;
  }

  private Node chartTab() {
    lanes.setId("timeline-lanes");
    Label hint = new Label(i18n.get("timeline.chart.hint"));
    hint.getStyleClass().add(Styles.HINT);
    Button in = new Button("+");
    in.setId("timeline-zoom-in");
    in.setOnAction(e -> lanes.zoom(0.8, 0.5));
    Button out = new Button("−");
    out.setId("timeline-zoom-out");
    out.setOnAction(e -> lanes.zoom(1.25, 0.5));
    Button reset = new Button(i18n.get("timeline.chart.reset"));
    reset.setId("timeline-zoom-reset");
    reset.setOnAction(e -> lanes.resetZoom());
    HBox controls = new HBox(8, in, out, reset, hint);
    controls.setAlignment(Pos.CENTER_LEFT);
    VBox box = new VBox(8, controls, lanes);
    VBox.setVgrow(lanes, Priority.ALWAYS);
    box.setPadding(new Insets(8));
    return box;
  }

  private Node trendsTab() {
    trendChoice.setId("timeline-trend-choice");
    trendChoice.setPromptText(i18n.get("timeline.trend.choose"));
    trendChoice.setConverter(
        converter(
            k ->
                TimelineViewModel.HEARING_GROUP.equals(k)
                    ? i18n.get("timeline.trend.hearing")
                    : k));
    trendChoice.setButtonCell(
        cell(
            k ->
                TimelineViewModel.HEARING_GROUP.equals(k)
                    ? i18n.get("timeline.trend.hearing")
                    : k));
    trendChoice.valueProperty().addListener((o, a, b) -> renderTrend(b));
    NumberAxis x = new NumberAxis();
    x.setForceZeroInRange(false);
    x.setTickLabelFormatter(
        new StringConverter<>() {
          @Override
          public String toString(Number n) {
            return Formats.date(LocalDate.ofEpochDay(n.longValue()), locale());
          }

          @Override
          public Number fromString(String s) {
            return 0;
          }
        });
    NumberAxis y = new NumberAxis();
    y.setForceZeroInRange(false);
    trendChart = new LineChart<>(x, y);
    trendChart.setId("timeline-trend-chart");
    trendChart.setAnimated(false);
    trendChart.setCreateSymbols(true);
    trendChart.setLegendVisible(true);
    Label hint = new Label(i18n.get("timeline.trend.hint"));
    hint.getStyleClass().add(Styles.HINT);
    VBox box = new VBox(8, new HBox(8, trendChoice, hint), trendChart);
    VBox.setVgrow(trendChart, Priority.ALWAYS);
    box.setPadding(new Insets(8));
    return box;
  }

  private Node summaryTab() {
    summary.setId("timeline-summary");
    summary.setPadding(new Insets(8));
    javafx.scene.control.ScrollPane sp = new javafx.scene.control.ScrollPane(summary);
    sp.setFitToWidth(true);
    return sp;
  }

  private Node anatomyTab() {
    anatomyPart.setId("timeline-anatomy-part");
    anatomyPart.getItems().addAll(Anatomy.standard().all());
    anatomyPart.getItems().sort(java.util.Comparator.comparing(Anatomy.BodyPart::name));
    anatomyPart.setConverter(converter(p -> p == null ? "" : p.name()));
    anatomyPart.setButtonCell(cell(p -> p == null ? "" : p.name()));
    anatomyPart.setValue(Anatomy.standard().resolve("ear").orElse(null));
    anatomySide.setId("timeline-anatomy-side");
    anatomySide.getItems().addAll(Laterality.LEFT, Laterality.RIGHT, Laterality.NONE);
    anatomySide.setConverter(
        converter(l -> l == Laterality.NONE ? i18n.get("timeline.anatomy.anySide") : sideName(l)));
    anatomySide.setButtonCell(
        cell(l -> l == Laterality.NONE ? i18n.get("timeline.anatomy.anySide") : sideName(l)));
    anatomySide.setValue(Laterality.LEFT);
    Button ask = new Button(i18n.get("timeline.anatomy.ask"));
    ask.setId("timeline-anatomy-ask");
    ask.getStyleClass().add(Styles.ACCENT);
    ask.setDefaultButton(false);
    ask.setOnAction(e -> askAnatomy());
    anatomyStatus.setId("timeline-anatomy-status");
    anatomyStatus.getStyleClass().add(Styles.HINT);
    anatomyStatus.setWrapText(true);
    anatomyEvents.setId("timeline-anatomy-events");
    anatomyRelated.setId("timeline-anatomy-related");
    anatomyEvents.setCellFactory(l -> eventCell());
    anatomyRelated.setCellFactory(l -> eventCell());
    anatomyEvents.setPlaceholder(new Label(i18n.get("timeline.anatomy.none")));
    anatomyRelated.setPlaceholder(new Label(i18n.get("timeline.anatomy.noRelated")));
    Label q = new Label(i18n.get("timeline.anatomy.question"));
    HBox controls = new HBox(8, q, anatomySide, anatomyPart, ask);
    controls.setAlignment(Pos.CENTER_LEFT);
    Label l1 = new Label(i18n.get("timeline.anatomy.affecting"));
    l1.getStyleClass().add(Styles.SECTION_TITLE);
    Label l2 = new Label(i18n.get("timeline.anatomy.related"));
    l2.getStyleClass().add(Styles.SECTION_TITLE);
    VBox left = new VBox(6, l1, anatomyEvents);
    VBox right = new VBox(6, l2, anatomyRelated);
    VBox.setVgrow(anatomyEvents, Priority.ALWAYS);
    VBox.setVgrow(anatomyRelated, Priority.ALWAYS);
    SplitPane split = new SplitPane(left, right);
    VBox box = new VBox(8, controls, anatomyStatus, split);
    VBox.setVgrow(split, Priority.ALWAYS);
    box.setPadding(new Insets(8));
    return box;
  }

  private ListCell<ClinicalEvent> eventCell() {
    return new ListCell<>() {
      @Override
      protected void updateItem(ClinicalEvent e, boolean empty) {
        super.updateItem(e, empty);
        setText(
            empty || e == null
                ? null
                : Formats.date(e.date(), locale())
                    + "  ·  "
                    + typeName(e.type())
                    + "  ·  "
                    + e.title()
                    + e.bodyPart()
                        .map(
                            b ->
                                "  ·  "
                                    + b
                                    + (e.laterality() == Laterality.NONE
                                        ? ""
                                        : " (" + sideName(e.laterality()) + ")"))
                        .orElse(""));
      }
    };
  }

  // ------------------------------------------------------------------ rendering

  private void onEvents() {
    lanesStale = true;
    renderShown();
  }

  /** After a reload from the store: trends and summary render now if shown, else when shown. */
  private void onReload() {
    trendsStale = true;
    summaryStale = true;
    renderShown();
  }

  /** The trend choices (series come from all events). */
  private void onReloadNow() {
    Map<String, TimelineViewModel.Series> series = TimelineViewModel.numericSeries(vm.allEvents());
    String keep = trendChoice.getValue();
    List<String> keys = new ArrayList<>();
    if (!TimelineViewModel.hearingThresholds(series).isEmpty()) {
      keys.add(TimelineViewModel.HEARING_GROUP);
    }
    keys.addAll(series.keySet());
    trendChoice.getItems().setAll(keys);
    if (keep != null && keys.contains(keep)) {
      trendChoice.setValue(keep);
      renderTrend(keep);
    } else {
      trendChoice.setValue(keys.isEmpty() ? null : keys.getFirst());
    }
  }

  private void renderTrend(String key) {
    trendChart.getData().clear();
    if (key == null) {
      trendChart.setTitle(i18n.get("timeline.trend.none"));
      return;
    }
    Map<String, TimelineViewModel.Series> all = TimelineViewModel.numericSeries(vm.allEvents());
    List<TimelineViewModel.Series> show =
        TimelineViewModel.HEARING_GROUP.equals(key)
            ? TimelineViewModel.hearingThresholds(all)
            : Optional.ofNullable(all.get(key)).map(List::of).orElse(List.of());
    for (TimelineViewModel.Series s : show) {
      XYChart.Series<Number, Number> xy = new XYChart.Series<>();
      xy.setName(s.key());
      for (TimelineViewModel.Point p : s.points()) {
        xy.getData().add(new XYChart.Data<>(p.date().toEpochDay(), p.value()));
      }
      trendChart.getData().add(xy);
    }
    String unit = show.isEmpty() ? "" : show.getFirst().unit();
    trendChart.getYAxis().setLabel(unit);
    trendChart.setTitle(
        TimelineViewModel.HEARING_GROUP.equals(key) ? i18n.get("timeline.trend.hearing") : key);
  }

  private void renderSummaryNow(Optional<TimelineStats> stats) {
    summary.getChildren().clear();
    if (stats.isEmpty()) {
      return;
    }
    TimelineStats s = stats.get();
    Label total =
        new Label(
            i18n.get(
                "timeline.summary.total",
                s.total(),
                s.first().map(d -> Formats.date(d, locale())).orElse("–"),
                s.last().map(d -> Formats.date(d, locale())).orElse("–")));
    total.setId("timeline-summary-total");
    total.getStyleClass().add(Styles.SECTION_TITLE);

    CategoryAxis tx = new CategoryAxis();
    NumberAxis ty = new NumberAxis();
    BarChart<String, Number> byType = new BarChart<>(tx, ty);
    byType.setId("timeline-summary-by-type");
    byType.setTitle(i18n.get("timeline.summary.byType"));
    byType.setLegendVisible(false);
    byType.setAnimated(false);
    byType.setPrefHeight(240);
    XYChart.Series<String, Number> ts = new XYChart.Series<>();
    s.byType().entrySet().stream()
        .filter(e -> e.getValue() > 0)
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> ts.getData().add(new XYChart.Data<>(typeName(e.getKey()), e.getValue())));
    byType.getData().add(ts);

    CategoryAxis yx = new CategoryAxis();
    NumberAxis yy = new NumberAxis();
    BarChart<String, Number> byYear = new BarChart<>(yx, yy);
    byYear.setId("timeline-summary-by-year");
    byYear.setTitle(i18n.get("timeline.summary.byYear"));
    byYear.setLegendVisible(false);
    byYear.setAnimated(false);
    byYear.setPrefHeight(240);
    XYChart.Series<String, Number> ys = new XYChart.Series<>();
    s.byYear().forEach((year, n) -> ys.getData().add(new XYChart.Data<>(String.valueOf(year), n)));
    byYear.getData().add(ys);

    ListView<ClinicalEvent> problems =
        new ListView<>(FXCollections.observableArrayList(s.activeProblems()));
    problems.setId("timeline-summary-problems");
    problems.setCellFactory(l -> eventCell());
    problems.setPrefHeight(160);
    problems.setPlaceholder(new Label(i18n.get("timeline.summary.noProblems")));
    ListView<ClinicalEvent> meds =
        new ListView<>(FXCollections.observableArrayList(s.currentMedications()));
    meds.setId("timeline-summary-medications");
    meds.setCellFactory(l -> eventCell());
    meds.setPrefHeight(160);
    meds.setPlaceholder(new Label(i18n.get("timeline.summary.noMedications")));
    Label lp = new Label(i18n.get("timeline.summary.activeProblems", s.activeProblems().size()));
    lp.getStyleClass().add(Styles.SECTION_TITLE);
    Label lm =
        new Label(i18n.get("timeline.summary.currentMedications", s.currentMedications().size()));
    lm.getStyleClass().add(Styles.SECTION_TITLE);
    HBox charts = new HBox(12, byType, byYear);
    HBox.setHgrow(byType, Priority.ALWAYS);
    HBox.setHgrow(byYear, Priority.ALWAYS);
    summary.getChildren().addAll(total, charts, lp, problems, lm, meds);
  }

  // ------------------------------------------------------------------ anatomy

  private void askAnatomy() {
    Optional<String> patient = vm.patientProperty().get();
    Anatomy.BodyPart part = anatomyPart.getValue();
    Laterality side = anatomySide.getValue() == null ? Laterality.NONE : anatomySide.getValue();
    if (patient.isEmpty() || part == null) {
      return;
    }
    anatomyStatus.setText(
        graph.get().isPresent()
            ? i18n.get("timeline.anatomy.asking")
            : i18n.get("timeline.anatomy.starting"));
    context
        .tasks()
        .submit(
            "Knowledge graph query",
            progress -> {
              try {
                RecordGraph g = graph();
                return Optional.of(g.whatAffects(patient.get(), part.key(), side));
              } catch (IOException | RuntimeException e) {
                // the record answers without the graph (no related events)
                graphProblem =
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                return Optional.<AnatomyAnswer>empty();
              }
            })
        .thenCompose(
            answer ->
                answer.isPresent()
                    ? CompletableFuture.completedFuture(answer.get())
                    : context
                        .tasks()
                        .submit(
                            "Timeline anatomy query",
                            progress ->
                                new AnatomyAnswer(
                                    part,
                                    side,
                                    service.affecting(patient.get(), part.key(), side),
                                    List.of())))
        .whenComplete(
            (a, failure) -> {
              if (failure != null) {
                anatomyStatus.setText("");
                context.errors().show(failure);
                return;
              }
              anatomyEvents.getItems().setAll(a.events());
              anatomyRelated.getItems().setAll(a.related());
              anatomyStatus.setText(
                  i18n.get(
                          graph.get().isPresent()
                              ? "timeline.anatomy.answerGraph"
                              : "timeline.anatomy.answerRecord",
                          a.events().size(),
                          a.related().size(),
                          part.name(),
                          part.uberonId())
                      + (graph.get().isPresent() || graphProblem.isEmpty()
                          ? ""
                          : " — " + graphProblem));
            });
  }

  /** Opens the graph once (background thread); later calls reuse it. */
  private synchronized RecordGraph graph() throws IOException {
    if (graph.get().isPresent()) {
      return graph.get().get();
    }
    RecordGraph g = RecordGraph.open(context.session(), context.dataDirectory());
    graph.set(Optional.of(g));
    return g;
  }

  /** Stops the knowledge graph (window closed / sign-out). */
  public synchronized void close() {
    graph.get().ifPresent(RecordGraph::close);
    graph.set(Optional.empty());
  }

  // ------------------------------------------------------------------ helpers

  static <T> StringConverter<T> converter(java.util.function.Function<T, String> f) {
    return new StringConverter<>() {
      @Override
      public String toString(T t) {
        return f.apply(t);
      }

      @Override
      public T fromString(String s) {
        return null;
      }
    };
  }

  static <T> ListCell<T> cell(java.util.function.Function<T, String> f) {
    return new ListCell<>() {
      @Override
      protected void updateItem(T t, boolean empty) {
        super.updateItem(t, empty);
        setText(empty ? null : f.apply(t));
      }
    };
  }
}
