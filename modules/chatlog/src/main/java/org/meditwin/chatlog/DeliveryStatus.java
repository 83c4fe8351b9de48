package org.meditwin.chatlog;

/** Whether the webhook notification of an escalation went out. */
public enum DeliveryStatus {
  /** No webhook was configured when the case was created. */
  NOT_CONFIGURED,
  /** Waiting to be sent (or being sent). */
  PENDING,
  /** The webhook answered 2xx. */
  SENT,
  /** Every attempt failed; the error is kept and the case can be re-sent. */
  FAILED
}
