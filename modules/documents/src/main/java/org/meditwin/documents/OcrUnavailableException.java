package org.meditwin.documents;

/** Tesseract (the library or its English data) is not installed. */
final class OcrUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  OcrUnavailableException(String message) {
    super(message);
  }
}
