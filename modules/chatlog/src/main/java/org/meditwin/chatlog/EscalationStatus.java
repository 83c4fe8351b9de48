package org.meditwin.chatlog;

/** Life cycle of an escalation: OPEN → PICKED_UP → CLOSED. */
public enum EscalationStatus {
  OPEN,
  PICKED_UP,
  CLOSED
}
