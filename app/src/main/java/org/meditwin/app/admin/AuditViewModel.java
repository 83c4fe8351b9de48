package org.meditwin.app.admin;

import java.time.LocalDate;
import java.time.ZoneId;
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
import org.meditwin.app.common.ErrorReporter;
import org.meditwin.app.i18n.I18n;
import org.meditwin.core.domain.AuditAction;
import org.meditwin.core.domain.AuditEvent;
import org.meditwin.core.service.AuditLog;
import org.meditwin.core.service.UserSession;
import org.meditwin.core.task.TaskExecutor;

/** Admin → Audit: filtered entries (newest first) and verification of the hash chain. */
public final class AuditViewModel {
  /** Rows shown at most; the status says when the filter matched more. */
  public static final int LIMIT = 500;

  /** Outcome filter. */
  public enum Outcome {
    ANY,
    SUCCESS,
    FAILURE
  }

  private final UserSession session;
  private final TaskExecutor tasks;
  private final I18n i18n;
  private final ErrorReporter errors;
  private final ZoneId zone;

  private final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>();
  private final ObjectProperty<LocalDate> to = new SimpleObjectProperty<>();
  private final ObjectProperty<Optional<AuditAction>> action =
      new SimpleObjectProperty<>(Optional.empty());
  private final StringProperty actor = new SimpleStringProperty("");
  private final ObjectProperty<Outcome> outcome = new SimpleObjectProperty<>(Outcome.ANY);
  private final ObservableList<AuditEvent> entries = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper verification = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper chainOk = new ReadOnlyBooleanWrapper(true);

  public AuditViewModel(
      UserSession session, TaskExecutor tasks, I18n i18n, ErrorReporter errors, ZoneId zone) {
    this.session = Objects.requireNonNull(session);
    this.tasks = Objects.requireNonNull(tasks);
    this.i18n = Objects.requireNonNull(i18n);
    this.errors = Objects.requireNonNull(errors);
    this.zone = Objects.requireNonNull(zone);
  }

  public ObjectProperty<LocalDate> fromProperty() {
    return from;
  }

  public ObjectProperty<LocalDate> toProperty() {
    return to;
  }

  public ObjectProperty<Optional<AuditAction>> actionProperty() {
    return action;
  }

  public StringProperty actorProperty() {
    return actor;
  }

  public ObjectProperty<Outcome> outcomeProperty() {
    return outcome;
  }

  public ObservableList<AuditEvent> entries() {
    return FXCollections.unmodifiableObservableList(entries);
  }

  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty verificationProperty() {
    return verification.getReadOnlyProperty();
  }

  /** False after a verification found a broken entry. */
  public ReadOnlyBooleanProperty chainOkProperty() {
    return chainOk.getReadOnlyProperty();
  }

  /** The filter as the audit log understands it; empty (with a message) when invalid. */
  public Optional<AuditLog.Filter> filter() {
    LocalDate f = from.get();
    LocalDate t = to.get();
    if (f != null && t != null && f.isAfter(t)) {
      status.set(i18n.get("admin.audit.invalidRange"));
      return Optional.empty();
    }
    String a = actor.get() == null ? "" : actor.get().strip();
    Outcome o = outcome.get() == null ? Outcome.ANY : outcome.get();
    return Optional.of(
        new AuditLog.Filter(
            Optional.ofNullable(f).map(d -> d.atStartOfDay(zone).toInstant()),
            Optional.ofNullable(t).map(d -> d.plusDays(1).atStartOfDay(zone).toInstant()),
            action.get() == null ? Optional.empty() : action.get(),
            a.isEmpty() ? Optional.empty() : Optional.of(a),
            switch (o) {
              case ANY -> Optional.empty();
              case SUCCESS -> Optional.of(Boolean.TRUE);
              case FAILURE -> Optional.of(Boolean.FALSE);
            }));
  }

  public void refresh() {
    Optional<AuditLog.Filter> filter = filter();
    if (filter.isEmpty()) {
      return;
    }
    tasks
        .submit(i18n.get("task.audit.load"), p -> session.audit().find(filter.get(), LIMIT))
        .whenComplete(
            (found, failure) -> {
              if (failure != null) {
                status.set(errors.message(failure));
                return;
              }
              entries.setAll(found);
              status.set(
                  found.size() >= LIMIT
                      ? i18n.get("admin.audit.truncated", LIMIT)
                      : i18n.get("admin.audit.count", found.size()));
            });
  }

  public void clearFilters() {
    from.set(null);
    to.set(null);
    action.set(Optional.empty());
    actor.set("");
    outcome.set(Outcome.ANY);
    refresh();
  }

  public void verify() {
    verification.set(i18n.get("admin.audit.verifying"));
    tasks
        .submit(i18n.get("task.audit.verify"), p -> session.audit().verify())
        .whenComplete(
            (result, failure) -> {
              if (failure != null) {
                chainOk.set(false);
                verification.set(errors.message(failure));
                return;
              }
              chainOk.set(result.ok());
              verification.set(
                  result.ok()
                      ? i18n.get("admin.audit.verify.ok", result.entries())
                      : result.firstBrokenEntry().isPresent()
                          ? i18n.get(
                              "admin.audit.verify.broken",
                              result.firstBrokenEntry().getAsLong(),
                              result.entries())
                          : i18n.get("admin.audit.verify.brokenUnknown", result.entries()));
            });
  }
}
