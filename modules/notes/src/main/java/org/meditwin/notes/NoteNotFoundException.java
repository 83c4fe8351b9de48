package org.meditwin.notes;

import org.meditwin.core.MediTwinException;

/** The note does not exist (deleted draft, or a stale reference). */
public final class NoteNotFoundException extends MediTwinException {
  private static final long serialVersionUID = 1L;

  NoteNotFoundException() {
    super("The note no longer exists.");
  }
}
