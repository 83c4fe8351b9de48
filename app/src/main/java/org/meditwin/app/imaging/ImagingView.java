package org.meditwin.app.imaging;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.util.Duration;
import javax.imageio.ImageIO;
import org.meditwin.app.common.PaneContext;
import org.meditwin.app.i18n.I18n;
import org.meditwin.app.theme.Styles;
import org.meditwin.imaging.Catalog;
import org.meditwin.imaging.DicomAttribute;
import org.meditwin.imaging.DicomReader;
import org.meditwin.imaging.DicomScanner;
import org.meditwin.imaging.FrameStore;
import org.meditwin.imaging.ReadLimits;
import org.meditwin.imaging.Window;
import org.meditwin.imaging.ai.ChestXrayModel;
import org.meditwin.imaging.ai.ColorMap;
import org.meditwin.imaging.render.RenderOptions;
import org.meditwin.imaging.render.Renderer;

/**
 * The imaging pane: open a file, folder, DICOMDIR or zip (read in place), browse series with
 * thumbnails, view up to four series with window/level, zoom/pan, rotate/flip/invert, cine,
 * measurements, corner annotations and a metadata inspector; F1 lists the shortcuts.
 */
public final class ImagingView {
  private static final List<String[]> SHORTCUTS =
      List.of(
          new String[] {"PgUp / PgDn, ↑ / ↓, wheel", "imaging.help.scroll"},
          new String[] {"Home / End", "imaging.help.firstLast"},
          new String[] {"W, P, Z, D, O", "imaging.help.tools"},
          new String[] {"1 … 7", "imaging.help.presets"},
          new String[] {"+ / −, Ctrl+wheel", "imaging.help.zoom"},
          new String[] {"R, H, V, I", "imaging.help.geometry"},
          new String[] {"0", "imaging.help.reset"},
          new String[] {"C", "imaging.help.cine"},
          new String[] {"Tab", "imaging.help.viewport"},
          new String[] {"L", "imaging.help.layout"},
          new String[] {"right drag / middle drag", "imaging.help.mouse"},
          new String[] {"F1, ?", "imaging.help.help"});

  private final PaneContext context;
  private final I18n i18n;
  private final ImagingViewModel model;
  private final BorderPane root = new BorderPane();
  private final StackPane stack = new StackPane();
  private final GridPane grid = new GridPane();
  private final List<ViewportView> views;
  private final VBox help;
  private final TextField pathField = new TextField();
  private final ComboBox<Window> presets = new ComboBox<>();
  private final Timeline cine;
  private final ToggleButton cineButton;
  private final Map<String, Image> thumbnails = new HashMap<>();
  private final ExecutorService renderer;

  public ImagingView(PaneContext context) {
    this.context = context;
    this.i18n = context.i18n();
    this.renderer =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "imaging-render");
              t.setDaemon(true);
              return t;
            });
    DicomReader reader = DicomReader.standard();
    this.model =
        new ImagingViewModel(
            i18n,
            new DicomScanner(reader, ReadLimits.standard()),
            new FrameStore(reader, FrameStore.defaultBudget()),
            context.tasks()::submit,
            renderer,
            Platform::runLater,
            () -> {
              try {
                return ChestXrayModel.load(context.modelsDir());
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    views = List.of(view(0), view(1), view(2), view(3));
    root.setId("imaging-view");
    root.getStyleClass().add(Styles.PANE);

    pathField.setId("imaging-path");
    pathField.setPromptText(i18n.get("imaging.path.prompt"));
    pathField.setPrefColumnCount(24);
    pathField.setOnAction(e -> openTyped());
    Button open = button("imaging-open", "imaging.open", e -> openTyped());
    Button browseFile = button("imaging-browse-file", "imaging.browse.file", e -> browseFile());
    Button browseFolder =
        button("imaging-browse-folder", "imaging.browse.folder", e -> browseFolder());

    presets.setId("imaging-preset");
    presets.setPromptText(i18n.get("imaging.preset"));
    presets.setOnShowing(e -> presets.getItems().setAll(model.presets()));
    presets.setCellFactory(l -> new PresetCell());
    presets.setButtonCell(new PresetCell());
    presets.setOnAction(
        e -> {
          Window w = presets.getValue();
          if (w != null) {
            model.applyWindow(w);
          }
        });

    ToggleGroup tools = new ToggleGroup();
    HBox toolBox = new HBox(2);
    for (ImagingViewModel.Tool t : ImagingViewModel.Tool.values()) {
      ToggleButton b =
          new ToggleButton(i18n.get("imaging.tool." + t.name().toLowerCase(Locale.ROOT)));
      b.setId("imaging-tool-" + t.name().toLowerCase(Locale.ROOT));
      b.setToggleGroup(tools);
      b.setSelected(model.toolProperty().get() == t);
      b.setOnAction(e -> model.toolProperty().set(t));
      model.toolProperty().addListener((o, a, n) -> b.setSelected(n == t));
      toolBox.getChildren().add(b);
    }
    Button rotate = button("imaging-rotate", "imaging.rotate", e -> model.rotate());
    Button flipH = button("imaging-flip-h", "imaging.flip.h", e -> model.flipHorizontal());
    Button flipV = button("imaging-flip-v", "imaging.flip.v", e -> model.flipVertical());
    Button invert = button("imaging-invert", "imaging.invert", e -> model.toggleInvert());
    Button reset = button("imaging-reset", "imaging.reset", e -> model.reset());
    ComboBox<ImagingViewModel.Layout> layout = new ComboBox<>();
    layout.setId("imaging-layout");
    layout.getItems().setAll(ImagingViewModel.Layout.values());
    layout.valueProperty().bindBidirectional(model.layoutProperty());
    layout.setConverter(
        new javafx.util.StringConverter<>() {
          @Override
          public String toString(ImagingViewModel.Layout l) {
            return l == null ? "" : l.rows + "×" + l.columns;
          }

          @Override
          public ImagingViewModel.Layout fromString(String s) {
            return ImagingViewModel.Layout.ONE;
          }
        });
    cine = new Timeline(new KeyFrame(Duration.millis(100), e -> model.nextFrameLooping()));
    cine.setCycleCount(Timeline.INDEFINITE);
    cineButton = new ToggleButton(i18n.get("imaging.cine"));
    cineButton.setId("imaging-cine");
    cineButton.setOnAction(e -> toggleCine(cineButton.isSelected()));
    Button exportPng = button("imaging-export-png", "imaging.export.png", e -> exportPng());
    Button exportAnon =
        button("imaging-export-anon", "imaging.export.anon", e -> exportAnonymised());
    Button helpButton = button("imaging-help", "imaging.help", e -> toggleHelp());
    Button analyze = button("imaging-analyze", "imaging.ai.analyze", e -> model.analyze());
    Button clearAi = button("imaging-ai-clear", "imaging.ai.clear", e -> model.clearAnalysis());
    javafx.scene.control.Slider opacity = new javafx.scene.control.Slider(0, 1, 0.5);
    opacity.setId("imaging-heat-opacity");
    opacity.setPrefWidth(90);
    opacity.valueProperty().bindBidirectional(model.heatOpacityProperty());
    opacity.setTooltip(new Tooltip(i18n.get("imaging.ai.opacity")));
    ComboBox<ColorMap> colours = new ComboBox<>();
    colours.setId("imaging-heat-colormap");
    colours.getItems().setAll(ColorMap.values());
    colours.valueProperty().bindBidirectional(model.colorMapProperty());
    colours.setTooltip(new Tooltip(i18n.get("imaging.ai.colormap")));

    javafx.scene.layout.FlowPane bar =
        new javafx.scene.layout.FlowPane(
            6,
            4,
            pathField,
            open,
            browseFile,
            browseFolder,
            presets,
            toolBox,
            rotate,
            flipH,
            flipV,
            invert,
            reset,
            layout,
            cineButton,
            exportPng,
            exportAnon,
            analyze,
            opacity,
            colours,
            clearAi,
            helpButton);
    // model chooser + "save AI result as DICOM" around the analyze button (imaging.models)
    org.meditwin.app.imaging.models.ImageModelsView.install(context, model, bar, analyze);
    // "PACS…" button: query/retrieve/send dialog (imaging.pacs, modules/pacs, ADR 0124)
    org.meditwin.app.imaging.pacs.PacsView.install(context, model, bar);
    bar.setId("imaging-toolbar");
    bar.getStyleClass().add("mt-imaging-toolbar");
    bar.setAlignment(Pos.CENTER_LEFT);
    root.getStylesheets()
        .add(
            ImagingView.class
                .getResource("/org/meditwin/app/imaging/imaging.css")
                .toExternalForm());

    ListView<Catalog.Series> seriesList = new ListView<>(model.series());
    seriesList.setId("imaging-series");
    seriesList.setPrefWidth(220);
    seriesList.setCellFactory(l -> new SeriesCell());
    seriesList.setPlaceholder(new Label(i18n.get("imaging.series.empty")));
    seriesList
        .getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (o, a, s) -> {
              if (s != null
                  && model.activeViewport().seriesProperty().get().map(x -> x != s).orElse(true)) {
                model.showSeries(s);
              }
            });

    ListView<Catalog.FileProblem> problems = new ListView<>(model.problems());
    problems.setId("imaging-problems");
    problems.setPrefHeight(110);
    problems.setCellFactory(
        l ->
            new ListCell<>() {
              @Override
              protected void updateItem(Catalog.FileProblem p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : p.name() + " — " + p.message());
              }
            });
    Label problemsTitle = new Label(i18n.get("imaging.problems"));
    problemsTitle.getStyleClass().add(Styles.SECTION_TITLE);
    VBox problemBox = new VBox(4, problemsTitle, problems);
    problemBox.managedProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(model.problems()));
    problemBox.visibleProperty().bind(problemBox.managedProperty());
    VBox left = new VBox(6, sectionTitle("imaging.series"), seriesList, problemBox);
    VBox.setVgrow(seriesList, Priority.ALWAYS);
    left.setPadding(new Insets(6));

    // side panel tabs: metadata inspector, report, patient record (imaging.report / .archive)
    javafx.scene.control.Tab metadataTab =
        new javafx.scene.control.Tab(i18n.get("imaging.metadata"), inspector());
    metadataTab.setId("imaging-tab-metadata");
    metadataTab.setClosable(false);
    javafx.scene.control.TabPane sideTabs = new javafx.scene.control.TabPane(metadataTab);
    sideTabs.setId("imaging-side-tabs");
    org.meditwin.app.imaging.archive.ImagingRecordView.install(context, model, sideTabs);
    // "Find similar" button (Ctrl+Shift+F) + "Similar cases" tab (imaging.similar, ADR 0130)
    org.meditwin.app.imaging.similar.SimilarCasesView.install(
        context, model, bar, analyze, sideTabs);
    Node inspector = sideTabs;

    grid.setId("imaging-grid");
    grid.setHgap(2);
    grid.setVgap(2);
    grid.getStyleClass().add("mt-imaging-grid");
    model.layoutProperty().addListener((o, a, b) -> relayout());
    relayout();
    help = helpOverlay();
    stack.getChildren().addAll(grid, help);
    SplitPane split = new SplitPane(left, stack, inspector);
    split.setDividerPositions(0.18, 0.74);
    SplitPane.setResizableWithParent(left, false);

    Label status = new Label();
    status.setId("imaging-status");
    status.textProperty().bind(model.statusProperty());
    status.getStyleClass().add(Styles.HINT);
    Label ai = new Label();
    ai.setId("imaging-ai-result");
    ai.setWrapText(true);
    ai.textProperty().bind(model.aiResultProperty());
    ai.managedProperty().bind(ai.textProperty().isNotEmpty());
    ai.visibleProperty().bind(ai.managedProperty());
    VBox bottom = new VBox(2, ai, status);

    root.setTop(bar);
    root.setCenter(split);
    root.setBottom(bottom);
    BorderPane.setMargin(bottom, new Insets(4, 8, 4, 8));
    root.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
  }

  private ViewportView view(int i) {
    return new ViewportView(model, i, i18n);
  }

  private Label sectionTitle(String key) {
    Label l = new Label(i18n.get(key));
    l.getStyleClass().add(Styles.SECTION_TITLE);
    return l;
  }

  private Button button(
      String id, String key, javafx.event.EventHandler<javafx.event.ActionEvent> action) {
    Button b = new Button(i18n.get(key));
    b.setId(id);
    b.setOnAction(action);
    if (i18n.has(key + ".tip")) {
      b.setTooltip(new Tooltip(i18n.get(key + ".tip")));
    }
    return b;
  }

  public Parent root() {
    return root;
  }

  /** The view model (tests drive the pane through it as well as through the controls). */
  public ImagingViewModel model() {
    return model;
  }

  private void relayout() {
    grid.getChildren().clear();
    grid.getColumnConstraints().clear();
    grid.getRowConstraints().clear();
    ImagingViewModel.Layout l = model.layoutProperty().get();
    for (int c = 0; c < l.columns; c++) {
      var cc = new javafx.scene.layout.ColumnConstraints();
      cc.setPercentWidth(100.0 / l.columns);
      cc.setHgrow(Priority.ALWAYS);
      grid.getColumnConstraints().add(cc);
    }
    for (int r = 0; r < l.rows; r++) {
      var rc = new javafx.scene.layout.RowConstraints();
      rc.setPercentHeight(100.0 / l.rows);
      rc.setVgrow(Priority.ALWAYS);
      grid.getRowConstraints().add(rc);
    }
    for (int i = 0; i < l.cells(); i++) {
      StackPane cell = views.get(i).root();
      cell.setFocusTraversable(true);
      GridPane.setHgrow(cell, Priority.ALWAYS);
      GridPane.setVgrow(cell, Priority.ALWAYS);
      grid.add(cell, i % l.columns, i / l.columns);
    }
    if (model.activeProperty().get() >= l.cells()) {
      model.activate(0);
    }
  }

  private Node inspector() {
    TextField filter = new TextField();
    filter.setId("imaging-metadata-filter");
    filter.setPromptText(i18n.get("imaging.metadata.filter"));
    FilteredList<DicomAttribute> filtered = new FilteredList<>(model.attributes());
    filter
        .textProperty()
        .addListener(
            (o, a, text) -> {
              String t = text.toLowerCase(Locale.ROOT).strip();
              filtered.setPredicate(
                  d ->
                      t.isEmpty()
                          || d.keyword().toLowerCase(Locale.ROOT).contains(t)
                          || d.tag().toLowerCase(Locale.ROOT).contains(t)
                          || d.value().toLowerCase(Locale.ROOT).contains(t));
            });
    TableView<DicomAttribute> table = new TableView<>(filtered);
    table.setId("imaging-metadata");
    table.setPlaceholder(new Label(i18n.get("imaging.metadata.empty")));
    table
        .getColumns()
        .add(column("imaging.metadata.tag", d -> "  ".repeat(d.depth()) + d.tag(), 110));
    table.getColumns().add(column("imaging.metadata.name", DicomAttribute::keyword, 150));
    table.getColumns().add(column("imaging.metadata.vr", DicomAttribute::vr, 40));
    table.getColumns().add(column("imaging.metadata.value", DicomAttribute::value, 200));
    VBox box = new VBox(6, sectionTitle("imaging.metadata"), filter, table);
    VBox.setVgrow(table, Priority.ALWAYS);
    box.setPadding(new Insets(6));
    return box;
  }

  private TableColumn<DicomAttribute, String> column(
      String key, java.util.function.Function<DicomAttribute, String> value, double width) {
    TableColumn<DicomAttribute, String> c = new TableColumn<>(i18n.get(key));
    c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
    c.setPrefWidth(width);
    return c;
  }

  private VBox helpOverlay() {
    VBox box = new VBox(8);
    box.setId("imaging-help-overlay");
    box.getStyleClass().addAll(Styles.CARD, "mt-imaging-help");
    box.setMaxSize(520, 460);
    box.setPadding(new Insets(16));
    Label title = new Label(i18n.get("imaging.help.title"));
    title.getStyleClass().add(Styles.SECTION_TITLE);
    GridPane keys = new GridPane();
    keys.setHgap(16);
    keys.setVgap(6);
    int row = 0;
    for (String[] s : SHORTCUTS) {
      Label k = new Label(s[0]);
      k.getStyleClass().add("mt-imaging-key");
      Label d = new Label(i18n.get(s[1]));
      d.setWrapText(true);
      keys.addRow(row++, k, d);
    }
    Button close = button("imaging-help-close", "imaging.help.close", e -> toggleHelp());
    box.getChildren().addAll(title, keys, close);
    box.setVisible(false);
    StackPane.setAlignment(box, Pos.CENTER);
    return box;
  }

  private void toggleHelp() {
    help.setVisible(!help.isVisible());
    if (help.isVisible()) {
      help.lookup("#imaging-help-close").requestFocus();
    }
  }

  private void toggleCine(boolean on) {
    cineButton.setSelected(on);
    if (on) {
      cine.play();
    } else {
      cine.stop();
    }
  }

  private void onKey(KeyEvent e) {
    if (e.getTarget() instanceof TextField) {
      return;
    }
    boolean handled = true;
    KeyCode code = e.getCode();
    String text = e.getText();
    switch (code) {
      case PAGE_UP, UP -> model.scroll(-1);
      case PAGE_DOWN, DOWN -> model.scroll(1);
      case HOME -> model.firstSlice();
      case END -> model.lastSlice();
      case F1 -> toggleHelp();
      case ESCAPE -> {
        if (help.isVisible()) {
          toggleHelp();
        } else {
          handled = false;
        }
      }
      case TAB -> {
        if (model.layoutProperty().get().cells() > 1 && !e.isControlDown()) {
          model.activate((model.activeProperty().get() + 1) % model.layoutProperty().get().cells());
        } else {
          handled = false;
        }
      }
      default -> handled = character(text);
    }
    if (handled) {
      e.consume();
    }
  }

  private boolean character(String text) {
    if (text == null || text.isEmpty()) {
      return false;
    }
    switch (text.toLowerCase(Locale.ROOT)) {
      case "?" -> toggleHelp();
      case "w" -> model.toolProperty().set(ImagingViewModel.Tool.WINDOW);
      case "p" -> model.toolProperty().set(ImagingViewModel.Tool.PAN);
      case "z" -> model.toolProperty().set(ImagingViewModel.Tool.ZOOM);
      case "d" -> model.toolProperty().set(ImagingViewModel.Tool.DISTANCE);
      case "o" -> model.toolProperty().set(ImagingViewModel.Tool.ROI);
      case "r" -> model.rotate();
      case "h" -> model.flipHorizontal();
      case "v" -> model.flipVertical();
      case "i" -> model.toggleInvert();
      case "0" -> model.reset();
      case "+", "=" -> model.zoomBy(1.25);
      case "-" -> model.zoomBy(0.8);
      case "c" -> toggleCine(!cineButton.isSelected());
      case "l" -> {
        ImagingViewModel.Layout[] all = ImagingViewModel.Layout.values();
        model.layoutProperty().set(all[(model.layoutProperty().get().ordinal() + 1) % all.length]);
      }
      default -> {
        if (text.length() == 1 && text.charAt(0) >= '1' && text.charAt(0) <= '9') {
          List<Window> list = model.presets();
          int i = text.charAt(0) - '1';
          if (i < list.size()) {
            model.applyWindow(list.get(i));
            return true;
          }
        }
        return false;
      }
    }
    return true;
  }

  private void openTyped() {
    String text = pathField.getText().strip();
    if (text.isEmpty()) {
      return;
    }
    Path p = Path.of(text);
    if (!Files.exists(p)) {
      model.statusProperty().set(i18n.get("imaging.status.missing"));
      return;
    }
    open(p);
  }

  /** Opens a file, folder, DICOMDIR or zip archive. */
  public void open(Path path) {
    pathField.setText(path.toString());
    thumbnails.clear();
    toggleCine(false);
    model.open(path);
  }

  private void browseFile() {
    FileChooser chooser = new FileChooser();
    chooser.setTitle(i18n.get("imaging.browse.file"));
    var file = chooser.showOpenDialog(root.getScene().getWindow());
    if (file != null) {
      open(file.toPath());
    }
  }

  private void browseFolder() {
    DirectoryChooser chooser = new DirectoryChooser();
    chooser.setTitle(i18n.get("imaging.browse.folder"));
    var dir = chooser.showDialog(root.getScene().getWindow());
    if (dir != null) {
      open(dir.toPath());
    }
  }

  private void exportPng() {
    if (model.activeViewport().renderedProperty().get().isEmpty()) {
      context.dialogs().showInfo(i18n.get("imaging.export.png"), i18n.get("imaging.export.none"));
      return;
    }
    context
        .dialogs()
        .chooseSaveFile(i18n.get("imaging.export.png"), "view.png")
        .ifPresent(
            path -> {
              try {
                writePng(snapshot(), path);
                model.statusProperty().set(i18n.get("imaging.export.png.done", path.getFileName()));
              } catch (java.io.IOException | RuntimeException ex) {
                context
                    .dialogs()
                    .showError(i18n.get("imaging.export.png"), ImagingViewModel.message(ex));
              }
            });
  }

  /** The active viewport as shown (image, geometry, measurements, annotations). */
  WritableImage snapshot() {
    StackPane cell = views.get(model.activeProperty().get()).root();
    return cell.snapshot(null, null);
  }

  static void writePng(WritableImage image, Path path) throws java.io.IOException {
    int w = (int) image.getWidth();
    int h = (int) image.getHeight();
    int[] argb = new int[w * h];
    PixelReader reader = image.getPixelReader();
    reader.getPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbInstance(), argb, 0, w);
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    out.setRGB(0, 0, w, h, argb, 0, w);
    if (!ImageIO.write(out, "png", path.toFile())) {
      throw new java.io.IOException("no PNG writer");
    }
  }

  private void exportAnonymised() {
    if (model.activeViewport().seriesProperty().get().isEmpty()) {
      context.dialogs().showInfo(i18n.get("imaging.export.anon"), i18n.get("imaging.export.none"));
      return;
    }
    context
        .dialogs()
        .chooseSaveFile(i18n.get("imaging.export.anon.folder"), "anonymised")
        .ifPresent(
            folder ->
                model
                    .exportAnonymised(folder)
                    .whenComplete(
                        (n, error) -> {
                          if (error != null) {
                            Throwable cause = error.getCause() == null ? error : error.getCause();
                            context
                                .dialogs()
                                .showError(
                                    i18n.get("imaging.export.anon"),
                                    ImagingViewModel.message(cause));
                          } else {
                            model
                                .statusProperty()
                                .set(i18n.get("imaging.export.anon.done", n, folder.getFileName()));
                          }
                        }));
  }

  /** A series row: thumbnail of the middle slice, modality, number, description, count. */
  private final class SeriesCell extends ListCell<Catalog.Series> {
    private final ImageView thumb = new ImageView();

    SeriesCell() {
      thumb.setFitWidth(56);
      thumb.setFitHeight(56);
      thumb.setPreserveRatio(true);
    }

    @Override
    protected void updateItem(Catalog.Series s, boolean empty) {
      super.updateItem(s, empty);
      if (empty || s == null) {
        setText(null);
        setGraphic(null);
        return;
      }
      setText(
          s.modality()
              + (s.number() > 0 ? " #" + s.number() : "")
              + (s.description().isBlank() ? "" : "\n" + s.description())
              + "\n"
              + i18n.get("imaging.series.images", s.slices().size()));
      Image cached = thumbnails.get(s.uid());
      thumb.setImage(cached);
      setGraphic(thumb);
      if (cached == null) {
        thumbnail(s);
      }
    }
  }

  private void thumbnail(Catalog.Series s) {
    List<Catalog.SliceRef> slices =
        s.slices().stream().filter(r -> r.instance().info().hasPixelData()).toList();
    if (slices.isEmpty() || thumbnails.containsKey(s.uid())) {
      return;
    }
    thumbnails.put(s.uid(), new WritableImage(1, 1));
    Catalog.SliceRef ref = slices.get(slices.size() / 2);
    java.util.concurrent.CompletableFuture.supplyAsync(
            () -> {
              var image = ref.instance().info().image().orElseThrow();
              var frame = model.store().frame(ref.instance().source(), ref.frame());
              return Renderer.render(image, frame, ref.frame(), RenderOptions.defaults());
            },
            renderer)
        .whenCompleteAsync(
            (r, error) -> {
              if (r != null) {
                thumbnails.put(s.uid(), ViewportView.toFx(r));
                // refresh the cell showing this series
                int i = model.series().indexOf(s);
                if (i >= 0) {
                  model.series().set(i, s);
                }
              }
            },
            Platform::runLater);
  }

  private final class PresetCell extends ListCell<Window> {
    @Override
    protected void updateItem(Window w, boolean empty) {
      super.updateItem(w, empty);
      setText(
          empty || w == null
              ? i18n.get("imaging.preset")
              : (w.explanation().isBlank() ? i18n.get("imaging.preset.header") : w.explanation())
                  + String.format(Locale.ROOT, "  (L %.0f / W %.0f)", w.center(), w.width()));
    }
  }
}
