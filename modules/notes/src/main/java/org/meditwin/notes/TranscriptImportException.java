package org.meditwin.notes;

import org.meditwin.core.MediTwinException;

/** A document that cannot be used as a transcript; the message says why and what to do. */
public final class TranscriptImportException extends MediTwinException {
  private static final long serialVersionUID = 1L;

  TranscriptImportException(String userMessage) {
    super(userMessage);
  }
}
