package org.meditwin.app.admin;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.meditwin.app.common.DialogService;
import org.meditwin.app.common.ErrorReporter;
import org.meditwin.app.i18n.I18n;
import org.meditwin.app.login.Passwords;
import org.meditwin.core.service.UserSession;
import org.meditwin.core.task.TaskExecutor;

/** Admin → Backup: an encrypted archive of the whole data directory. */
public final class BackupViewModel {
  private final UserSession session;
  private final TaskExecutor tasks;
  private final I18n i18n;
  private final ErrorReporter errors;
  private final DialogService dialogs;
  private final Clock clock;

  private final ReadOnlyObjectWrapper<Optional<Path>> target =
      new ReadOnlyObjectWrapper<>(Optional.empty());
  private final StringProperty password = new SimpleStringProperty("");
  private final StringProperty confirmation = new SimpleStringProperty("");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);

  public BackupViewModel(
      UserSession session,
      TaskExecutor tasks,
      I18n i18n,
      ErrorReporter errors,
      DialogService dialogs,
      Clock clock) {
    this.session = Objects.requireNonNull(session);
    this.tasks = Objects.requireNonNull(tasks);
    this.i18n = Objects.requireNonNull(i18n);
    this.errors = Objects.requireNonNull(errors);
    this.dialogs = Objects.requireNonNull(dialogs);
    this.clock = Objects.requireNonNull(clock);
  }

  public ReadOnlyObjectProperty<Optional<Path>> targetProperty() {
    return target.getReadOnlyProperty();
  }

  public StringProperty passwordProperty() {
    return password;
  }

  public StringProperty confirmationProperty() {
    return confirmation;
  }

  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty busyProperty() {
    return busy.getReadOnlyProperty();
  }

  public void chooseTarget() {
    dialogs
        .chooseSaveFile(
            i18n.get("admin.backup.choose.title"),
            "meditwin-backup-" + LocalDate.now(clock) + ".mtbackup")
        .ifPresent(p -> target.set(Optional.of(p)));
  }

  public Optional<String> validate() {
    if (target.get().isEmpty()) {
      return Optional.of(i18n.get("admin.backup.noFile"));
    }
    return Passwords.problem(i18n, password.get(), confirmation.get());
  }

  public void backup() {
    if (busy.get()) {
      return;
    }
    Optional<String> problem = validate();
    if (problem.isPresent()) {
      error.set(problem.get());
      status.set("");
      return;
    }
    Path file = target.get().orElseThrow();
    char[] pw = password.get().toCharArray();
    password.set("");
    confirmation.set("");
    busy.set(true);
    error.set("");
    status.set(i18n.get("admin.backup.running"));
    tasks
        .submit(
            i18n.get("task.backup"),
            p -> {
              p.progress(0, -1, i18n.get("task.backup"));
              try {
                return session.backups().backup(file, pw);
              } finally {
                Arrays.fill(pw, '\0');
              }
            })
        .whenComplete(
            (bytes, failure) -> {
              busy.set(false);
              if (failure != null) {
                status.set("");
                error.set(errors.message(failure));
                return;
              }
              status.set(
                  i18n.get(
                      "admin.backup.done",
                      file.getFileName().toString(),
                      String.format(i18n.language().locale(), "%.1f", bytes / 1_048_576.0)));
            });
  }
}
