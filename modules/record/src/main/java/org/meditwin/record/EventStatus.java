package org.meditwin.record;

/** Clinical status of an event (FHIR clinicalStatus / verificationStatus folded into four). */
public enum EventStatus {
  ACTIVE,
  RESOLVED,
  ENTERED_IN_ERROR,
  UNKNOWN
}
