package org.meditwin.app.documents;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.IntBuffer;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import org.meditwin.app.common.DialogService;
import org.meditwin.app.common.PaneContext;
import org.meditwin.app.i18n.I18n;
import org.meditwin.app.theme.Styles;
import org.meditwin.app.timeline.TimelineIndexing;
import org.meditwin.documents.DocumentEntity;
import org.meditwin.documents.DocumentService;
import org.meditwin.documents.ExtractionMethod;
import org.meditwin.documents.ProposalEdit;
import org.meditwin.documents.ProposalStatus;
import org.meditwin.documents.ProposedEvent;
import org.meditwin.documents.ProposedEventType;
import org.meditwin.documents.Side;
import org.meditwin.documents.TextBox;
import org.meditwin.record.EventIndexFeed;

/**
 * The Documents pane: import (button or drag-and-drop) for the current patient, the job list with
 * progress, cancel, retry and failure reasons, a page viewer with the extracted entities
 * highlighted over the page image and in the text, and the proposed timeline events to confirm,
 * edit or reject. Every control has an id and is reachable with the keyboard.
 */
public final class DocumentsView {
  static final String STYLESHEET = "/org/meditwin/app/documents/documents.css";

  private final I18n i18n;
  private final DialogService dialogs;
  private final DocumentsViewModel vm;
  private final BorderPane root = new BorderPane();
  private final ListView<JobRow> jobList = new ListView<>();
  private final TableView<ProposedEvent> table = new TableView<>();
  private final ImageView image = new ImageView();
  private final Pane overlay = new Pane();
  private final StackPane pageStack = new StackPane();
  private final TextFlow text = new TextFlow();
  private final Label pageLabel = new Label();
  private final Label pageNote = new Label();
  private final ScrollPane imageScroll = new ScrollPane();
  private final Optional<DocumentService> owned;
  private Optional<ProposedEvent> focused = Optional.empty();
  private double zoom = 1;
  private static final double ZOOM_STEP = 1.25;

  /** The pane for the main window; owns a document service for the signed-in session. */
  public DocumentsView(PaneContext context) {
    this(context, DocumentServices.open(context));
  }

  private DocumentsView(PaneContext context, DocumentService service) {
    this(
        context,
        new DocumentsViewModel(
            service,
            context.tasks(),
            Platform::runLater,
            context.i18n(),
            context.errors(),
            context.clock()),
        Optional.of(service));
  }

  DocumentsView(PaneContext context, DocumentsViewModel vm, Optional<DocumentService> owned) {
    vm.onConfirmed(
        () ->
            TimelineIndexing.drainQuietly(
                () -> EventIndexFeed.of(context.session()), context.patientRecords()));
    this.i18n = context.i18n();
    this.dialogs = context.dialogs();
    this.vm = vm;
    this.owned = owned;
    build();
    context.currentPatientProperty().addListener((o, a, b) -> vm.setPatient(b));
    vm.setPatient(context.currentPatient());
    followSelection();
    context.recordRequestProperty().addListener((o, a, b) -> openRequested(context, b));
    openRequested(context, context.recordRequestProperty().get());
  }

  /** Shows a requested document (global search, assistant citation) once the list is loaded. */
  private void openRequested(PaneContext context, Optional<PaneContext.RecordRequest> request) {
    request
        .flatMap(r -> r.localId(PaneContext.Pane.DOCUMENTS))
        .ifPresent(
            id -> {
              context.recordRequestProperty().set(Optional.empty());
              vm.openWhenLoaded(id);
            });
  }

  /** Keeps the job list on the view model's selection when the selection comes from a request. */
  private void followSelection() {
    vm.selectedProperty()
        .addListener(
            (o, a, b) ->
                b.filter(r -> jobList.getSelectionModel().getSelectedItem() != r)
                    .filter(vm.jobs()::contains)
                    .ifPresent(
                        r -> {
                          jobList.getSelectionModel().select(r);
                          jobList.scrollTo(r);
                        }));
  }

  public Parent root() {
    return root;
  }

  DocumentsViewModel viewModel() {
    return vm;
  }

  // --- layout ---------------------------------------------------------------------------------

  private void build() {
    root.setId("documents-view");
    root.getStyleClass().add(Styles.PANE);
    root.getStylesheets()
        .add(Objects.requireNonNull(DocumentsView.class.getResource(STYLESHEET)).toExternalForm());
    root.setTop(header());
    SplitPane split = new SplitPane(jobsPanel(), viewerPanel(), proposalsPanel());
    split.setId("documents-split");
    split.setDividerPositions(0.24, 0.65);
    root.setCenter(split);
    Label status = new Label();
    status.setId("documents-status");
    status.getStyleClass().add(Styles.HINT);
    status.textProperty().bind(vm.statusProperty());
    status.setWrapText(true);
    BorderPane.setMargin(status, new Insets(6, 0, 0, 0));
    root.setBottom(status);
    dragAndDrop();
    root.addEventFilter(
        javafx.scene.input.KeyEvent.KEY_PRESSED,
        e -> {
          if (e.getCode() == KeyCode.PAGE_DOWN && e.isControlDown()) {
            vm.showPage(vm.currentPage() + 1);
            e.consume();
          } else if (e.getCode() == KeyCode.PAGE_UP && e.isControlDown()) {
            vm.showPage(vm.currentPage() - 1);
            e.consume();
          } else if (e.isControlDown()
              && (e.getCode() == KeyCode.PLUS
                  || e.getCode() == KeyCode.EQUALS
                  || e.getCode() == KeyCode.ADD)) {
            zoom(ZOOM_STEP);
            e.consume();
          } else if (e.isControlDown()
              && (e.getCode() == KeyCode.MINUS || e.getCode() == KeyCode.SUBTRACT)) {
            zoom(1 / ZOOM_STEP);
            e.consume();
          }
        });
  }

  private Node header() {
    Label title = new Label(i18n.get("documents.title"));
    title.getStyleClass().add(Styles.PANE_TITLE);
    Label patient = new Label();
    patient.setId("documents-patient");
    patient.getStyleClass().add("doc-patient");
    vm.patientProperty()
        .addListener(
            (o, a, b) ->
                patient.setText(
                    b.map(p -> i18n.get("documents.patient", p.displayName()))
                        .orElse(i18n.get("documents.noPatient"))));
    patient.setText(
        vm.patientProperty()
            .get()
            .map(p -> i18n.get("documents.patient", p.displayName()))
            .orElse(i18n.get("documents.noPatient")));
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    Label hint = new Label(i18n.get("documents.dropHint"));
    hint.getStyleClass().add(Styles.HINT);
    Button importButton = new Button(i18n.get("documents.import"));
    importButton.setId("documents-import");
    importButton.setMnemonicParsing(true);
    importButton.getStyleClass().add(Styles.ACCENT);
    importButton.disableProperty().bind(vm.busyProperty());
    importButton.setOnAction(e -> chooseFiles());
    HBox box = new HBox(12, title, patient, spacer, hint, importButton);
    box.setAlignment(Pos.CENTER_LEFT);
    box.setPadding(new Insets(0, 0, 8, 0));
    return box;
  }

  private Node jobsPanel() {
    Label title = new Label(i18n.get("documents.jobs"));
    title.getStyleClass().add(Styles.SECTION_TITLE);
    jobList.setId("documents-jobs");
    jobList.setItems(vm.jobs());
    jobList.setCellFactory(l -> new JobCell());
    jobList.setPlaceholder(new Label(i18n.get("documents.empty")));
    jobList
        .getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (o, a, b) -> {
              if (b == null) {
                if (a != null && !vm.jobs().contains(a)) {
                  return; // replaced by an update of the same row
                }
                vm.select(Optional.empty());
              } else if (vm.selectedProperty().get().map(s -> !s.equals(b)).orElse(true)) {
                boolean sameRow =
                    vm.selectedProperty().get().map(s -> s.id().equals(b.id())).orElse(false);
                if (!sameRow || b.done() != vm.selectedProperty().get().get().done()) {
                  vm.select(Optional.of(b));
                }
              }
            });
    VBox.setVgrow(jobList, Priority.ALWAYS);
    Button cancel = button("documents-cancel", "documents.cancel");
    Button retry = button("documents-retry", "documents.retry");
    Button delete = button("documents-delete", "documents.delete");
    Runnable enable =
        () -> {
          Optional<JobRow> s = Optional.ofNullable(jobList.getSelectionModel().getSelectedItem());
          cancel.setDisable(s.map(r -> !r.running()).orElse(true));
          retry.setDisable(s.map(r -> !r.failed()).orElse(true));
          delete.setDisable(s.isEmpty() || s.get().running());
        };
    jobList.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> enable.run());
    vm.jobs().addListener((javafx.collections.ListChangeListener<JobRow>) c -> enable.run());
    enable.run();
    cancel.setOnAction(e -> selectedJob().ifPresent(vm::cancel));
    retry.setOnAction(e -> selectedJob().ifPresent(vm::retry));
    delete.setOnAction(
        e ->
            selectedJob()
                .ifPresent(
                    r -> {
                      if (r.refused()
                          || dialogs.confirm(
                              i18n.get("documents.delete.confirm.title"),
                              i18n.get("documents.delete.confirm"))) {
                        vm.delete(r);
                      }
                    }));
    jobList.setOnKeyPressed(
        e -> {
          if (e.getCode() == KeyCode.DELETE) {
            delete.fire();
          }
        });
    javafx.scene.layout.FlowPane buttons =
        new javafx.scene.layout.FlowPane(6, 6, cancel, retry, delete);
    VBox box = new VBox(8, title, jobList, buttons);
    box.getStyleClass().add("doc-panel");
    box.setMinWidth(220);
    return box;
  }

  private Optional<JobRow> selectedJob() {
    return Optional.ofNullable(jobList.getSelectionModel().getSelectedItem());
  }

  private Button button(String id, String key) {
    Button b = new Button(i18n.get(key));
    b.setId(id);
    b.setMnemonicParsing(true);
    b.setMinWidth(Region.USE_PREF_SIZE);
    return b;
  }

  private Node viewerPanel() {
    Button prev = button("documents-page-prev", "documents.page.prev");
    Button next = button("documents-page-next", "documents.page.next");
    prev.setOnAction(e -> vm.showPage(vm.currentPage() - 1));
    next.setOnAction(e -> vm.showPage(vm.currentPage() + 1));
    pageLabel.setId("documents-page-label");
    Label legend = new Label(i18n.get("documents.legend"));
    legend.getStyleClass().add(Styles.HINT);
    legend.setWrapText(true);
    legend.setMinHeight(Region.USE_PREF_SIZE);
    Button zoomOut = button("documents-zoom-out", "documents.zoom.out");
    Button zoomIn = button("documents-zoom-in", "documents.zoom.in");
    zoomOut.setText("−");
    zoomIn.setText("+");
    zoomOut.setTooltip(new Tooltip(i18n.get("documents.zoom.out") + " (Ctrl+−)"));
    zoomIn.setTooltip(new Tooltip(i18n.get("documents.zoom.in") + " (Ctrl++)"));
    zoomOut.setOnAction(e -> zoom(1 / ZOOM_STEP));
    zoomIn.setOnAction(e -> zoom(ZOOM_STEP));
    Region navSpacer = new Region();
    HBox.setHgrow(navSpacer, Priority.ALWAYS);
    HBox nav = new HBox(8, prev, pageLabel, next, navSpacer, zoomOut, zoomIn);
    nav.setAlignment(Pos.CENTER_LEFT);

    image.setId("documents-page-image");
    image.setPreserveRatio(true);
    image.setSmooth(true);
    overlay.setId("documents-highlights");
    overlay.setMouseTransparent(true);
    overlay.setManaged(false);
    pageStack.getChildren().setAll(image, overlay);
    pageStack.setAlignment(Pos.TOP_LEFT);
    pageStack.getStyleClass().add("doc-page");
    imageScroll.setId("documents-page-scroll");
    imageScroll.setContent(pageStack);
    imageScroll.setFitToWidth(true);
    imageScroll.setPannable(true);
    imageScroll.viewportBoundsProperty().addListener((o, a, b) -> fit());
    image.fitWidthProperty().addListener((o, a, b) -> drawHighlights());
    VBox.setVgrow(imageScroll, Priority.ALWAYS);

    pageNote.setId("documents-page-note");
    pageNote.getStyleClass().add(Styles.HINT);
    pageNote.setWrapText(true);
    text.setId("documents-text");
    text.getStyleClass().add("doc-text");
    ScrollPane textScroll = new ScrollPane(text);
    textScroll.setId("documents-text-scroll");
    textScroll.setFitToWidth(true);
    textScroll.setPrefViewportHeight(180);
    textScroll.setFocusTraversable(true);
    Label textTitle = new Label(i18n.get("documents.text"));
    textTitle.getStyleClass().add(Styles.SECTION_TITLE);

    SplitPane vertical =
        new SplitPane(
            new VBox(6, nav, legend, imageScroll), new VBox(6, textTitle, pageNote, textScroll));
    vertical.setOrientation(javafx.geometry.Orientation.VERTICAL);
    vertical.setDividerPositions(0.62);
    VBox.setVgrow(textScroll, Priority.ALWAYS);
    vm.pageProperty().addListener((o, a, b) -> showPage(b));
    showPage(Optional.empty());
    prev.disableProperty()
        .bind(
            javafx.beans.binding.Bindings.createBooleanBinding(
                () -> vm.pageProperty().get().map(p -> p.page().page() <= 1).orElse(true),
                vm.pageProperty()));
    next.disableProperty()
        .bind(
            javafx.beans.binding.Bindings.createBooleanBinding(
                () ->
                    vm.pageProperty().get().map(p -> p.page().page() >= p.pageCount()).orElse(true),
                vm.pageProperty()));
    VBox box = new VBox(vertical);
    VBox.setVgrow(vertical, Priority.ALWAYS);
    box.getStyleClass().add("doc-panel");
    return box;
  }

  private Node proposalsPanel() {
    Label title = new Label(i18n.get("documents.proposals"));
    title.getStyleClass().add(Styles.SECTION_TITLE);
    table.setId("documents-proposals");
    table.setItems(vm.proposals());
    table.setPlaceholder(new Label(i18n.get("documents.proposals.none")));
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table
        .getColumns()
        .setAll(
            List.of(
                column(
                    "documents.col.type", e -> i18n.get("documents.type." + e.type().name()), 90),
                column("documents.col.date", e -> date(e.date()), 105),
                column("documents.col.title", this::titleOf, 180)));
    table.setRowFactory(
        t -> {
          var row = new javafx.scene.control.TableRow<ProposedEvent>();
          row.itemProperty()
              .addListener(
                  (o, a, b) -> {
                    row.getStyleClass().removeAll("doc-confirmed", "doc-rejected");
                    row.setTooltip(
                        b == null
                            ? null
                            : new Tooltip(
                                i18n.get("documents.proposal." + b.status().name())
                                    + " · "
                                    + i18n.get("documents.dateSource." + b.dateSource().name())));
                    if (b != null && b.status() != ProposalStatus.PROPOSED) {
                      row.getStyleClass()
                          .add(
                              b.status() == ProposalStatus.CONFIRMED
                                  ? "doc-confirmed"
                                  : "doc-rejected");
                    }
                  });
          row.setOnMouseClicked(
              e -> {
                if (e.getClickCount() == 2 && row.getItem() != null) {
                  editDialog(row.getItem());
                }
              });
          return row;
        });
    table
        .getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (o, a, b) -> {
              focused = Optional.ofNullable(b);
              if (b != null && b.page() != vm.currentPage()) {
                vm.showPage(b.page());
              } else {
                drawHighlights();
              }
            });
    VBox.setVgrow(table, Priority.ALWAYS);
    Button confirm = button("documents-confirm", "documents.confirm");
    Button edit = button("documents-edit", "documents.edit");
    Button reject = button("documents-reject", "documents.reject");
    confirm.getStyleClass().add(Styles.ACCENT);
    reject.getStyleClass().add(Styles.DANGER);
    Runnable enable =
        () -> {
          ProposedEvent s = table.getSelectionModel().getSelectedItem();
          boolean open = s != null && s.status() == ProposalStatus.PROPOSED;
          confirm.setDisable(!open);
          edit.setDisable(!open);
          reject.setDisable(!open);
        };
    table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> enable.run());
    vm.proposals()
        .addListener((javafx.collections.ListChangeListener<ProposedEvent>) c -> enable.run());
    enable.run();
    confirm.setOnAction(e -> selectedProposal().ifPresent(p -> vm.confirm(p, Optional.empty())));
    reject.setOnAction(e -> selectedProposal().ifPresent(vm::reject));
    edit.setOnAction(e -> selectedProposal().ifPresent(this::editDialog));
    table.setOnKeyPressed(
        e -> {
          if (e.getCode() == KeyCode.ENTER && !confirm.isDisabled()) {
            confirm.fire();
          }
        });
    HBox buttons = new HBox(6, confirm, edit, reject);
    VBox box = new VBox(8, title, table, buttons);
    box.getStyleClass().add("doc-panel");
    box.setMinWidth(260);
    return box;
  }

  private Optional<ProposedEvent> selectedProposal() {
    return Optional.ofNullable(table.getSelectionModel().getSelectedItem());
  }

  private String titleOf(ProposedEvent e) {
    StringBuilder sb = new StringBuilder();
    if (e.status() == ProposalStatus.CONFIRMED) {
      sb.append("✓ ");
    } else if (e.status() == ProposalStatus.REJECTED) {
      sb.append("✗ ");
    }
    sb.append(e.title());
    if (e.laterality() != Side.NONE) {
      sb.append(" · ").append(i18n.get("documents.side." + e.laterality().name()));
    }
    e.bodyPart().ifPresent(b -> sb.append(" · ").append(b));
    e.severity().ifPresent(s -> sb.append(" · ").append(s));
    if (e.uncertain()) {
      sb.append(" · ").append(i18n.get("documents.uncertain"));
    }
    return sb.toString();
  }

  private String date(LocalDate d) {
    return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
        .withLocale(i18n.language().locale())
        .format(d);
  }

  private TableColumn<ProposedEvent, String> column(
      String key, Function<ProposedEvent, String> value, double width) {
    TableColumn<ProposedEvent, String> c = new TableColumn<>(i18n.get(key));
    c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(value.apply(cd.getValue())));
    c.setPrefWidth(width);
    c.setSortable(false);
    return c;
  }

  // --- viewer ---------------------------------------------------------------------------------

  private void zoom(double factor) {
    zoom = Math.max(1, Math.min(4, zoom * factor));
    imageScroll.setFitToWidth(zoom <= 1.0001);
    fit();
  }

  private void fit() {
    double width = imageScroll.getViewportBounds().getWidth();
    image.setFitWidth(Math.max(100, (width - 16) * zoom));
  }

  private void showPage(Optional<PageView> view) {
    text.getChildren().clear();
    overlay.getChildren().clear();
    if (view.isEmpty()) {
      image.setImage(null);
      pageLabel.setText("");
      pageNote.setText(i18n.get("documents.page.none"));
      return;
    }
    PageView v = view.get();
    pageLabel.setText(i18n.get("documents.page", v.page().page(), v.pageCount()));
    String method =
        v.page().method() == ExtractionMethod.OCR
            ? i18n.get("documents.method.OCR", Math.round(v.page().ocrConfidence().orElse(0)))
            : i18n.get("documents.method.TEXT_LAYER");
    pageNote.setText(
        v.image().isPresent() ? method : method + " · " + i18n.get("documents.page.noImage"));
    image.setImage(v.image().map(DocumentsView::toFx).orElse(null));
    fillText(v);
    drawHighlights();
  }

  static WritableImage toFx(BufferedImage img) {
    int w = img.getWidth();
    int h = img.getHeight();
    int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
    WritableImage out = new WritableImage(w, h);
    out.getPixelWriter()
        .setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), IntBuffer.wrap(argb), w);
    return out;
  }

  private void fillText(PageView v) {
    String t = v.page().text();
    if (t.isEmpty()) {
      Text none = new Text(i18n.get("documents.noText"));
      none.getStyleClass().add("doc-text-plain");
      text.getChildren().add(none);
      return;
    }
    List<DocumentEntity> entities = new ArrayList<>();
    v.highlights().forEach(h -> entities.add(h.entity()));
    entities.sort(Comparator.comparingInt(DocumentEntity::start));
    int at = 0;
    for (DocumentEntity e : entities) {
      if (e.start() < at || e.end() > t.length()) {
        continue;
      }
      plain(t.substring(at, e.start()));
      Text span = new Text(t.substring(e.start(), e.end()));
      span.getStyleClass().addAll("doc-entity", entityClass(e));
      if (e.negated()) {
        span.getStyleClass().add("negated");
        span.setStrikethrough(true);
      }
      text.getChildren().add(span);
      at = e.end();
    }
    plain(t.substring(at));
  }

  private void plain(String s) {
    if (!s.isEmpty()) {
      Text x = new Text(s);
      x.getStyleClass().add("doc-text-plain");
      text.getChildren().add(x);
    }
  }

  private static String entityClass(DocumentEntity e) {
    return "doc-entity-" + e.type().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private void drawHighlights() {
    overlay.getChildren().clear();
    Optional<PageView> view = vm.pageProperty().get();
    if (view.isEmpty() || image.getImage() == null) {
      return;
    }
    double w = image.getBoundsInParent().getWidth();
    double h = image.getBoundsInParent().getHeight();
    if (w <= 0 || h <= 0) {
      w = image.getFitWidth();
      h = w / Math.max(0.01, view.get().page().aspect());
    }
    overlay.resize(w, h);
    for (PageView.Highlight hl : view.get().highlights()) {
      for (TextBox b : hl.boxes()) {
        Rectangle r =
            new Rectangle(b.x() * w - 1, b.y() * h - 1, b.width() * w + 2, b.height() * h + 2);
        r.getStyleClass().addAll("doc-box", entityClass(hl.entity()));
        if (hl.entity().negated()) {
          r.getStyleClass().add("negated");
        }
        if (focused
            .map(
                f ->
                    f.page() == hl.entity().page()
                        && f.start() < hl.entity().end()
                        && hl.entity().start() < f.end())
            .orElse(false)) {
          r.getStyleClass().add("focused");
        }
        overlay.getChildren().add(r);
      }
    }
  }

  // --- import ---------------------------------------------------------------------------------

  private void chooseFiles() {
    FileChooser chooser = new FileChooser();
    chooser.setTitle(i18n.get("documents.import.title"));
    chooser
        .getExtensionFilters()
        .addAll(
            new FileChooser.ExtensionFilter(
                i18n.get("documents.import.filter"),
                "*.pdf",
                "*.PDF",
                "*.png",
                "*.PNG",
                "*.jpg",
                "*.jpeg",
                "*.JPG",
                "*.tif",
                "*.tiff",
                "*.TIF"),
            new FileChooser.ExtensionFilter(i18n.get("documents.import.all"), "*"));
    List<File> files =
        chooser.showOpenMultipleDialog(
            root.getScene() == null ? null : root.getScene().getWindow());
    if (files != null) {
      vm.importFiles(files.stream().map(File::toPath).toList());
    }
  }

  private void dragAndDrop() {
    root.setOnDragOver(
        e -> {
          if (e.getDragboard().hasFiles() && vm.patientProperty().get().isPresent()) {
            e.acceptTransferModes(TransferMode.COPY);
            root.getStyleClass().add("doc-drop-target");
          }
          e.consume();
        });
    root.setOnDragExited(e -> root.getStyleClass().remove("doc-drop-target"));
    root.setOnDragDropped(
        e -> {
          Dragboard db = e.getDragboard();
          boolean ok = db.hasFiles();
          if (ok) {
            List<Path> paths = db.getFiles().stream().map(File::toPath).toList();
            vm.importFiles(paths);
          }
          root.getStyleClass().remove("doc-drop-target");
          e.setDropCompleted(ok);
          e.consume();
        });
  }

  // --- edit dialog ----------------------------------------------------------------------------

  private void editDialog(ProposedEvent e) {
    if (e.status() != ProposalStatus.PROPOSED) {
      return;
    }
    Dialog<ButtonType> d = new Dialog<>();
    d.setTitle(i18n.get("documents.edit.title"));
    if (root.getScene() != null) {
      d.initOwner(root.getScene().getWindow());
    }
    ComboBox<ProposedEventType> type = new ComboBox<>();
    type.setId("documents-edit-type");
    type.getItems().setAll(ProposedEventType.values());
    type.setValue(e.type());
    type.setConverter(converter(t -> i18n.get("documents.type." + t.name())));
    TextField title = new TextField(e.title());
    title.setId("documents-edit-name");
    DatePicker date = new DatePicker(e.date());
    date.setId("documents-edit-date");
    TextField body = new TextField(e.bodyPart().orElse(""));
    body.setId("documents-edit-body");
    ComboBox<Side> side = new ComboBox<>();
    side.setId("documents-edit-side");
    side.getItems().setAll(Side.values());
    side.setValue(e.laterality());
    side.setConverter(converter(s -> i18n.get("documents.side." + s.name())));
    TextField severity = new TextField(e.severity().orElse(""));
    severity.setId("documents-edit-severity");
    GridPane grid = new GridPane(8, 8);
    grid.addRow(0, new Label(i18n.get("documents.edit.type")), type);
    grid.addRow(1, new Label(i18n.get("documents.edit.name")), title);
    grid.addRow(2, new Label(i18n.get("documents.edit.date")), date);
    grid.addRow(3, new Label(i18n.get("documents.edit.bodyPart")), body);
    grid.addRow(4, new Label(i18n.get("documents.edit.side")), side);
    grid.addRow(5, new Label(i18n.get("documents.edit.severity")), severity);
    Label source = new Label(i18n.get("documents.dateSource." + e.dateSource().name()));
    source.getStyleClass().add(Styles.HINT);
    source.setWrapText(true);
    grid.add(source, 1, 6);
    title.setPrefColumnCount(28);
    d.getDialogPane().setContent(grid);
    ButtonType save = new ButtonType(i18n.get("documents.edit.save"), ButtonBar.ButtonData.OTHER);
    ButtonType saveConfirm =
        new ButtonType(i18n.get("documents.edit.saveConfirm"), ButtonBar.ButtonData.OK_DONE);
    d.getDialogPane().getButtonTypes().setAll(saveConfirm, save, ButtonType.CANCEL);
    Node okButton = d.getDialogPane().lookupButton(saveConfirm);
    Node saveButton = d.getDialogPane().lookupButton(save);
    Runnable validate =
        () -> {
          boolean bad = title.getText().isBlank() || date.getValue() == null;
          okButton.setDisable(bad);
          saveButton.setDisable(bad);
        };
    title.textProperty().addListener((o, a, b) -> validate.run());
    date.valueProperty().addListener((o, a, b) -> validate.run());
    validate.run();
    Platform.runLater(title::requestFocus);
    Optional<ButtonType> answer = d.showAndWait();
    if (answer.isEmpty() || answer.get() == ButtonType.CANCEL) {
      return;
    }
    ProposalEdit edit =
        new ProposalEdit(
            type.getValue(),
            title.getText(),
            date.getValue(),
            Optional.of(body.getText()).filter(s -> !s.isBlank()),
            side.getValue(),
            Optional.of(severity.getText()).filter(s -> !s.isBlank()));
    if (answer.get() == saveConfirm) {
      vm.confirm(e, Optional.of(edit));
    } else {
      vm.edit(e, edit);
    }
  }

  private static <T> StringConverter<T> converter(Function<T, String> f) {
    return new StringConverter<>() {
      @Override
      public String toString(T t) {
        return t == null ? "" : f.apply(t);
      }

      @Override
      public T fromString(String s) {
        throw new UnsupportedOperationException("selection only");
      }
    };
  }

  // --- list cell ------------------------------------------------------------------------------

  private final class JobCell extends ListCell<JobRow> {
    private final Label name = new Label();
    private final Label state = new Label();
    private final ProgressBar bar = new ProgressBar();
    private final VBox box = new VBox(3, name, state, bar);

    JobCell() {
      box.maxWidthProperty().bind(jobList.widthProperty().subtract(28));
      box.prefWidthProperty().bind(jobList.widthProperty().subtract(28));
      name.getStyleClass().add("doc-job-name");
      state.getStyleClass().add("doc-job-state");
      state.setWrapText(true);
      bar.setMaxWidth(Double.MAX_VALUE);
      box.setPadding(new Insets(2, 0, 2, 0));
    }

    @Override
    protected void updateItem(JobRow row, boolean empty) {
      super.updateItem(row, empty);
      getStyleClass().removeAll("doc-failed", "doc-done", "doc-running");
      if (empty || row == null) {
        setGraphic(null);
        setText(null);
        setTooltip(null);
        return;
      }
      name.setText(row.fileName());
      state.setText(vm.describe(row));
      bar.setVisible(row.running());
      bar.setManaged(row.running());
      bar.setProgress(row.progress() < 0 ? ProgressBar.INDETERMINATE_PROGRESS : row.progress());
      getStyleClass()
          .add(
              row.refused() || row.failed()
                  ? "doc-failed"
                  : row.done() ? "doc-done" : "doc-running");
      setTooltip(new Tooltip(row.fileName() + "\n" + vm.describe(row)));
      setGraphic(box);
      setText(null);
    }
  }

  /** Stops the pane's document service (sign-out); running jobs resume at the next sign-in. */
  public void close() {
    vm.dispose();
    owned.ifPresent(DocumentService::close);
  }
}
