package org.meditwin.chatlog;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What staff need to take over a case.
 *
 * @param summary the case summary (PHI; masked before it leaves the workstation)
 * @param redFlags ids of the red flags that triggered the escalation, if any
 */
public record EscalationRequest(
    String summary,
    Urgency urgency,
    Optional<String> patientId,
    Optional<String> chatSessionId,
    List<String> redFlags) {
  public EscalationRequest {
    Objects.requireNonNull(urgency, "urgency");
    summary = summary == null ? "" : summary.strip();
    patientId = patientId == null ? Optional.empty() : patientId;
    chatSessionId = chatSessionId == null ? Optional.empty() : chatSessionId;
    redFlags = List.copyOf(redFlags);
  }
}
