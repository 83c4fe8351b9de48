package org.meditwin.app.login;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.Objects;
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
import org.meditwin.core.service.UserSession;
import org.meditwin.core.task.TaskExecutor;

/** The lock screen: the signed-in user's password unlocks the session again. */
public final class LockViewModel {
  private final UserSession session;
  private final TaskExecutor tasks;
  private final I18n i18n;
  private final ErrorReporter errors;
  private final ZoneId zone;
  private final Runnable onUnlocked;

  private final StringProperty password = new SimpleStringProperty("");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);

  public LockViewModel(
      UserSession session,
      TaskExecutor tasks,
      I18n i18n,
      ErrorReporter errors,
      ZoneId zone,
      Runnable onUnlocked) {
    this.session = Objects.requireNonNull(session);
    this.tasks = Objects.requireNonNull(tasks);
    this.i18n = Objects.requireNonNull(i18n);
    this.errors = Objects.requireNonNull(errors);
    this.zone = Objects.requireNonNull(zone);
    this.onUnlocked = Objects.requireNonNull(onUnlocked);
  }

  /** Username shown on the lock screen (a staff identifier, not PHI). */
  public String username() {
    return session.user().username();
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

  public void unlock() {
    if (busy.get()) {
      return;
    }
    if (password.get().isEmpty()) {
      error.set(i18n.get("lock.error.required"));
      return;
    }
    busy.set(true);
    error.set("");
    char[] pw = password.get().toCharArray();
    password.set("");
    tasks
        .submit(
            i18n.get("task.unlock"),
            progress -> {
              try {
                session.unlock(pw);
                return Boolean.TRUE;
              } finally {
                Arrays.fill(pw, '\0');
              }
            })
        .whenComplete(
            (ok, failure) -> {
              busy.set(false);
              if (failure == null) {
                onUnlocked.run();
                return;
              }
              Throwable t = ErrorReporter.unwrap(failure);
              if (t instanceof AuthenticationException a) {
                error.set(
                    switch (a.reason()) {
                      case WRONG_CREDENTIALS -> i18n.get("lock.error.wrong");
                      case DISABLED -> i18n.get("login.error.disabled");
                      case LOCKED_OUT ->
                          a.lockedUntil()
                              .map(
                                  u ->
                                      i18n.get(
                                          "login.error.lockedUntil",
                                          Formats.dateTime(u, i18n.language().locale(), zone)))
                              .orElse(i18n.get("login.error.locked"));
                    });
              } else {
                error.set(errors.message(t));
              }
            });
  }
}
