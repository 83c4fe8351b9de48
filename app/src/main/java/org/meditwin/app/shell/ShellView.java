package org.meditwin.app.shell;

import java.time.Duration;
import java.util.Optional;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.meditwin.app.common.ErrorReporter;
import org.meditwin.app.common.FxDialogService;
import org.meditwin.app.common.KnowledgeIndex;
import org.meditwin.app.common.UiTaskExecutor;
import org.meditwin.app.i18n.I18n;
import org.meditwin.app.login.FirstStartView;
import org.meditwin.app.login.FirstStartViewModel;
import org.meditwin.app.login.LockView;
import org.meditwin.app.login.LockViewModel;
import org.meditwin.app.login.LoginView;
import org.meditwin.app.login.LoginViewModel;
import org.meditwin.app.search.Debouncer;
import org.meditwin.app.search.GlobalSearchView;
import org.meditwin.app.search.GlobalSearchViewModel;
import org.meditwin.app.search.KnowledgeBaseService;
import org.meditwin.app.search.PatientRecordsService;
import org.meditwin.app.search.SearchResultItem;
import org.meditwin.app.settings.SettingsFile;
import org.meditwin.app.settings.SettingsMenuView;
import org.meditwin.app.settings.SettingsViewModel;
import org.meditwin.app.settings.UiPreferences;
import org.meditwin.app.theme.FxThemeApplier;
import org.meditwin.app.theme.Styles;
import org.meditwin.app.timeline.TimelineIndexing;
import org.meditwin.core.service.UserSession;
import org.meditwin.record.EventIndexFeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The window: top bar with the settings menu, the current screen, and the lock overlay. Owns the
 * composition of view models and views; rebuilds everything when the language changes.
 */
public final class ShellView {
  private static final Logger LOG = LoggerFactory.getLogger(ShellView.class);
  private static final Duration SEARCH_DEBOUNCE = Duration.ofMillis(250);
  private final Stage stage;
  private final ShellConfig config;
  private final SettingsViewModel settings;
  private final I18n i18n;
  private final UiTaskExecutor tasks = new UiTaskExecutor(3);
  private final FxDialogService dialogs;
  private final ErrorReporter errors;
  private final ShellViewModel shell;
  private final Scene scene;
  private final Timeline idleTicker;
  private final StackPane layers = new StackPane();
  private BorderPane frame = new BorderPane();
  private Optional<MainWindowView> main = Optional.empty();
  private Optional<KnowledgeBaseService> knowledge = Optional.empty();
  private Optional<PatientRecordsService> records = Optional.empty();
  private Optional<GlobalSearchView> search = Optional.empty();

  private ShellView(Stage stage, ShellConfig config) {
    this.stage = stage;
    this.config = config;
    this.settings = new SettingsViewModel(new SettingsFile(config.dataDirectory()));
    UiPreferences prefs = settings.preferences();
    this.i18n = new I18n(prefs.language());
    this.dialogs = new FxDialogService(() -> stage, i18n);
    this.errors = new ErrorReporter(dialogs, i18n);
    this.shell =
        new ShellViewModel(
            config.dataDirectory(),
            config.opener(),
            config.restorer(),
            tasks,
            i18n,
            errors,
            dialogs,
            new IdleLockTimer(config.clock(), Duration.ofMinutes(prefs.idleLockMinutes())));

    layers.getStyleClass().add(Styles.APP_ROOT);
    scene = new Scene(layers, 1200, 780);
    scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> shell.userActivity());
    scene.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> shell.userActivity());
    scene.addEventFilter(MouseEvent.MOUSE_MOVED, e -> shell.userActivity());
    scene.addEventFilter(ScrollEvent.SCROLL, e -> shell.userActivity());
    FxThemeApplier.apply(prefs.theme(), scene);

    shell.sessionProperty().addListener((o, before, after) -> sessionChanged(after));
    shell.screenProperty().addListener((o, a, b) -> rebuild());
    shell.lockedProperty().addListener((o, a, b) -> updateLock());
    settings
        .preferencesProperty()
        .addListener(
            (o, before, after) -> {
              if (after.theme() != before.theme()) {
                FxThemeApplier.apply(after.theme(), scene);
              }
              if (after.idleLockMinutes() != before.idleLockMinutes()) {
                shell.setIdleTimeout(Duration.ofMinutes(after.idleLockMinutes()));
              }
              if (after.language() != before.language()) {
                i18n.setLanguage(after.language());
                rebuild();
              }
            });

    idleTicker =
        new Timeline(
            new KeyFrame(javafx.util.Duration.millis(config.idleCheckMillis()), e -> shell.tick()));
    idleTicker.setCycleCount(Timeline.INDEFINITE);
    idleTicker.play();

    rebuild();
    stage.setScene(scene);
    stage.setMinWidth(900);
    stage.setMinHeight(600);
  }

  /** Builds the shell into {@code stage}, shows it and opens the data directory. */
  public static ShellView show(Stage stage, ShellConfig config) {
    ShellView view = new ShellView(stage, config);
    stage.show();
    view.shell.open();
    return view;
  }

  /** The application state (for the launcher and tests). */
  public ShellViewModel viewModel() {
    return shell;
  }

  public Scene scene() {
    return scene;
  }

  /** The knowledge base of the signed-in session (tests wait for it to be ready). */
  Optional<KnowledgeBaseService> knowledge() {
    return knowledge;
  }

  /** The patient-record index of the signed-in session (tests wait for it to open). */
  Optional<PatientRecordsService> records() {
    return records;
  }

  /** The signed-in window, when showing (tests). */
  Optional<MainWindowView> signedInWindow() {
    return main;
  }

  public UiTaskExecutor tasks() {
    return tasks;
  }

  /** Stops timers, signs out and closes the data directory. */
  public void close() {
    idleTicker.stop();
    main.ifPresent(m -> m.context().close());
    knowledge.ifPresent(KnowledgeBaseService::close);
    knowledge = Optional.empty();
    records.ifPresent(PatientRecordsService::close);
    records = Optional.empty();
    shell.close();
    tasks.close();
  }

  private void rebuild() {
    stage.setTitle(i18n.get("app.name"));
    frame = new BorderPane();
    main.ifPresent(m -> m.context().close());
    main = Optional.empty();
    search = Optional.empty();
    scene.getAccelerators().clear();
    Parent screen = screen();
    frame.setTop(topBar());
    frame.setCenter(search.<Parent>map(s -> overlay(screen, s)).orElse(screen));
    layers.getChildren().setAll(frame);
    FxThemeApplier.apply(settings.preferences().theme(), scene);
    updateLock();
    main.ifPresent(MainWindowView::focus);
  }

  private Parent topBar() {
    Label brand = new Label(i18n.get("app.name"));
    brand.getStyleClass().add(Styles.BRAND);
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    MenuBar menus = new MenuBar(new SettingsMenuView(settings, i18n, dialogs).menu());
    menus.setId("menu-bar");
    HBox bar = new HBox(brand);
    search.ifPresent(s -> bar.getChildren().add(s.field()));
    bar.getChildren().addAll(spacer, menus);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.getStyleClass().add(Styles.TOP_BAR);
    return bar;
  }

  private Parent screen() {
    return switch (shell.screenProperty().get()) {
      case OPENING -> opening();
      case UNAVAILABLE -> unavailable();
      case FIRST_START ->
          new FirstStartView(
                  new FirstStartViewModel(
                      shell.workstation().orElseThrow(), tasks, i18n, errors, shell::signedIn),
                  i18n)
              .root();
      case LOGIN ->
          new LoginView(
                  new LoginViewModel(
                      shell.workstation().orElseThrow(),
                      tasks,
                      i18n,
                      errors,
                      config.zone(),
                      shell::signedIn),
                  i18n,
                  shell::restoreFromBackup)
              .root();
      case MAIN -> mainWindow();
    };
  }

  private Parent mainWindow() {
    UserSession session = shell.sessionProperty().get().orElseThrow();
    MainWindowView view =
        new MainWindowView(
            shell,
            session,
            tasks,
            i18n,
            errors,
            dialogs,
            config.clock(),
            config.zone(),
            config.dataDirectory(),
            config.modelsDir(),
            config.device(),
            () -> knowledge.map(KnowledgeIndex.class::cast),
            () -> records.flatMap(PatientRecordsService::index));
    main = Optional.of(view);
    for (NavItem item : NavItem.values()) {
      scene
          .getAccelerators()
          .put(
              new KeyCodeCombination(
                  KeyCode.valueOf("DIGIT" + item.shortcutDigit()), KeyCombination.SHORTCUT_DOWN),
              () -> {
                if (!shell.lockedProperty().get()) {
                  shell.selectedProperty().set(item);
                }
              });
    }
    scene
        .getAccelerators()
        .put(new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN), shell::lock);
    knowledge.ifPresent(
        kb -> {
          GlobalSearchView box =
              new GlobalSearchView(
                  new GlobalSearchViewModel(
                      kb,
                      (q, limit) -> session.patients().search(q, limit),
                      (q, patientId, limit) -> records.flatMap(r -> r.find(q, patientId, limit)),
                      () -> view.context().currentPatient(),
                      tasks,
                      Debouncer.fx(SEARCH_DEBOUNCE),
                      i18n,
                      item -> openSearchResult(view, item)),
                  i18n);
          search = Optional.of(box);
          scene
              .getAccelerators()
              .put(
                  new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN),
                  () -> {
                    if (!shell.lockedProperty().get()) {
                      box.focus();
                    }
                  });
        });
    return view.root();
  }

  private static Parent overlay(Parent screen, GlobalSearchView box) {
    StackPane stack = new StackPane(screen, box.panel());
    StackPane.setAlignment(box.panel(), Pos.TOP_CENTER);
    StackPane.setMargin(box.panel(), new Insets(4, 16, 48, 16));
    return stack;
  }

  private void openSearchResult(MainWindowView view, SearchResultItem item) {
    switch (item) {
      case SearchResultItem.KnowledgeHit k ->
          dialogs.showInfo(
              k.title(),
              k.text()
                  + "\n\n"
                  + i18n.get("search.citation", k.source(), k.url().orElse("")).strip());
      case SearchResultItem.PatientHit p -> view.openPatient(p.mrn());
      case SearchResultItem.RecordHit r ->
          view.context().openRecord(PatientRecordsService.paneOf(r.kind()), r.patientId(), r.id());
      case SearchResultItem.Header h -> {}
    }
  }

  /**
   * A new session opens the knowledge base in the background (building it at first use, with
   * progress in the status bar); signing out closes it.
   */
  private void sessionChanged(Optional<UserSession> session) {
    knowledge.ifPresent(KnowledgeBaseService::close);
    knowledge = Optional.empty();
    records.ifPresent(PatientRecordsService::close);
    records = Optional.empty();
    if (session.isEmpty()) {
      return;
    }
    PatientRecordsService patientRecords =
        new PatientRecordsService(config.dataDirectory(), config.knowledge().encoder());
    records = Optional.of(patientRecords);
    tasks
        .submit(
            i18n.get("task.records.open"),
            p -> {
              patientRecords.open(session.get());
              // timeline changes made while the index was closed (CLI imports, earlier runs)
              TimelineIndexing.drainQuietly(
                  () -> EventIndexFeed.of(session.get()), patientRecords::index);
              return true;
            })
        .whenComplete(
            (ok, failure) -> {
              if (failure != null) {
                LOG.warn("patient-record index unavailable: {}", failure.getClass().getName());
              }
            });
    KnowledgeBaseService kb =
        new KnowledgeBaseService(
            KnowledgeBaseService.directoryIn(config.dataDirectory()), config.knowledge());
    knowledge = Optional.of(kb);
    UserSession s = session.get();
    tasks
        .submit(
            i18n.get("task.kb.open"),
            p ->
                kb.open(
                    s.searchIndexKey(),
                    (done, total, message) ->
                        p.progress(
                            done,
                            total,
                            total > 0
                                ? i18n.get("kb.progress.building", done, total)
                                : i18n.get(
                                    KnowledgeBaseService.LOADING_ENCODER.equals(message)
                                        ? "kb.progress.encoder"
                                        : "kb.progress.checking"))))
        .whenComplete(
            (built, failure) -> {
              if (failure != null) {
                LOG.warn("knowledge base unavailable: {}", failure.getClass().getName());
                return;
              }
              if (built) {
                LOG.info("knowledge base built at first use");
              }
              if (!kb.semantic() && knowledge.equals(Optional.of(kb)) && !s.isLocked()) {
                upgrade(kb, s);
              }
            });
  }

  /** Builds the dense index in the background; lexical search keeps answering meanwhile. */
  private void upgrade(KnowledgeBaseService kb, UserSession s) {
    tasks
        .submit(
            i18n.get("task.kb.upgrade"),
            p ->
                kb.upgradeToHybrid(
                    s.searchIndexKey(),
                    (done, total, message) ->
                        p.progress(
                            done,
                            total,
                            total > 0
                                ? i18n.get("kb.progress.upgrading", done, total)
                                : i18n.get(
                                    KnowledgeBaseService.LOADING_ENCODER.equals(message)
                                        ? "kb.progress.encoder"
                                        : "kb.progress.checking"))))
        .whenComplete(
            (hybrid, failure) -> {
              if (failure != null) {
                LOG.info("hybrid knowledge base not built: {}", failure.getClass().getName());
              }
            });
  }

  private Parent opening() {
    ProgressIndicator busy = new ProgressIndicator();
    Label text = new Label(i18n.get("shell.opening"));
    VBox box = new VBox(12, busy, text);
    box.setAlignment(Pos.CENTER);
    box.setId("opening-view");
    return box;
  }

  private Parent unavailable() {
    Label title = new Label(i18n.get("shell.unavailable.title"));
    title.getStyleClass().add(Styles.PANE_TITLE);
    Label message = new Label(shell.unavailableMessageProperty().get());
    message.setWrapText(true);
    message.setId("unavailable-message");
    Label where = new Label(i18n.get("shell.unavailable.where", config.dataDirectory()));
    where.setWrapText(true);
    where.getStyleClass().add(Styles.HINT);
    Button retry = new Button(i18n.get("shell.unavailable.retry"));
    retry.setOnAction(e -> shell.open());
    Button restore = new Button(i18n.get("restore.button"));
    restore.setId("unavailable-restore");
    restore.setVisible(shell.restorableProperty().get());
    restore.setManaged(shell.restorableProperty().get());
    restore.setOnAction(e -> shell.restoreFromBackup());
    HBox actions = new HBox(retry, restore);
    actions.getStyleClass().add("mt-actions");
    VBox card = new VBox(title, message, where, actions);
    card.getStyleClass().add(Styles.CENTER_CARD);
    card.setMaxWidth(620);
    card.setMaxHeight(VBox.USE_PREF_SIZE);
    StackPane box = new StackPane(card);
    box.setId("unavailable-view");
    return box;
  }

  private void updateLock() {
    boolean locked = shell.lockedProperty().get();
    Optional<UserSession> session = shell.sessionProperty().get();
    layers.getChildren().retainAll(frame);
    frame.setVisible(!locked);
    if (frame.getCenter() != null) {
      frame.getCenter().setVisible(!locked);
    }
    if (locked) {
      search.ifPresent(GlobalSearchView::hideResults);
    }
    if (locked && session.isPresent()) {
      LockView lock =
          new LockView(
              new LockViewModel(session.get(), tasks, i18n, errors, config.zone(), shell::unlocked),
              i18n,
              shell::logout);
      layers.getChildren().add(lock.root());
      lock.focus();
    } else if (!locked) {
      main.ifPresent(MainWindowView::focus);
    }
  }
}
