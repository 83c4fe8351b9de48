package org.meditwin.documents;

import java.util.List;
import java.util.OptionalDouble;

/**
 * One page's extracted text with word boxes.
 *
 * @param page 1-based page number
 * @param boxes word (OCR) or glyph-run (PDF) boxes; offsets into {@code text}
 * @param ocrConfidence Tesseract's mean word confidence (0–100) for OCR pages
 * @param aspect page width / height, for the viewer before the page image is rendered
 */
public record DocumentPage(
    String documentId,
    int page,
    ExtractionMethod method,
    String text,
    List<TextBox> boxes,
    OptionalDouble ocrConfidence,
    double aspect) {
  public DocumentPage {
    boxes = List.copyOf(boxes);
  }
}
