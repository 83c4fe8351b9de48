package org.meditwin.app.common;

import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.meditwin.app.i18n.I18n;
import org.meditwin.core.MediTwinException;
import org.meditwin.core.service.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns any failure from a service into a clear, PHI-free message. Service exceptions carry their
 * own {@link MediTwinException#userMessage()}; validation errors ({@link IllegalArgumentException})
 * are PHI-free by contract; anything else is logged (type only) and shown as a generic message.
 */
public final class ErrorReporter {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorReporter.class);

  private final DialogService dialogs;
  private final I18n i18n;

  public ErrorReporter(DialogService dialogs, I18n i18n) {
    this.dialogs = Objects.requireNonNull(dialogs, "dialogs");
    this.i18n = Objects.requireNonNull(i18n, "i18n");
  }

  /** The failure behind wrappers such as {@link CompletionException}. */
  public static Throwable unwrap(Throwable t) {
    Throwable cur = t;
    while ((cur instanceof CompletionException || cur instanceof ExecutionException)
        && cur.getCause() != null) {
      cur = cur.getCause();
    }
    return cur;
  }

  /** A one-line message safe to show inline. */
  public String message(Throwable failure) {
    Throwable t = unwrap(failure);
    if (t instanceof MediTwinException m) {
      String msg = m.userMessage();
      return msg == null || msg.isBlank() ? i18n.get("error.unexpected") : msg;
    }
    if (t instanceof IllegalArgumentException && t.getMessage() != null) {
      return t.getMessage();
    }
    // Only the type is logged: messages of foreign exceptions may echo user input.
    LOG.error("Unexpected failure: {}", t.getClass().getName());
    return i18n.get("error.unexpected");
  }

  /** Shows the failure in a dialog; a restorable store failure explains the restore path. */
  public void show(Throwable failure) {
    Throwable t = unwrap(failure);
    if (t instanceof StoreUnavailableException s && s.restorable()) {
      dialogs.showError(
          i18n.get("error.store.title"), message(s) + "\n\n" + i18n.get("error.store.restoreHint"));
      return;
    }
    dialogs.showError(i18n.get("error.title"), message(t));
  }
}
