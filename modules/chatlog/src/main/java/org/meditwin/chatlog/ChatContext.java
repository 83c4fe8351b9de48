package org.meditwin.chatlog;

import java.util.Objects;

/**
 * Context a chat session was started with ("ask about this study/note"): a short title and the
 * PHI-bearing text itself. Both are stored encrypted with the session.
 */
public record ChatContext(String title, String text) {
  public ChatContext {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(text, "text");
  }
}
