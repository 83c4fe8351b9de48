package org.meditwin.notes;

import org.meditwin.core.MediTwinException;

/** A change to an approved note other than an amendment. */
public final class NoteLockedException extends MediTwinException {
  private static final long serialVersionUID = 1L;

  NoteLockedException() {
    super("This note is approved and cannot be edited; record an amendment instead.");
  }
}
