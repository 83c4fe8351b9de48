package org.meditwin.dictation;

/** An engine could not be opened or failed on the audio; the message says why. */
public final class RecognitionException extends Exception {
  private static final long serialVersionUID = 1L;

  public RecognitionException(String message) {
    super(message);
  }

  public RecognitionException(String message, Throwable cause) {
    super(message, cause);
  }
}
