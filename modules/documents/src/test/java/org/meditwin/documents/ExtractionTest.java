package org.meditwin.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.meditwin.documents.bench.SyntheticDocuments;

/** Real PDFBox and real Tesseract (Debian tesseract-ocr + tesseract-ocr-eng must be installed). */
class ExtractionTest {
  static TesseractOcr ocr;

  @BeforeAll
  static void engine() {
    ocr = TesseractOcr.open();
  }

  @AfterAll
  static void close() {
    ocr.close();
  }

  private static DocumentExtractor.Extracted extract(byte[] bytes, DocumentFormat f)
      throws IngestFailure {
    return DocumentExtractor.extract(
        "d1", bytes, f, IngestionLimits.standard(), () -> ocr, () -> false, (d, t) -> {});
  }

  @Test
  void bornDigitalPdfUsesTheTextLayerWithWordBoxesAtExactOffsets() throws Exception {
    List<String> pages = SyntheticDocuments.letterPages(2);
    var r = extract(SyntheticDocuments.bornDigitalPdf(pages), DocumentFormat.PDF);
    assertThat(r.ocrPages()).isZero();
    assertThat(r.pages()).hasSize(2);
    DocumentPage p1 = r.pages().getFirst();
    assertThat(p1.method()).isEqualTo(ExtractionMethod.TEXT_LAYER);
    assertThat(p1.text()).contains("sensorineural").contains("Date of visit: 2024-03-14");
    assertThat(p1.aspect()).isCloseTo(8.5 / 11, org.assertj.core.data.Offset.offset(0.01));
    TextBox box =
        p1.boxes().stream()
            .filter(b -> p1.text().substring(b.start(), b.end()).equals("Audiology"))
            .findFirst()
            .orElseThrow();
    // the second line of the letter sits near the top-left margin
    assertThat(box.x()).isBetween(0.05, 0.15);
    assertThat(box.y()).isBetween(0.05, 0.15);
    assertThat(p1.boxes())
        .allSatisfy(
            b -> {
              assertThat(b.end()).isLessThanOrEqualTo(p1.text().length());
              // one box per word: PDFBox hands over whole lines, split by the stripper
              assertThat(p1.text().substring(b.start(), b.end())).doesNotContainAnyWhitespaces();
            });
  }

  @Test
  void scannedPdfPagesAreRecognisedWithLowCharacterErrorRate() throws Exception {
    List<String> pages = SyntheticDocuments.letterPages(1);
    byte[] digital = SyntheticDocuments.bornDigitalPdf(pages);
    String reference = extract(digital, DocumentFormat.PDF).pages().getFirst().text();
    List<BufferedImage> scans = SyntheticDocuments.scan(digital, 300, true, 7);
    var r = extract(SyntheticDocuments.imagePdf(scans, 300), DocumentFormat.PDF);
    assertThat(r.ocrPages()).isEqualTo(1);
    DocumentPage p = r.pages().getFirst();
    assertThat(p.method()).isEqualTo(ExtractionMethod.OCR);
    assertThat(SyntheticDocuments.characterErrorRate(reference, p.text())).isLessThan(0.02);
    assertThat(p.ocrConfidence()).isNotEqualTo(OptionalDouble.empty());
    TextBox box =
        p.boxes().stream()
            .filter(b -> p.text().substring(b.start(), b.end()).equals("Audiology"))
            .findFirst()
            .orElseThrow();
    assertThat(box.x()).isBetween(0.05, 0.15);
    assertThat(box.y()).isBetween(0.05, 0.15);
  }

  @Test
  void pngTiffAndJpegImagesGoThroughOcr() throws Exception {
    byte[] digital = SyntheticDocuments.bornDigitalPdf(SyntheticDocuments.letterPages(1));
    BufferedImage scan = SyntheticDocuments.scan(digital, 300, false, 1).getFirst();
    for (String f : List.of("png", "tiff", "jpeg")) {
      byte[] bytes = SyntheticDocuments.encode(scan, f);
      DocumentFormat format = DocumentFormat.detect(bytes).orElseThrow();
      var r = extract(bytes, format);
      assertThat(r.ocrPages()).as(f).isEqualTo(1);
      assertThat(r.pages().getFirst().text()).as(f).contains("sensorineural");
    }
  }
}
