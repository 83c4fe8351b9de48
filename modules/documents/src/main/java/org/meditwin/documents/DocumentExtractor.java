package org.meditwin.documents;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Text of every page: the PDF text layer where it has one, OCR of the page rendered at {@link
 * #OCR_DPI} where it has not (scans inside PDFs), OCR of every frame of an image. Pixels stay in
 * memory.
 */
final class DocumentExtractor {
  static final int OCR_DPI = 300;

  /** Per-page progress: pages done so far out of the total. */
  interface PageProgress {
    void pages(int done, int total);
  }

  record Extracted(List<DocumentPage> pages, int ocrPages) {
    int textChars() {
      return pages.stream().mapToInt(p -> p.text().length()).sum();
    }
  }

  private DocumentExtractor() {}

  /**
   * @param ocr this thread's engine, created on first need
   * @throws CancellationException when {@code cancelled} turns true between pages
   */
  static Extracted extract(
      String documentId,
      byte[] bytes,
      DocumentFormat format,
      IngestionLimits limits,
      Supplier<TesseractOcr> ocr,
      BooleanSupplier cancelled,
      PageProgress progress)
      throws IngestFailure {
    try (PageSource source = PageSource.open(bytes, format, limits)) {
      int n = source.pageCount();
      List<DocumentPage> pages = new ArrayList<>(n);
      int ocrPages = 0;
      progress.pages(0, n);
      for (int i = 0; i < n; i++) {
        if (cancelled.getAsBoolean()) {
          throw new CancellationException("cancelled");
        }
        Optional<PageSource.PageText> layer = source.textLayer(i);
        if (layer.isPresent()) {
          pages.add(
              new DocumentPage(
                  documentId,
                  i + 1,
                  ExtractionMethod.TEXT_LAYER,
                  layer.get().text(),
                  layer.get().boxes(),
                  OptionalDouble.empty(),
                  source.aspect(i)));
        } else {
          BufferedImage image = source.image(i, OCR_DPI);
          TesseractOcr engine;
          try {
            engine = ocr.get();
          } catch (OcrUnavailableException e) {
            throw new IngestFailure(FailureReason.OCR_UNAVAILABLE, e.getMessage(), e);
          }
          TesseractOcr.Result r = engine.recognize(image, source.effectiveDpi(i, OCR_DPI));
          pages.add(
              new DocumentPage(
                  documentId,
                  i + 1,
                  ExtractionMethod.OCR,
                  r.text(),
                  r.boxes(),
                  r.meanConfidence(),
                  source.aspect(i)));
          ocrPages++;
        }
        progress.pages(i + 1, n);
      }
      return new Extracted(List.copyOf(pages), ocrPages);
    }
  }
}
