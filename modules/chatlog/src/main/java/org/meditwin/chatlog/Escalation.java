package org.meditwin.chatlog;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A case handed off to staff: what it is about, how urgent, who raised it, who picked it up and
 * closed it, the notes, and whether the webhook notification went out.
 */
public record Escalation(
    String id,
    String summary,
    Urgency urgency,
    Optional<String> patientId,
    Optional<String> chatSessionId,
    List<String> redFlags,
    EscalationStatus status,
    StaffRef createdBy,
    Instant createdAt,
    Optional<StaffRef> pickedUpBy,
    Optional<Instant> pickedUpAt,
    Optional<StaffRef> closedBy,
    Optional<Instant> closedAt,
    List<EscalationNote> notes,
    Delivery delivery) {
  public Escalation {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(urgency, "urgency");
    patientId = patientId == null ? Optional.empty() : patientId;
    chatSessionId = chatSessionId == null ? Optional.empty() : chatSessionId;
    redFlags = List.copyOf(redFlags);
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdBy, "createdBy");
    Objects.requireNonNull(createdAt, "createdAt");
    pickedUpBy = pickedUpBy == null ? Optional.empty() : pickedUpBy;
    pickedUpAt = pickedUpAt == null ? Optional.empty() : pickedUpAt;
    closedBy = closedBy == null ? Optional.empty() : closedBy;
    closedAt = closedAt == null ? Optional.empty() : closedAt;
    notes = List.copyOf(notes);
    Objects.requireNonNull(delivery, "delivery");
  }

  /** A short, stable reference for people ("E-1A2B3C4D"), derived from the opaque id. */
  public String reference() {
    return "E-" + id.replace("-", "").substring(0, 8).toUpperCase(java.util.Locale.ROOT);
  }
}
