package org.meditwin.chatlog;

import java.util.List;
import java.util.Objects;

/** A chat session with its messages in order. */
public record ChatTranscript(ChatSessionInfo session, List<LoggedMessage> messages) {
  public ChatTranscript {
    Objects.requireNonNull(session, "session");
    messages = List.copyOf(messages);
  }
}
