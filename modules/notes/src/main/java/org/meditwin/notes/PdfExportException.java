package org.meditwin.notes;

import org.meditwin.core.MediTwinException;

/** The PDF could not be written: missing font, unwritable target. The message names the fix. */
public final class PdfExportException extends MediTwinException {
  private static final long serialVersionUID = 1L;

  PdfExportException(String userMessage) {
    super(userMessage);
  }

  PdfExportException(String userMessage, Throwable cause) {
    super(userMessage, cause);
  }
}
