package org.meditwin.chat;

/** The answer text as it is streamed to the listener, with the stop button checked per piece. */
final class Output {
  /** Thrown when the user pressed stop; caught by {@link ChatEngine#ask}. */
  static final class Stopped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stopped() {
      super("stopped", null, false, false);
    }
  }

  private final ChatListener listener;
  private final Cancellation cancel;
  private final StringBuilder text = new StringBuilder();

  Output(ChatListener listener, Cancellation cancel) {
    this.listener = listener;
    this.cancel = cancel;
  }

  void checkCancelled() {
    if (cancel.cancelled()) {
      throw new Stopped();
    }
  }

  void emit(String piece) {
    checkCancelled();
    if (piece.isEmpty()) {
      return;
    }
    text.append(piece);
    listener.token(piece);
  }

  /** Emits without the stop check (the closing error message). */
  void emitQuietly(String piece) {
    text.append(piece);
    listener.token(piece);
  }

  /** Adds to the final text without streaming ("[stopped]" after the user pressed stop). */
  void appendSilently(String piece) {
    text.append(piece);
  }

  int length() {
    return text.length();
  }

  String text() {
    return text.toString();
  }

  /** Drops the text after {@code mark}: the listener restarts and receives the kept prefix. */
  void reset(int mark) {
    text.setLength(mark);
    listener.reset();
    if (mark > 0) {
      listener.token(text.toString());
    }
  }
}
