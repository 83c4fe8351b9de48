package org.meditwin.documents;

/** A document cannot be (fully) read; carries the user-facing reason. No PHI in the message. */
final class IngestFailure extends Exception {
  private static final long serialVersionUID = 1L;
  private final FailureReason reason;

  IngestFailure(FailureReason reason, String detail) {
    super(detail);
    this.reason = reason;
  }

  IngestFailure(FailureReason reason, String detail, Throwable cause) {
    super(detail, cause);
    this.reason = reason;
  }

  FailureReason reason() {
    return reason;
  }
}
