package org.meditwin.core.domain;

/**
 * Life cycle of a visit session (Echo Notes): open while recording, closed once the note is done.
 */
public enum VisitStatus {
  SCHEDULED,
  IN_PROGRESS,
  COMPLETED,
  CANCELLED
}
