package org.meditwin.chatlog;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Outcome of posting one message to a webhook.
 *
 * @param attempts HTTP attempts made
 * @param lastStatus the last HTTP status received, if any
 * @param error why it failed (PHI-free: status code or exception type); empty on success
 */
public record WebhookResult(
    boolean ok, int attempts, OptionalInt lastStatus, Optional<String> error) {
  public WebhookResult {
    lastStatus = lastStatus == null ? OptionalInt.empty() : lastStatus;
    error = error == null ? Optional.empty() : error;
    Objects.requireNonNull(error);
  }
}
