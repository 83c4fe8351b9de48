package org.meditwin.chatlog;

/** How fast staff must act on an escalation; the queue shows EMERGENCY first. */
public enum Urgency {
  /** Life-threatening now: emergency services / immediate clinician. */
  EMERGENCY,
  /** Same-day clinical assessment. */
  URGENT,
  /** Follow up in the normal course of work. */
  ROUTINE
}
