package org.meditwin.chat;

import java.util.List;
import java.util.Optional;

/**
 * A question to the assistant.
 *
 * @param message the user's message (any size, any script; empty gets a clear answer)
 * @param patientId the selected patient, whose records are searched when present
 * @param history earlier turns of the conversation, oldest first
 * @param context extra text the user attached (e.g. an imaging report handed over from another
 *     pane); treated as data, never as instructions
 */
public record ChatRequest(
    String message, Optional<String> patientId, List<ChatTurn> history, Optional<String> context) {
  public ChatRequest {
    message = message == null ? "" : message;
    patientId = patientId == null ? Optional.empty() : patientId.filter(p -> !p.isBlank());
    history = history == null ? List.of() : List.copyOf(history);
    context = context == null ? Optional.empty() : context.filter(c -> !c.isBlank());
  }

  /** A message with no patient, history or context. */
  public static ChatRequest of(String message) {
    return new ChatRequest(message, Optional.empty(), List.of(), Optional.empty());
  }

  public ChatRequest withPatient(String id) {
    return new ChatRequest(message, Optional.ofNullable(id), history, context);
  }

  public ChatRequest withHistory(List<ChatTurn> turns) {
    return new ChatRequest(message, patientId, turns, context);
  }

  public ChatRequest withContext(String text) {
    return new ChatRequest(message, patientId, history, Optional.ofNullable(text));
  }
}
