package org.meditwin.imaging.report;

import org.meditwin.core.MediTwinException;

/** A signed report cannot be edited; amend it instead. */
public final class ReportLockedException extends MediTwinException {
  private static final long serialVersionUID = 1L;

  public ReportLockedException() {
    super("This report is signed and cannot be edited; add an amendment instead.");
  }
}
