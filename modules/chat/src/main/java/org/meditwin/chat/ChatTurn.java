package org.meditwin.chat;

import java.util.Objects;

/**
 * One earlier message of the conversation.
 *
 * @param role who wrote it
 * @param text what was written
 */
public record ChatTurn(Role role, String text) {
  /** The author of a turn. */
  public enum Role {
    USER,
    ASSISTANT
  }

  public ChatTurn {
    Objects.requireNonNull(role, "role");
    text = text == null ? "" : text;
  }

  public static ChatTurn user(String text) {
    return new ChatTurn(Role.USER, text);
  }

  public static ChatTurn assistant(String text) {
    return new ChatTurn(Role.ASSISTANT, text);
  }
}
