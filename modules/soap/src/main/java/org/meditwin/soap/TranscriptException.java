package org.meditwin.soap;

import org.meditwin.core.MediTwinException;

/**
 * A transcript that cannot be drafted (empty, not text, too long, no words). The message says what
 * is wrong and what to do, and never quotes the transcript.
 */
public final class TranscriptException extends MediTwinException {
  private static final long serialVersionUID = 1L;

  public TranscriptException(String userMessage) {
    super(userMessage);
  }
}
