package org.meditwin.app.search;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.meditwin.app.i18n.I18n;
import org.meditwin.app.theme.Styles;
import org.meditwin.search.Snippet;

/**
 * The search box of the top bar and its results panel. The box keeps the keyboard focus: Down and
 * Up move the selection, Enter opens it, Escape closes the panel.
 */
public final class GlobalSearchView {
  private static final double MAX_LIST_HEIGHT = 520;
  private final GlobalSearchViewModel model;
  private final TextField field = new TextField();
  private final ListView<SearchResultItem> list = new ListView<>();
  private final VBox panel;

  public GlobalSearchView(GlobalSearchViewModel model, I18n i18n) {
    this.model = model;
    field.setId("global-search");
    field.setPromptText(i18n.get("search.prompt"));
    field.setPrefColumnCount(28);
    field.getStyleClass().add(Styles.SEARCH_FIELD);
    field.textProperty().bindBidirectional(model.queryProperty());
    field.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);

    Label header = new Label();
    header.setId("global-search-header");
    header.getStyleClass().add(Styles.SECTION_TITLE);
    header.textProperty().bind(model.headerProperty());
    header.managedProperty().bind(header.textProperty().isNotEmpty());
    header.visibleProperty().bind(header.managedProperty());
    Label message = new Label();
    message.setId("global-search-message");
    message.setWrapText(true);
    message.getStyleClass().add(Styles.HINT);
    message.textProperty().bind(model.messageProperty());
    message.managedProperty().bind(message.textProperty().isNotEmpty());
    message.visibleProperty().bind(message.managedProperty());

    list.setId("global-search-results");
    list.setItems(model.items());
    list.setFocusTraversable(false);
    list.setCellFactory(l -> new ResultCell());
    list.managedProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(model.items()));
    list.visibleProperty().bind(list.managedProperty());
    // grow with the hits up to a cap instead of leaving an empty box under one result
    list.prefHeightProperty()
        .bind(
            javafx.beans.binding.Bindings.createDoubleBinding(
                () ->
                    Math.min(
                        MAX_LIST_HEIGHT,
                        12
                            + model.items().stream()
                                .mapToDouble(
                                    i ->
                                        switch (i) {
                                          case SearchResultItem.Header h -> 30;
                                          case SearchResultItem.KnowledgeHit k -> 96;
                                          case SearchResultItem.PatientHit p -> 34;
                                          case SearchResultItem.RecordHit r -> 78;
                                        })
                                .sum()),
                model.items()));
    model
        .selectedIndexProperty()
        .addListener(
            (o, a, b) -> {
              int i = b.intValue();
              if (i < 0) {
                list.getSelectionModel().clearSelection();
              } else {
                list.getSelectionModel().select(i);
                list.scrollTo(Math.max(0, i - 1));
              }
            });
    list.setOnMouseClicked(
        e -> {
          int i = list.getSelectionModel().getSelectedIndex();
          model.select(i);
          if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
            model.activate();
          }
          field.requestFocus();
        });

    Label keys = new Label(i18n.get("search.keys"));
    keys.getStyleClass().add(Styles.HINT);
    panel = new VBox(header, message, list, keys);
    panel.setId("global-search-panel");
    panel.getStyleClass().add(Styles.SEARCH_PANEL);
    panel.setMaxWidth(640);
    panel.setPrefWidth(640);
    panel.setMaxHeight(Region.USE_PREF_SIZE);
    panel.visibleProperty().bind(model.showingProperty());
    panel.managedProperty().bind(model.showingProperty());
  }

  /** The text field for the top bar. */
  public TextField field() {
    return field;
  }

  /** The results panel, shown over the window below the top bar. */
  public VBox panel() {
    return panel;
  }

  /** Hides the results panel (the session locked). */
  public void hideResults() {
    model.dismiss();
  }

  /** Ctrl+K: focus and select the text. */
  public void focus() {
    field.requestFocus();
    field.selectAll();
  }

  private void onKey(KeyEvent e) {
    switch (e.getCode()) {
      case DOWN -> model.selectNext();
      case UP -> model.selectPrevious();
      case ENTER -> model.activate();
      case ESCAPE -> model.dismiss();
      default -> {
        return;
      }
    }
    e.consume();
  }

  /** Bold {@link Text} runs for the highlighted ranges, plain runs between them. */
  static List<Text> runs(Snippet snippet) {
    String s = snippet.text();
    List<Text> out = new ArrayList<>();
    int at = 0;
    List<Snippet.Range> ranges = new ArrayList<>(snippet.highlights());
    ranges.sort(java.util.Comparator.comparingInt(Snippet.Range::start));
    for (Snippet.Range r : ranges) {
      int start = Math.max(at, Math.min(r.start(), s.length()));
      int end = Math.max(start, Math.min(r.end(), s.length()));
      if (start > at) {
        out.add(text(s.substring(at, start), false));
      }
      if (end > start) {
        out.add(text(s.substring(start, end), true));
      }
      at = end;
    }
    if (at < s.length()) {
      out.add(text(s.substring(at), false));
    }
    return out;
  }

  private static Text text(String s, boolean highlight) {
    Text t = new Text(s);
    t.getStyleClass().add(highlight ? Styles.SEARCH_HIGHLIGHT : Styles.SEARCH_SNIPPET);
    return t;
  }

  private final class ResultCell extends ListCell<SearchResultItem> {
    ResultCell() {
      setPrefWidth(0);
    }

    @Override
    protected void updateItem(SearchResultItem item, boolean empty) {
      super.updateItem(item, empty);
      setText(null);
      getStyleClass().remove(Styles.SEARCH_SECTION);
      if (empty || item == null) {
        setGraphic(null);
        return;
      }
      setGraphic(
          switch (item) {
            case SearchResultItem.Header h -> {
              getStyleClass().add(Styles.SEARCH_SECTION);
              Label l = new Label(h.text());
              l.getStyleClass().add(Styles.SEARCH_SECTION);
              yield l;
            }
            case SearchResultItem.KnowledgeHit k -> knowledge(k);
            case SearchResultItem.PatientHit p -> patient(p);
            case SearchResultItem.RecordHit r -> record(r);
          });
    }

    private Node knowledge(SearchResultItem.KnowledgeHit k) {
      Label title = new Label(k.title());
      title.getStyleClass().add(Styles.SEARCH_TITLE);
      title.setWrapText(true);
      TextFlow snippet = new TextFlow(runs(k.snippet()).toArray(Node[]::new));
      snippet.getStyleClass().add("mt-search-snippet-flow");
      Label source = new Label(k.source() + (k.focus().isBlank() ? "" : " · " + k.focus()));
      source.getStyleClass().add(Styles.HINT);
      VBox box = new VBox(2, title, snippet, source);
      k.url()
          .filter(u -> !u.isBlank())
          .ifPresent(
              u -> {
                Label url = new Label(u);
                url.getStyleClass().add(Styles.SEARCH_URL);
                box.getChildren().add(url);
              });
      box.maxWidthProperty().bind(list.widthProperty().subtract(36));
      snippet.maxWidthProperty().bind(box.maxWidthProperty());
      return box;
    }

    private Node record(SearchResultItem.RecordHit r) {
      Label title = new Label(r.title());
      title.getStyleClass().add(Styles.SEARCH_TITLE);
      title.setWrapText(true);
      TextFlow snippet = new TextFlow(runs(r.snippet()).toArray(Node[]::new));
      snippet.getStyleClass().add("mt-search-snippet-flow");
      Label kind = new Label(r.kindLabel() + " · " + r.date());
      kind.getStyleClass().add(Styles.HINT);
      VBox box = new VBox(2, title, snippet, kind);
      box.maxWidthProperty().bind(list.widthProperty().subtract(36));
      snippet.maxWidthProperty().bind(box.maxWidthProperty());
      return box;
    }

    private Node patient(SearchResultItem.PatientHit p) {
      Label name = new Label(p.name());
      name.getStyleClass().add(Styles.SEARCH_TITLE);
      Label detail = new Label(p.detail());
      detail.getStyleClass().add(Styles.HINT);
      HBox box = new HBox(12, name, detail);
      box.setAlignment(Pos.BASELINE_LEFT);
      return box;
    }
  }
}
