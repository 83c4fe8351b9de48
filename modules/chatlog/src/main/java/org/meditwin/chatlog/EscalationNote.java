package org.meditwin.chatlog;

import java.time.Instant;
import java.util.Objects;

/** A note staff added to an escalation (PHI; stored encrypted, audited). */
public record EscalationNote(String id, StaffRef author, Instant at, String text) {
  public EscalationNote {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(text, "text");
  }
}
