package org.meditwin.dictation;

import java.io.IOException;

/** The audio is corrupt, in an unsupported format, or too large; the message says which. */
public final class AudioFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  public AudioFormatException(String message) {
    super(message);
  }
}
