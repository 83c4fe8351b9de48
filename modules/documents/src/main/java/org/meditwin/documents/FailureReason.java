package org.meditwin.documents;

/** Why a file was refused at import or its job failed; each has a message fit for the user. */
public enum FailureReason {
  EMPTY_FILE("The file is empty (0 bytes)."),
  TOO_LARGE("The file is larger than the import limit."),
  UNSUPPORTED_FORMAT("Not a PDF, PNG, JPEG or TIFF file."),
  UNREADABLE_FILE("The file could not be read."),
  CORRUPT("The file is damaged or truncated and cannot be read."),
  ENCRYPTED("The PDF is password-protected; remove the password and import it again."),
  EXTRACTION_FORBIDDEN("The PDF's permissions forbid text extraction."),
  TOO_MANY_PAGES("The document has more pages than the import limit."),
  IMAGE_TOO_LARGE("The image has more pixels than the import limit."),
  OCR_UNAVAILABLE("Text recognition (Tesseract) is not installed on this workstation."),
  CANCELLED("Cancelled by the user."),
  INTERRUPTED("Processing was interrupted repeatedly (the application stopped during it)."),
  INTERNAL("Processing failed unexpectedly; see the log for details.");

  private final String message;

  FailureReason(String message) {
    this.message = message;
  }

  /** A short English explanation (the UI translates by reason name). */
  public String message() {
    return message;
  }
}
