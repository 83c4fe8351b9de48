package org.meditwin.documents;

/** The clinician's decision on a proposed event. */
public enum ProposalStatus {
  PROPOSED,
  CONFIRMED,
  REJECTED
}
