package org.meditwin.app.admin;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.function.Supplier;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.VBox;
import org.meditwin.app.common.DialogService;
import org.meditwin.app.common.ErrorReporter;
import org.meditwin.app.i18n.I18n;
import org.meditwin.app.theme.Styles;
import org.meditwin.core.service.UserSession;
import org.meditwin.core.task.TaskExecutor;
import org.meditwin.inference.engine.DeviceInfo;

/** Admin pane: administrators get the tabs, everyone else an explanation. */
public final class AdminView {
  private final Parent root;

  public AdminView(
      UserSession session,
      TaskExecutor tasks,
      I18n i18n,
      ErrorReporter errors,
      DialogService dialogs,
      Clock clock,
      ZoneId zone,
      Path modelsDir,
      Supplier<DeviceInfo> device) {
    if (!session.user().role().canAdminister()) {
      Label title = new Label(i18n.get("admin.title"));
      title.getStyleClass().add(Styles.PANE_TITLE);
      Label denied = new Label(i18n.get("admin.denied"));
      denied.setId("admin-denied");
      denied.setWrapText(true);
      VBox card = new VBox(title, denied);
      card.getStyleClass().add(Styles.NOTICE);
      card.setMaxWidth(640);
      VBox box = new VBox(card);
      box.getStyleClass().add(Styles.PANE);
      root = box;
      return;
    }
    Tab users =
        new Tab(
            i18n.get("admin.tab.users"),
            new UsersView(new UsersViewModel(session, tasks, i18n, errors, dialogs), i18n).root());
    Tab audit =
        new Tab(
            i18n.get("admin.tab.audit"),
            new AuditView(new AuditViewModel(session, tasks, i18n, errors, zone), i18n, zone)
                .root());
    Tab backup =
        new Tab(
            i18n.get("admin.tab.backup"),
            new BackupView(new BackupViewModel(session, tasks, i18n, errors, dialogs, clock), i18n)
                .root());
    ModelsViewModel modelsModel = new ModelsViewModel(modelsDir, device, tasks, i18n, errors);
    Tab models = new Tab(i18n.get("admin.tab.models"), new ModelsView(modelsModel, i18n).root());
    models.setId("admin-tab-models");
    // hashing every model file (hundreds of MB) waits until the tab is first opened
    models
        .selectedProperty()
        .addListener(
            (o, was, now) -> {
              if (now && modelsModel.rows().isEmpty() && !modelsModel.busyProperty().get()) {
                modelsModel.verify();
              }
            });
    TabPane tabs = new TabPane(users, audit, backup, models);
    tabs.setId("admin-tabs");
    tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    root = tabs;
  }

  public Parent root() {
    return root;
  }
}
