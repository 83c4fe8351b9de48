package org.meditwin.app.imaging.similar;

import java.io.ByteArrayInputStream;
import java.util.Optional;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.meditwin.app.common.PaneContext;
import org.meditwin.app.i18n.I18n;
import org.meditwin.app.imaging.ImagingViewModel;
import org.meditwin.app.imaging.Viewport;
import org.meditwin.app.theme.Styles;

/**
 * The "Similar cases" side tab of the imaging pane and its "Find similar" toolbar button (shortcut
 * Ctrl+Shift+F): ranked cases with thumbnails, similarity, label/impression and source; the
 * selected case's larger thumbnail and full text below; progress while the reference library
 * builds; a clear message when the model does not apply.
 */
public final class SimilarCasesView {
  /** Pane-local shortcut for "Find similar". */
  public static final KeyCombination SHORTCUT =
      new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);

  private final SimilarCasesViewModel model;
  private final I18n i18n;
  private final VBox root = new VBox(6);
  private final ListView<SimilarCasesViewModel.Row> list = new ListView<>();

  SimilarCasesView(SimilarCasesViewModel model, I18n i18n, Runnable find) {
    this.model = model;
    this.i18n = i18n;
    root.setId("imaging-similar");
    root.setPadding(new Insets(6));

    Label title = new Label(i18n.get("imaging.similar.title"));
    title.getStyleClass().add(Styles.SECTION_TITLE);
    Button findButton = new Button(i18n.get("imaging.similar.find"));
    findButton.setId("imaging-similar-find-tab");
    findButton.setOnAction(e -> find.run());
    findButton.disableProperty().bind(model.busyProperty());
    Button cancel = new Button(i18n.get("imaging.similar.cancel"));
    cancel.setId("imaging-similar-cancel");
    cancel.setOnAction(e -> model.cancel());
    cancel.visibleProperty().bind(model.busyProperty());
    cancel.managedProperty().bind(cancel.visibleProperty());
    HBox head = new HBox(6, title, findButton, cancel);
    head.setAlignment(Pos.CENTER_LEFT);

    ProgressBar progress = new ProgressBar();
    progress.setId("imaging-similar-progress");
    progress.setMaxWidth(Double.MAX_VALUE);
    progress.progressProperty().bind(model.progressProperty());
    progress.visibleProperty().bind(model.busyProperty());
    progress.managedProperty().bind(progress.visibleProperty());

    Label status = new Label();
    status.setId("imaging-similar-status");
    status.setWrapText(true);
    status.getStyleClass().add(Styles.HINT);
    status.textProperty().bind(model.statusProperty());
    wrap(status);

    Label message = new Label();
    message.setId("imaging-similar-message");
    message.setWrapText(true);
    message.getStyleClass().add(Styles.NOTICE);
    message.textProperty().bind(model.messageProperty());
    wrap(message);
    message.visibleProperty().bind(model.messageProperty().isNotEmpty());
    message.managedProperty().bind(message.visibleProperty());

    list.setId("imaging-similar-list");
    list.setItems(model.rows());
    list.setCellFactory(l -> new CaseCell());
    list.setPlaceholder(new Label(i18n.get("imaging.similar.empty")));
    list.setFocusTraversable(true);
    list.getSelectionModel()
        .selectedItemProperty()
        .addListener((o, a, row) -> model.select(Optional.ofNullable(row)));
    model
        .rows()
        .addListener(
            (javafx.collections.ListChangeListener<SimilarCasesViewModel.Row>)
                c -> {
                  if (!model.rows().isEmpty()) {
                    list.getSelectionModel().selectFirst();
                  }
                });
    VBox.setVgrow(list, Priority.ALWAYS);
    list.setMinHeight(120);

    Node detail = detail();
    Label citation = new Label(model.citation());
    citation.setId("imaging-similar-citation");
    citation.setWrapText(true);
    citation.getStyleClass().add(Styles.HINT);
    wrap(citation);

    root.getChildren().addAll(head, progress, status, message, list, detail, citation);
  }

  private Node detail() {
    ImageView big = new ImageView();
    big.setId("imaging-similar-detail-image");
    big.setFitWidth(84);
    big.setFitHeight(84);
    big.setPreserveRatio(true);
    big.setSmooth(false);
    Label text = new Label();
    text.setId("imaging-similar-detail-text");
    wrap(text);
    HBox.setHgrow(text, Priority.ALWAYS);
    HBox box = new HBox(8, big, text);
    box.setId("imaging-similar-detail");
    box.getStyleClass().add(Styles.CARD);
    box.setPadding(new Insets(6));
    model
        .selectedProperty()
        .addListener(
            (o, a, row) -> {
              big.setImage(row.map(r -> image(r.thumbnailPng())).orElse(null));
              text.setText(
                  row.map(
                          r ->
                              i18n.get(
                                  "imaging.similar.detail",
                                  r.rank(),
                                  r.similarityText(),
                                  r.label(),
                                  r.source() + r.date().map(d -> " · " + d).orElse(""),
                                  r.impression()))
                      .orElse(""));
            });
    box.visibleProperty().bind(Bindings.isNotEmpty(model.rows()));
    box.managedProperty().bind(box.visibleProperty());
    return box;
  }

  /** A label that wraps within its parent's width instead of eliding. */
  private static void wrap(Label l) {
    l.setWrapText(true);
    l.setMaxWidth(Double.MAX_VALUE);
    l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
  }

  static Image image(byte[] png) {
    return png.length == 0 ? null : new Image(new ByteArrayInputStream(png));
  }

  public Parent root() {
    return root;
  }

  ListView<SimilarCasesViewModel.Row> list() {
    return list;
  }

  /**
   * Moves through the results when the list has focus. The imaging pane captures arrow and page
   * keys at its root for slice scrolling (before they reach any control), so the panel runs its own
   * list navigation from a filter registered ahead of the viewer's; true when handled.
   */
  boolean navigate(KeyCode code, Object target) {
    if (target != list || list.getItems().isEmpty()) {
      return false;
    }
    var selection = list.getSelectionModel();
    int last = list.getItems().size() - 1;
    int at = selection.getSelectedIndex();
    int to =
        switch (code) {
          case UP -> Math.max(0, at - 1);
          case DOWN -> Math.min(last, at + 1);
          case PAGE_UP -> Math.max(0, at - 5);
          case PAGE_DOWN -> Math.min(last, at + 5);
          case HOME -> 0;
          case END -> last;
          default -> -1;
        };
    if (to < 0) {
      return false;
    }
    selection.clearAndSelect(to);
    list.getFocusModel().focus(to);
    list.scrollTo(Math.max(0, to - 2));
    return true;
  }

  /** One row: thumbnail, similarity, label, source/date, first line of the impression. */
  private final class CaseCell extends ListCell<SimilarCasesViewModel.Row> {
    private final ImageView thumb = new ImageView();
    private final Label top = new Label();
    private final Label bottom = new Label();
    private final HBox box;

    CaseCell() {
      thumb.setFitWidth(48);
      thumb.setFitHeight(48);
      thumb.setPreserveRatio(true);
      bottom.getStyleClass().add(Styles.HINT);
      bottom.setWrapText(false);
      VBox text = new VBox(2, top, bottom);
      box = new HBox(8, thumb, text);
      box.setAlignment(Pos.CENTER_LEFT);
      setPrefWidth(0);
    }

    @Override
    protected void updateItem(SimilarCasesViewModel.Row r, boolean empty) {
      super.updateItem(r, empty);
      if (empty || r == null) {
        setGraphic(null);
        setText(null);
        setAccessibleText(null);
        return;
      }
      thumb.setImage(image(r.thumbnailPng()));
      top.setText(r.rank() + ".  " + r.similarityText() + "  ·  " + r.label());
      bottom.setText(r.source() + r.date().map(d -> " · " + d).orElse(""));
      top.setMinWidth(0);
      setAccessibleText(
          i18n.get("imaging.similar.row", r.rank(), r.similarityText(), r.label(), r.source()));
      setTooltip(new Tooltip(r.impression()));
      setGraphic(box);
    }
  }

  /**
   * Adds "Find similar" after {@code after} in the toolbar and a "Similar cases" tab to {@code
   * tabs}; Ctrl+Shift+F anywhere in the pane runs it. The service (model + encrypted case index
   * with the session's key) opens in the background at first use and closes with the pane.
   */
  public static SimilarCasesView install(
      PaneContext context, ImagingViewModel imaging, Pane bar, Node after, TabPane tabs) {
    I18n i18n = context.i18n();
    SimilarCaseIndexing shared = SimilarCaseIndexing.of(context);
    SimilarCasesViewModel vm =
        new SimilarCasesViewModel(shared::service, context.tasks(), Platform::runLater, i18n);
    context.onClose(vm::cancel);
    Tab tab = new Tab(i18n.get("imaging.similar.tab"));
    tab.setId("imaging-tab-similar");
    tab.setClosable(false);
    Runnable[] find = new Runnable[1];
    SimilarCasesView view = new SimilarCasesView(vm, i18n, () -> find[0].run());
    tab.setContent(view.root());
    tabs.getTabs().add(tab);
    find[0] =
        () -> {
          tabs.getSelectionModel().select(tab);
          vm.findSimilar(shown(context, imaging))
              .thenRun(() -> Platform.runLater(() -> view.list().requestFocus()));
        };
    Button button = new Button(i18n.get("imaging.similar.find"));
    button.setId("imaging-similar-find");
    button.setTooltip(new Tooltip(i18n.get("imaging.similar.find.tip")));
    button.setOnAction(e -> find[0].run());
    button.disableProperty().bind(vm.busyProperty());
    int at = bar.getChildren().indexOf(after);
    bar.getChildren().add(at < 0 ? bar.getChildren().size() : at + 1, button);
    bar.parentProperty()
        .addListener(
            (o, old, parent) -> {
              if (parent != null) {
                parent.addEventFilter(
                    KeyEvent.KEY_PRESSED,
                    e -> {
                      if (SHORTCUT.match(e)) {
                        e.consume();
                        find[0].run();
                      } else if (view.navigate(e.getCode(), e.getTarget())) {
                        e.consume();
                      }
                    });
              }
            });
    return view;
  }

  static Optional<SimilarCasesViewModel.Shown> shown(
      PaneContext context, ImagingViewModel imaging) {
    Viewport v = imaging.activeViewport();
    return v.renderedProperty()
        .get()
        .map(
            r ->
                new SimilarCasesViewModel.Shown(
                    r.slice().instance().info(),
                    r.description(),
                    r.frame(),
                    context.currentPatient().map(p -> p.id().value())));
  }
}
