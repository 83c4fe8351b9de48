package org.meditwin.chatlog;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One chat session of the signed-in user (without its messages).
 *
 * @param patientId the patient the session is about, if any (opaque id)
 * @param messageCount messages stored so far
 */
public record ChatSessionInfo(
    String id,
    String title,
    Optional<String> patientId,
    Optional<ChatContext> context,
    Instant createdAt,
    Instant updatedAt,
    int messageCount) {
  public ChatSessionInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    patientId = patientId == null ? Optional.empty() : patientId;
    context = context == null ? Optional.empty() : context;
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }
}
