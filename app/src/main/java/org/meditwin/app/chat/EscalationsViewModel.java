package org.meditwin.app.chat;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.meditwin.app.common.ErrorReporter;
import org.meditwin.app.i18n.I18n;
import org.meditwin.chatlog.Delivery;
import org.meditwin.chatlog.DeliveryStatus;
import org.meditwin.chatlog.Escalation;
import org.meditwin.chatlog.EscalationNotifier;
import org.meditwin.chatlog.EscalationQueue;
import org.meditwin.chatlog.EscalationRequest;
import org.meditwin.chatlog.EscalationStatus;
import org.meditwin.chatlog.WebhookFormat;
import org.meditwin.chatlog.WebhookResult;
import org.meditwin.chatlog.WebhookSettings;
import org.meditwin.core.task.TaskExecutor;

/**
 * The escalation queue as staff see it in the chat pane: open cases first, pick up, close with a
 * note, re-send a failed notification; and the webhook settings (administrators). Every store and
 * network call runs on the task executor; results land on the FX thread.
 */
public final class EscalationsViewModel {
  private final EscalationQueue queue;
  private final Supplier<EscalationNotifier> notifier;
  private final TaskExecutor tasks;
  private final I18n i18n;
  private final ErrorReporter errors;
  private final boolean administrator;

  private final ObservableList<Escalation> cases = FXCollections.observableArrayList();
  // one read-only view: the unmodifiable wrapper holds its listeners weakly, a fresh one per call
  // would let the garbage collector drop the view's listeners
  private final ObservableList<Escalation> casesView =
      FXCollections.unmodifiableObservableList(cases);
  private final BooleanProperty showClosed = new SimpleBooleanProperty(false);
  private final ObjectProperty<Optional<Escalation>> selected =
      new SimpleObjectProperty<>(Optional.empty());
  private final ReadOnlyIntegerWrapper openCount = new ReadOnlyIntegerWrapper(0);
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);

  private final StringProperty webhookUrl = new SimpleStringProperty("");
  private final ObjectProperty<WebhookFormat> webhookFormat =
      new SimpleObjectProperty<>(WebhookFormat.MATTERMOST);
  private final ReadOnlyStringWrapper webhookStatus = new ReadOnlyStringWrapper("");

  /**
   * @param notifier built on first use (it may load the de-identification models)
   * @param administrator whether the signed-in user may change the webhook
   */
  public EscalationsViewModel(
      EscalationQueue queue,
      Supplier<EscalationNotifier> notifier,
      TaskExecutor tasks,
      I18n i18n,
      ErrorReporter errors,
      boolean administrator) {
    this.queue = Objects.requireNonNull(queue, "queue");
    this.notifier = Objects.requireNonNull(notifier, "notifier");
    this.tasks = Objects.requireNonNull(tasks, "tasks");
    this.i18n = Objects.requireNonNull(i18n, "i18n");
    this.errors = Objects.requireNonNull(errors, "errors");
    this.administrator = administrator;
    showClosed.addListener((o, a, b) -> refresh());
  }

  public ObservableList<Escalation> cases() {
    return casesView;
  }

  public BooleanProperty showClosedProperty() {
    return showClosed;
  }

  public ObjectProperty<Optional<Escalation>> selectedProperty() {
    return selected;
  }

  public ReadOnlyIntegerProperty openCountProperty() {
    return openCount.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty busyProperty() {
    return busy.getReadOnlyProperty();
  }

  public boolean administrator() {
    return administrator;
  }

  /** Reloads the queue (open and picked-up cases; closed ones too when asked). */
  public CompletableFuture<List<Escalation>> refresh() {
    Set<EscalationStatus> wanted =
        showClosed.get()
            ? EnumSet.allOf(EscalationStatus.class)
            : EnumSet.of(EscalationStatus.OPEN, EscalationStatus.PICKED_UP);
    return tasks
        .submit(i18n.get("escalation.task.load"), p -> queue.list(wanted))
        .whenComplete(
            (list, failure) -> {
              if (failure != null) {
                status.set(errors.message(failure));
                return;
              }
              Optional<String> keep = selected.get().map(Escalation::id);
              cases.setAll(list);
              openCount.set(
                  (int) list.stream().filter(e -> e.status() == EscalationStatus.OPEN).count());
              selected.set(
                  keep.flatMap(id -> list.stream().filter(e -> e.id().equals(id)).findFirst()));
            });
  }

  /**
   * Raises a case and announces it on the webhook when one is configured; the returned future
   * completes (on the FX thread) once the case is stored, with the delivery outcome when known.
   */
  public CompletableFuture<Escalation> raise(EscalationRequest request) {
    busy.set(true);
    return tasks
        .submit(
            i18n.get("escalation.task.raise"),
            p -> {
              Escalation e = queue.create(request);
              if (e.delivery().status() == DeliveryStatus.PENDING) {
                p.progress(0, -1, i18n.get("escalation.task.notify"));
                return notifier.get().deliver(e.id());
              }
              return e;
            })
        .whenComplete(
            (e, failure) -> {
              busy.set(false);
              if (failure != null) {
                status.set(errors.message(failure));
                return;
              }
              status.set(i18n.get("escalation.raised", e.reference(), deliveryText(e.delivery())));
              refresh();
            });
  }

  public void pickUp(Escalation e) {
    change(() -> queue.pickUp(e.id()), "escalation.pickedUp", e);
  }

  public void close(Escalation e, String note) {
    change(() -> queue.close(e.id(), note), "escalation.closed", e);
  }

  public void addNote(Escalation e, String note) {
    change(() -> queue.addNote(e.id(), note), "escalation.noteAdded", e);
  }

  /** Sends the case's notification again (after a failure or once a webhook exists). */
  public void resend(Escalation e) {
    change(() -> notifier.get().resend(e.id()), "escalation.resent", e);
  }

  /**
   * Re-sends, in the background, every case whose notification is pending or failed (the pane calls
   * this periodically): a notification that failed while the chat server was down goes out once it
   * is back. Does nothing when no listed case waits.
   */
  public CompletableFuture<List<Escalation>> retryUndelivered() {
    boolean waiting =
        cases.stream()
            .anyMatch(
                e ->
                    e.delivery().status() == DeliveryStatus.PENDING
                        || e.delivery().status() == DeliveryStatus.FAILED);
    if (!waiting) {
      return CompletableFuture.completedFuture(List.of());
    }
    return tasks
        .submit(i18n.get("escalation.task.notify"), p -> notifier.get().deliverPending())
        .whenComplete(
            (sent, failure) -> {
              if (failure != null) {
                status.set(errors.message(failure));
                return;
              }
              refresh();
            });
  }

  private interface Work {
    Escalation run();
  }

  private void change(Work work, String doneKey, Escalation e) {
    busy.set(true);
    tasks
        .submit(i18n.get("escalation.task.update"), p -> work.run())
        .whenComplete(
            (updated, failure) -> {
              busy.set(false);
              if (failure != null) {
                status.set(errors.message(failure));
                refresh();
                return;
              }
              status.set(i18n.get(doneKey, updated.reference(), deliveryText(updated.delivery())));
              selected.set(Optional.of(updated));
              refresh();
            });
  }

  /** A one-line, translated description of a notification state. */
  public String deliveryText(Delivery d) {
    return switch (d.status()) {
      case NOT_CONFIGURED -> i18n.get("escalation.delivery.NOT_CONFIGURED");
      case PENDING -> i18n.get("escalation.delivery.PENDING");
      case SENT -> i18n.get("escalation.delivery.SENT");
      case FAILED ->
          i18n.get("escalation.delivery.FAILED", d.lastError().orElse("?"), d.attempts());
    };
  }

  // --- webhook settings -----------------------------------------------------------------------

  public StringProperty webhookUrlProperty() {
    return webhookUrl;
  }

  public ObjectProperty<WebhookFormat> webhookFormatProperty() {
    return webhookFormat;
  }

  public ReadOnlyStringProperty webhookStatusProperty() {
    return webhookStatus.getReadOnlyProperty();
  }

  public void loadWebhook() {
    tasks
        .submit(i18n.get("escalation.task.load"), p -> queue.webhook())
        .whenComplete(
            (w, failure) -> {
              if (failure != null) {
                webhookStatus.set(errors.message(failure));
                return;
              }
              webhookUrl.set(w.url().map(Object::toString).orElse(""));
              webhookFormat.set(w.format());
              webhookStatus.set(
                  w.configured()
                      ? i18n.get("escalation.webhook.configured")
                      : i18n.get("escalation.webhook.none"));
            });
  }

  private Optional<WebhookSettings> parsedWebhook() {
    try {
      return Optional.of(WebhookSettings.parse(webhookUrl.get(), webhookFormat.get()));
    } catch (IllegalArgumentException e) {
      webhookStatus.set(i18n.get("escalation.webhook.invalid"));
      return Optional.empty();
    }
  }

  public void saveWebhook() {
    Optional<WebhookSettings> s = parsedWebhook();
    if (s.isEmpty()) {
      return;
    }
    tasks
        .submit(
            i18n.get("escalation.task.update"),
            p -> {
              queue.saveWebhook(s.get());
              return s.get();
            })
        .whenComplete(
            (w, failure) ->
                webhookStatus.set(
                    failure != null
                        ? errors.message(failure)
                        : w.configured()
                            ? i18n.get("escalation.webhook.saved")
                            : i18n.get("escalation.webhook.removed")));
  }

  /** Posts a test message (no case data) to the address in the form. */
  public void testWebhook() {
    Optional<WebhookSettings> s = parsedWebhook();
    if (s.isEmpty()) {
      return;
    }
    if (!s.get().configured()) {
      webhookStatus.set(i18n.get("escalation.webhook.none"));
      return;
    }
    webhookStatus.set(i18n.get("escalation.webhook.testing"));
    tasks
        .submit(i18n.get("escalation.task.test"), p -> notifier.get().test(s.get()))
        .whenComplete(
            (WebhookResult r, Throwable failure) ->
                webhookStatus.set(
                    failure != null
                        ? errors.message(failure)
                        : r.ok()
                            ? i18n.get("escalation.webhook.testOk")
                            : i18n.get(
                                "escalation.webhook.testFailed",
                                r.error().orElse("?"),
                                r.attempts())));
  }
}
