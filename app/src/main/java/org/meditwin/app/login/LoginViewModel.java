package org.meditwin.app.login;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.meditwin.app.common.ErrorReporter;
import org.meditwin.app.common.Formats;
import org.meditwin.app.i18n.I18n;
import org.meditwin.core.service.AuthenticationException;
import org.meditwin.core.service.StoreUnavailableException;
import org.meditwin.core.service.UserSession;
import org.meditwin.core.service.Workstation;
import org.meditwin.core.task.TaskExecutor;

/**
 * Sign-in. Argon2 runs on the task executor; the message says exactly why an attempt was refused
 * (wrong credentials, locked out until when, disabled) without revealing whether a username exists.
 */
public final class LoginViewModel {
  private final Workstation workstation;
  private final TaskExecutor tasks;
  private final I18n i18n;
  private final ErrorReporter errors;
  private final ZoneId zone;
  private final Consumer<UserSession> onSignedIn;

  private final StringProperty username = new SimpleStringProperty("");
  private final StringProperty password = new SimpleStringProperty("");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyBooleanWrapper restoreOffered = new ReadOnlyBooleanWrapper(false);

  public LoginViewModel(
      Workstation workstation,
      TaskExecutor tasks,
      I18n i18n,
      ErrorReporter errors,
      ZoneId zone,
      Consumer<UserSession> onSignedIn) {
    this.workstation = Objects.requireNonNull(workstation);
    this.tasks = Objects.requireNonNull(tasks);
    this.i18n = Objects.requireNonNull(i18n);
    this.errors = Objects.requireNonNull(errors);
    this.zone = Objects.requireNonNull(zone);
    this.onSignedIn = Objects.requireNonNull(onSignedIn);
  }

  public StringProperty usernameProperty() {
    return username;
  }

  public StringProperty passwordProperty() {
    return password;
  }

  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty busyProperty() {
    return busy.getReadOnlyProperty();
  }

  /** True after the database turned out corrupted or rolled back: offer restoring a backup. */
  public ReadOnlyBooleanProperty restoreOfferedProperty() {
    return restoreOffered.getReadOnlyProperty();
  }

  public void submit() {
    if (busy.get()) {
      return;
    }
    if (username.get().isBlank() || password.get().isEmpty()) {
      error.set(i18n.get("login.error.required"));
      return;
    }
    error.set("");
    busy.set(true);
    String user = username.get().strip();
    char[] pw = password.get().toCharArray();
    password.set("");
    tasks
        .submit(
            i18n.get("task.login"),
            progress -> {
              try {
                return workstation.login(user, pw);
              } finally {
                Arrays.fill(pw, '\0');
              }
            })
        .whenComplete(
            (session, failure) -> {
              busy.set(false);
              if (failure == null) {
                onSignedIn.accept(session);
              } else {
                error.set(describe(ErrorReporter.unwrap(failure)));
              }
            });
  }

  private String describe(Throwable t) {
    if (t instanceof AuthenticationException a) {
      return switch (a.reason()) {
        case WRONG_CREDENTIALS -> i18n.get("login.error.wrong");
        case DISABLED -> i18n.get("login.error.disabled");
        case LOCKED_OUT ->
            a.lockedUntil()
                .map(
                    until ->
                        i18n.get(
                            "login.error.lockedUntil",
                            Formats.dateTime(until, i18n.language().locale(), zone)))
                .orElse(i18n.get("login.error.locked"));
      };
    }
    if (t instanceof StoreUnavailableException s && s.restorable()) {
      restoreOffered.set(true);
      return errors.message(s) + " " + i18n.get("error.store.restoreHint");
    }
    return errors.message(t);
  }
}
