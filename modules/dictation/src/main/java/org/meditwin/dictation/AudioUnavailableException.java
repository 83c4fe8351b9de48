package org.meditwin.dictation;

import java.io.IOException;

/** No capture device could be opened (no microphone, device busy, format refused). */
public final class AudioUnavailableException extends IOException {
  private static final long serialVersionUID = 1L;

  public AudioUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
