package org.meditwin.imaging.report;

/** The sections of an imaging report. */
public enum ReportSection {
  TECHNIQUE,
  FINDINGS,
  IMPRESSION
}
