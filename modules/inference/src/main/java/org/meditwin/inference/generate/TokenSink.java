package org.meditwin.inference.generate;

/** Receives streamed text as it is produced. Called on the generating thread. */
public interface TokenSink {
  TokenSink NONE = token -> {};

  void token(String text);

  /** The provider failed after streaming some text; the chain is retrying elsewhere. */
  default void reset() {}
}
