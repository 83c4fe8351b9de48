package org.meditwin.chatlog;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The webhook notification state of one escalation.
 *
 * @param attempts HTTP attempts made so far (all sends together)
 * @param lastError why the last send failed (PHI-free: status code or exception type)
 */
public record Delivery(
    DeliveryStatus status,
    int attempts,
    Optional<String> lastError,
    Optional<Instant> lastAttemptAt,
    Optional<Instant> sentAt) {
  public Delivery {
    Objects.requireNonNull(status, "status");
    lastError = lastError == null ? Optional.empty() : lastError;
    lastAttemptAt = lastAttemptAt == null ? Optional.empty() : lastAttemptAt;
    sentAt = sentAt == null ? Optional.empty() : sentAt;
  }
}
