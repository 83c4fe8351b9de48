package org.meditwin.imaging;

import org.meditwin.core.MediTwinException;

/**
 * A DICOM object that cannot be read or decoded, with a machine-readable {@link Reason} and a
 * PHI-free one-line message (never the file name or attribute values).
 */
public final class DicomReadException extends MediTwinException {
  private static final long serialVersionUID = 1L;

  /** Why a file was refused. */
  public enum Reason {
    /** No DICOM preamble/meta header and the data set does not parse as DICOM. */
    NOT_DICOM,
    /** The file ends before the data set or the pixel data does. */
    TRUNCATED,
    /** A length field or attribute value contradicts the file. */
    CORRUPT,
    /** The object has no Pixel Data (e.g. a structured report). */
    NO_PIXEL_DATA,
    /** The transfer syntax is unknown or no installed decoder handles it. */
    UNSUPPORTED_TRANSFER_SYNTAX,
    /** Rows × columns × frames × samples is beyond the configured budget. */
    TOO_LARGE,
    /** An archive entry escapes its folder or the archive exceeds its limits. */
    UNSAFE_ARCHIVE,
    /** The file cannot be read at all. */
    IO,
    /** The object's study is already in another patient's imaging archive (not imported). */
    PATIENT_CONFLICT
  }

  private final Reason reason;

  public DicomReadException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public DicomReadException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
