package org.meditwin.record;

/** Why two events are related (stored in the record, projected as RELATED_TO in the graph). */
public enum EventRelation {
  /** Recorded during the same visit/encounter (the target is the VISIT event). */
  SAME_ENCOUNTER,
  /** The target is the reason for the source (a prescription or procedure for a diagnosis). */
  REASON,
  /** The source is part of the target (a result inside a diagnostic report). */
  PART_OF,
  /** Linked by a clinician. */
  MANUAL
}
