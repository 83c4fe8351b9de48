package org.meditwin.chat;

import java.util.List;
import org.meditwin.nlp.safety.RedFlag;

/**
 * Receives an answer while it is produced, on the thread that runs {@link ChatEngine#ask}. Order:
 * {@link #redFlags} (first, before any retrieval, so an emergency banner shows at once), {@link
 * #specialists}, {@link #tool} for each tool run, then {@link #token} pieces whose concatenation is
 * {@link ChatAnswer#answer()}.
 */
public interface ChatListener {
  /** A listener that ignores everything. */
  ChatListener NONE = new ChatListener() {};

  /** The specialists the orchestrator chose (ids such as {@code cardiology}). */
  default void specialists(List<String> specialists) {}

  /** The next piece of answer text. */
  default void token(String text) {}

  /** Red flags found in the message (called once, possibly with an empty list). */
  default void redFlags(List<RedFlag> flags) {}

  /** A tool the orchestrator ran, with its inputs and result. */
  default void tool(ToolCall call) {}

  /**
   * Discard the text streamed so far: a generative model failed mid-answer and the answer restarts
   * (the kept part is sent again through {@link #token}).
   */
  default void reset() {}
}
