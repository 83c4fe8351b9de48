package org.meditwin.documents;

/** How a page's text was obtained. */
public enum ExtractionMethod {
  /** From the PDF's text layer (PDFBox). */
  TEXT_LAYER,
  /** By optical character recognition (Tesseract) of the rendered page or image. */
  OCR
}
