package org.meditwin.chatlog;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored chat message.
 *
 * @param seq position in its session, from 1
 * @param answer what the assistant's answer carried (assistant messages only)
 */
public record LoggedMessage(
    String id,
    String sessionId,
    int seq,
    Speaker speaker,
    String text,
    Optional<AnswerRecord> answer,
    Instant at) {
  public LoggedMessage {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(speaker, "speaker");
    Objects.requireNonNull(text, "text");
    answer = answer == null ? Optional.empty() : answer;
    Objects.requireNonNull(at, "at");
  }
}
