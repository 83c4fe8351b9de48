package org.meditwin.app.admin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.meditwin.app.common.DialogService;
import org.meditwin.app.common.ErrorReporter;
import org.meditwin.app.i18n.I18n;
import org.meditwin.core.domain.Role;
import org.meditwin.core.domain.UserAccount;
import org.meditwin.core.service.PasswordPolicy;
import org.meditwin.core.service.UserSession;
import org.meditwin.core.service.UsernamePolicy;
import org.meditwin.core.task.TaskExecutor;

/** Admin → Users: list, create, disable/enable, reset password, clear lock-out. */
public final class UsersViewModel {
  /** A user with the pseudonym under which they appear in the audit log. */
  public record UserRow(UserAccount account, String pseudonym) {}

  private final UserSession session;
  private final TaskExecutor tasks;
  private final I18n i18n;
  private final ErrorReporter errors;
  private final DialogService dialogs;

  private final ObservableList<UserRow> users = FXCollections.observableArrayList();
  private final StringProperty username = new SimpleStringProperty("");
  private final StringProperty displayName = new SimpleStringProperty("");
  private final ObjectProperty<Role> role = new SimpleObjectProperty<>(Role.CLINICIAN);
  private final StringProperty password = new SimpleStringProperty("");
  private final StringProperty confirmation = new SimpleStringProperty("");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);

  public UsersViewModel(
      UserSession session,
      TaskExecutor tasks,
      I18n i18n,
      ErrorReporter errors,
      DialogService dialogs) {
    this.session = Objects.requireNonNull(session);
    this.tasks = Objects.requireNonNull(tasks);
    this.i18n = Objects.requireNonNull(i18n);
    this.errors = Objects.requireNonNull(errors);
    this.dialogs = Objects.requireNonNull(dialogs);
  }

  public ObservableList<UserRow> users() {
    return FXCollections.unmodifiableObservableList(users);
  }

  public StringProperty usernameProperty() {
    return username;
  }

  public StringProperty displayNameProperty() {
    return displayName;
  }

  public ObjectProperty<Role> roleProperty() {
    return role;
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

  public void refresh() {
    tasks
        .submit(
            i18n.get("task.users.load"),
            p -> {
              List<UserRow> rows = new ArrayList<>();
              for (UserAccount a : session.accounts().list()) {
                rows.add(new UserRow(a, session.audit().pseudonymOf(a.id())));
              }
              return rows;
            })
        .whenComplete(
            (rows, failure) -> {
              if (failure != null) {
                error.set(errors.message(failure));
              } else {
                users.setAll(rows);
              }
            });
  }

  /** The first problem with the new-user form, translated. */
  public Optional<String> validate() {
    Optional<String> usernameProblem = UsernamePolicy.problem(username.get());
    if (usernameProblem.isPresent()) {
      return Optional.of(i18n.get("validation." + usernameProblem.get()));
    }
    if (displayName.get().isBlank()) {
      return Optional.of(i18n.get("validation.displayName.required"));
    }
    if (role.get() == null) {
      return Optional.of(i18n.get("validation.role.required"));
    }
    return org.meditwin.app.login.Passwords.problem(i18n, password.get(), confirmation.get());
  }

  public void create() {
    if (busy.get()) {
      return;
    }
    Optional<String> problem = validate();
    if (problem.isPresent()) {
      error.set(problem.get());
      status.set("");
      return;
    }
    String u = username.get().strip();
    String d = displayName.get().strip();
    Role r = role.get();
    char[] pw = password.get().toCharArray();
    password.set("");
    confirmation.set("");
    run(
        "task.users.create",
        () -> {
          try {
            session.accounts().create(u, d, r, pw);
          } finally {
            Arrays.fill(pw, '\0');
          }
        },
        i18n.get("admin.users.created", u),
        () -> {
          username.set("");
          displayName.set("");
        });
  }

  public void disable(UserAccount account) {
    if (account.id().equals(session.user().id())) {
      error.set(i18n.get("admin.users.cannotDisableSelf"));
      return;
    }
    if (!dialogs.confirm(
        i18n.get("admin.users.disable.title"),
        i18n.get("admin.users.disable.confirm", account.username()))) {
      return;
    }
    run(
        "task.users.disable",
        () -> session.accounts().disable(account.id()),
        i18n.get("admin.users.disabled", account.username()),
        () -> {});
  }

  public void enable(UserAccount account) {
    askNewPassword(i18n.get("admin.users.enable.title", account.username()))
        .ifPresent(
            pw ->
                run(
                    "task.users.enable",
                    () -> {
                      try {
                        session.accounts().enable(account.id(), pw);
                      } finally {
                        Arrays.fill(pw, '\0');
                      }
                    },
                    i18n.get("admin.users.enabled", account.username()),
                    () -> {}));
  }

  public void resetPassword(UserAccount account) {
    askNewPassword(i18n.get("admin.users.reset.title", account.username()))
        .ifPresent(
            pw ->
                run(
                    "task.users.reset",
                    () -> {
                      try {
                        session.accounts().resetPassword(account.id(), pw);
                      } finally {
                        Arrays.fill(pw, '\0');
                      }
                    },
                    i18n.get("admin.users.passwordReset", account.username()),
                    () -> {}));
  }

  public void clearLockout(UserAccount account) {
    run(
        "task.users.unlock",
        () -> session.accounts().clearLockout(account.id()),
        i18n.get("admin.users.lockoutCleared", account.username()),
        () -> {});
  }

  private Optional<char[]> askNewPassword(String title) {
    Optional<char[]> pw = dialogs.askPassword(title, i18n.get("admin.users.newPassword"), true);
    if (pw.isPresent()) {
      Optional<String> policy = PasswordPolicy.problem(pw.get());
      if (policy.isPresent()) {
        Arrays.fill(pw.get(), '\0');
        error.set(i18n.get("validation." + policy.get(), PasswordPolicy.MIN_LENGTH));
        status.set("");
        return Optional.empty();
      }
    }
    return pw;
  }

  private void run(String titleKey, Runnable work, String successMessage, Runnable onSuccess) {
    busy.set(true);
    error.set("");
    status.set("");
    tasks
        .submit(
            i18n.get(titleKey),
            p -> {
              work.run();
              return Boolean.TRUE;
            })
        .whenComplete(
            (ok, failure) -> {
              busy.set(false);
              if (failure != null) {
                error.set(errors.message(failure));
                return;
              }
              status.set(successMessage);
              onSuccess.run();
              refresh();
            });
  }
}
