package org.meditwin.app.shell;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import org.meditwin.app.admin.AdminView;
import org.meditwin.app.chat.ChatView;
import org.meditwin.app.common.DialogService;
import org.meditwin.app.common.ErrorReporter;
import org.meditwin.app.common.KnowledgeIndex;
import org.meditwin.app.common.PaneContext;
import org.meditwin.app.common.UiTaskExecutor;
import org.meditwin.app.documents.DocumentsView;
import org.meditwin.app.i18n.I18n;
import org.meditwin.app.imaging.ImagingView;
import org.meditwin.app.patients.PatientsView;
import org.meditwin.app.patients.PatientsViewModel;
import org.meditwin.app.soap.SoapView;
import org.meditwin.app.theme.Styles;
import org.meditwin.app.timeline.TimelineView;
import org.meditwin.core.service.UserSession;
import org.meditwin.inference.engine.DeviceInfo;
import org.meditwin.search.patient.PatientRecordIndex;

/** The signed-in window: navigation on the left, the selected pane, and the status bar. */
public final class MainWindowView {
  private final BorderPane root = new BorderPane();
  private final StackPane content = new StackPane();
  private final Map<NavItem, Parent> panes = new EnumMap<>(NavItem.class);
  private final ListView<NavItem> nav = new ListView<>();
  private final ShellViewModel shell;
  private final PaneContext context;
  private PatientsView patientsView;
  private PatientsViewModel patientsModel;

  public MainWindowView(
      ShellViewModel shell,
      UserSession session,
      UiTaskExecutor tasks,
      I18n i18n,
      ErrorReporter errors,
      DialogService dialogs,
      Clock clock,
      ZoneId zone,
      Path dataDirectory,
      Path modelsDir,
      Supplier<DeviceInfo> device,
      Supplier<Optional<KnowledgeIndex>> knowledge,
      Supplier<Optional<PatientRecordIndex>> patientRecords) {
    this.shell = shell;
    this.context =
        new PaneContext(
            session,
            tasks,
            i18n,
            errors,
            dialogs,
            clock,
            zone,
            dataDirectory,
            modelsDir,
            device,
            knowledge,
            patientRecords,
            pane -> shell.selectedProperty().set(NavItem.valueOf(pane.name())));

    nav.setId("nav");
    nav.getStyleClass().add(Styles.NAV);
    nav.getItems().setAll(NavItem.values());
    nav.setPrefWidth(200);
    nav.setCellFactory(
        l ->
            new ListCell<>() {
              @Override
              protected void updateItem(NavItem item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : i18n.get(item.messageKey()));
                setId(empty || item == null ? null : "nav-" + item.name().toLowerCase());
              }
            });
    nav.getSelectionModel().select(shell.selectedProperty().get());
    nav.getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (o, a, b) -> {
              if (b != null) {
                shell.selectedProperty().set(b);
              }
            });
    shell
        .selectedProperty()
        .addListener(
            (o, a, b) -> {
              nav.getSelectionModel().select(b);
              show(b);
            });

    content.getStyleClass().add("mt-content");
    root.getStyleClass().add(Styles.APP_ROOT);
    root.setLeft(nav);
    root.setCenter(content);
    root.setBottom(statusBar());
    root.setId("main-window");
    show(shell.selectedProperty().get());
    // The Documents pane owns the import queue: create it now so jobs interrupted by the last
    // sign-out or a crash resume at sign-in, not only when the pane is first opened.
    panes.computeIfAbsent(NavItem.DOCUMENTS, this::create);
  }

  public Parent root() {
    return root;
  }

  /** Puts keyboard focus where the user most likely continues. */
  public void focus() {
    if (shell.selectedProperty().get() == NavItem.PATIENTS && patientsView != null) {
      patientsView.focus();
    } else {
      nav.requestFocus();
    }
  }

  /** Shows the Patients pane searching for {@code mrn} (a patient hit of the global search). */
  public void openPatient(String mrn) {
    shell.selectedProperty().set(NavItem.PATIENTS);
    show(NavItem.PATIENTS);
    patientsModel.queryProperty().set(mrn);
    patientsModel.search();
    patientsView.focus();
  }

  /** What the panes share (session, services, current patient, navigation). */
  public PaneContext context() {
    return context;
  }

  private void show(NavItem item) {
    Parent pane = panes.computeIfAbsent(item, this::create);
    content.getChildren().setAll(pane);
  }

  private Parent create(NavItem item) {
    return switch (item) {
      case PATIENTS -> {
        patientsModel =
            new PatientsViewModel(
                context.session(),
                context.tasks(),
                context.i18n(),
                context.errors(),
                context.clock());
        patientsView =
            new PatientsView(patientsModel, context.i18n(), context.dialogs(), context.zone());
        patientsModel
            .selectedProperty()
            .addListener(
                (o, a, b) -> {
                  if (b.isPresent()) {
                    context.currentPatientProperty().set(b);
                  }
                });
        yield patientsView.root();
      }
      case CHAT -> new ChatView(context).root();
      case TIMELINE -> new TimelineView(context).root();
      case IMAGING -> new ImagingView(context).root();
      case SOAP -> new SoapView(context).root();
      case DOCUMENTS -> {
        DocumentsView documents = new DocumentsView(context);
        context.onClose(documents::close);
        yield documents.root();
      }
      case ADMIN ->
          new AdminView(
                  context.session(),
                  context.tasks(),
                  context.i18n(),
                  context.errors(),
                  context.dialogs(),
                  context.clock(),
                  context.zone(),
                  context.modelsDir(),
                  context.device())
              .root();
    };
  }

  private Parent statusBar() {
    ProgressBar progress = new ProgressBar();
    progress.setId("status-progress");
    progress.setPrefWidth(160);
    progress.progressProperty().bind(context.tasks().progressProperty());
    progress.visibleProperty().bind(context.tasks().runningProperty().greaterThan(0));
    Label message = new Label();
    message.setId("status-message");
    message.textProperty().bind(context.tasks().messageProperty());
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    Label user =
        new Label(
            context
                .i18n()
                .get(
                    "status.signedIn",
                    context.session().user().displayName(),
                    context.i18n().get("role." + context.session().user().role().name())));
    user.setId("status-user");
    user.getStyleClass().add(Styles.USER_LABEL);
    Button lock = new Button(context.i18n().get("status.lock"));
    lock.setId("status-lock");
    lock.setMnemonicParsing(true);
    lock.setOnAction(e -> shell.lock());
    Button logout = new Button(context.i18n().get("status.logout"));
    logout.setId("status-logout");
    logout.setMnemonicParsing(true);
    logout.setOnAction(e -> shell.logout());
    HBox bar = new HBox(progress, message, spacer, user, lock, logout);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.getStyleClass().add(Styles.STATUS_BAR);
    return bar;
  }
}
