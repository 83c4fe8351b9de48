package org.meditwin.pacs;

import org.meditwin.core.MediTwinException;

/**
 * A PACS operation failed. The message is fit for the user and never contains PHI (no patient names
 * or ids); {@link #reason()} lets callers react.
 */
public final class PacsException extends MediTwinException {
  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Reason {
    /** Host unknown or no route to it. */
    UNREACHABLE,
    /** Nothing listens on that host and port (connection refused). */
    REFUSED,
    /** No answer within the timeout. */
    TIMEOUT,
    /** The PACS rejected the association (other reasons). */
    REJECTED,
    /** The PACS does not know its own AE title as we called it. */
    CALLED_AE_REJECTED,
    /** The PACS does not know our AE title. */
    CALLING_AE_REJECTED,
    /** The PACS accepted none of the services or transfer syntaxes we offered. */
    NOT_SUPPORTED,
    /** The PACS answered with a failure status. */
    FAILED,
    /** The association was aborted. */
    ABORTED,
    /** The peer broke the DICOM or HTTP protocol or sent something too large. */
    PROTOCOL,
    /** DICOMweb answered with an HTTP error status. */
    HTTP,
    /** A file to send or a received object is not usable DICOM. */
    BAD_INPUT
  }

  private final Reason reason;

  public PacsException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public PacsException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
