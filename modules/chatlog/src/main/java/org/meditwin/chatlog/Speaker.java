package org.meditwin.chatlog;

/** Who wrote a chat message. */
public enum Speaker {
  USER,
  ASSISTANT
}
