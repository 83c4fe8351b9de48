package org.meditwin.app.login;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.meditwin.app.common.ErrorReporter;
import org.meditwin.app.i18n.I18n;
import org.meditwin.core.service.UserSession;
import org.meditwin.core.service.UsernamePolicy;
import org.meditwin.core.service.Workstation;
import org.meditwin.core.task.TaskExecutor;

/** First start: creates the first administrator and signs them in. */
public final class FirstStartViewModel {
  private final Workstation workstation;
  private final TaskExecutor tasks;
  private final I18n i18n;
  private final ErrorReporter errors;
  private final Consumer<UserSession> onSignedIn;

  private final StringProperty username = new SimpleStringProperty("");
  private final StringProperty displayName = new SimpleStringProperty("");
  private final StringProperty password = new SimpleStringProperty("");
  private final StringProperty confirmation = new SimpleStringProperty("");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);

  public FirstStartViewModel(
      Workstation workstation,
      TaskExecutor tasks,
      I18n i18n,
      ErrorReporter errors,
      Consumer<UserSession> onSignedIn) {
    this.workstation = Objects.requireNonNull(workstation);
    this.tasks = Objects.requireNonNull(tasks);
    this.i18n = Objects.requireNonNull(i18n);
    this.errors = Objects.requireNonNull(errors);
    this.onSignedIn = Objects.requireNonNull(onSignedIn);
  }

  public StringProperty usernameProperty() {
    return username;
  }

  public StringProperty displayNameProperty() {
    return displayName;
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

  public ReadOnlyBooleanProperty busyProperty() {
    return busy.getReadOnlyProperty();
  }

  /** The first problem with the form, translated; empty when it can be submitted. */
  public Optional<String> validate() {
    Optional<String> usernameProblem = UsernamePolicy.problem(username.get());
    if (usernameProblem.isPresent()) {
      return Optional.of(i18n.get("validation." + usernameProblem.get()));
    }
    if (displayName.get().isBlank()) {
      return Optional.of(i18n.get("validation.displayName.required"));
    }
    return Passwords.problem(i18n, password.get(), confirmation.get());
  }

  public void submit() {
    if (busy.get()) {
      return;
    }
    Optional<String> problem = validate();
    if (problem.isPresent()) {
      error.set(problem.get());
      return;
    }
    error.set("");
    busy.set(true);
    String user = username.get().strip();
    String name = displayName.get().strip();
    char[] pw = password.get().toCharArray();
    password.set("");
    confirmation.set("");
    tasks
        .submit(
            i18n.get("task.initialise"),
            progress -> {
              try {
                return workstation.initialise(user, name, pw);
              } finally {
                java.util.Arrays.fill(pw, '\0');
              }
            })
        .whenComplete(
            (session, failure) -> {
              busy.set(false);
              if (failure != null) {
                error.set(
                    ErrorReporter.unwrap(failure) instanceof IllegalStateException
                        ? i18n.get("firstStart.alreadyInitialised")
                        : errors.message(failure));
              } else {
                onSignedIn.accept(session);
              }
            });
  }
}
