package org.meditwin.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.documents.bench.SyntheticDocuments;

/** Every kind of bad file gets a clear status; the queue goes on; nothing is half-imported. */
class BadInputTest {
  @TempDir Path dir;

  static byte[] protect(byte[] pdf, String user, boolean allowExtraction) throws Exception {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      AccessPermission ap = new AccessPermission();
      ap.setCanExtractContent(allowExtraction);
      ap.setCanExtractForAccessibility(allowExtraction);
      StandardProtectionPolicy p = new StandardProtectionPolicy("owner-secret", user, ap);
      p.setEncryptionKeyLength(128);
      doc.protect(p);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      return out.toByteArray();
    }
  }

  @Test
  void emptyOversizedAndUnsupportedFilesAreRefusedWithAReasonAndNotStored() throws Exception {
    try (Fixture f = Fixture.create(dir)) {
      ImportOutcome empty = f.docs.importBytes(f.patientId, "empty.pdf", new byte[0]);
      assertThat(empty.refused()).contains(FailureReason.EMPTY_FILE);
      ImportOutcome text =
          f.docs.importBytes(
              f.patientId, "letter.pdf", "Dear colleague".getBytes(StandardCharsets.UTF_8));
      assertThat(text.refused()).contains(FailureReason.UNSUPPORTED_FORMAT);
      byte[] gif = "GIF89a\u0001\u0000\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1);
      assertThat(f.docs.importBytes(f.patientId, "x.png", gif).refused())
          .contains(FailureReason.UNSUPPORTED_FORMAT);
      byte[] zip = {'P', 'K', 3, 4, 0, 0, 0, 0};
      assertThat(f.docs.importBytes(f.patientId, "x.tiff", zip).refused())
          .contains(FailureReason.UNSUPPORTED_FORMAT);
      Path dirAsFile = Files.createDirectory(dir.resolve("folder.pdf"));
      assertThat(f.docs.importFile(f.patientId, dirAsFile).refused())
          .contains(FailureReason.UNREADABLE_FILE);
      assertThat(f.docs.documents(f.patientId)).isEmpty();
    }
  }

  @Test
  void aFileOverTheSizeLimitIsRefusedBeforeItIsRead() throws Exception {
    try (Fixture f = Fixture.create(dir)) {
      f.docs.close();
      f.docs =
          DocumentService.open(
              f.session,
              Fixture.options().withLimits(IngestionLimits.standard().withMaxBytes(4096)));
      Path big = dir.resolve("big.pdf");
      byte[] pdf = SyntheticDocuments.bornDigitalPdf(SyntheticDocuments.letterPages(1));
      Files.write(big, Arrays.copyOf(pdf, 5000));
      ImportOutcome o = f.docs.importFile(f.patientId, big);
      assertThat(o.refused()).contains(FailureReason.TOO_LARGE);
      assertThat(o.detail()).contains("limit");
      assertThat(f.docs.documents(f.patientId)).isEmpty();
    }
  }

  @Test
  void damagedAndProtectedPdfsFailWithTheirReasonWhileTheOthersAreProcessed() throws Exception {
    try (Fixture f = Fixture.create(dir)) {
      byte[] pdf = SyntheticDocuments.bornDigitalPdf(SyntheticDocuments.letterPages(1));
      String truncated =
          id(f.docs.importBytes(f.patientId, "truncated.pdf", Arrays.copyOf(pdf, 200)));
      String password =
          id(f.docs.importBytes(f.patientId, "locked.pdf", protect(pdf, "user-secret", true)));
      String restricted =
          id(f.docs.importBytes(f.patientId, "restricted.pdf", protect(pdf, "", false)));
      String good =
          id(
              f.docs.importBytes(
                  f.patientId,
                  "good.pdf",
                  SyntheticDocuments.bornDigitalPdf(SyntheticDocuments.letterPages(2))));

      DocumentSummary t = f.docs.awaitCompletion(truncated);
      assertThat(t.status()).isEqualTo(DocumentStatus.FAILED);
      assertThat(t.failure()).contains(FailureReason.CORRUPT);
      DocumentSummary p = f.docs.awaitCompletion(password);
      assertThat(p.failure()).contains(FailureReason.ENCRYPTED);
      DocumentSummary r = f.docs.awaitCompletion(restricted);
      assertThat(r.failure()).contains(FailureReason.EXTRACTION_FORBIDDEN);
      assertThat(f.docs.awaitCompletion(good).status()).isEqualTo(DocumentStatus.DONE);

      // failed jobs stored nothing but their status; the original is kept for the user
      for (String id : new String[] {truncated, password, restricted}) {
        assertThat(f.docs.pages(id)).isEmpty();
        assertThat(f.docs.proposals(id)).isEmpty();
        assertThat(f.docs.original(id)).isNotEmpty();
      }
      assertThat(f.docs.proposals(good)).isNotEmpty();
    }
  }

  @Test
  void imagesWithNoTextFinishWithNoTextFound() throws Exception {
    try (Fixture f = Fixture.create(dir)) {
      BufferedImage blank = new BufferedImage(1200, 1600, BufferedImage.TYPE_BYTE_GRAY);
      var g = blank.createGraphics();
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, 1200, 1600);
      g.dispose();
      DocumentSummary d = f.importAndWait("blank.png", SyntheticDocuments.encode(blank, "png"));
      assertThat(d.status()).isEqualTo(DocumentStatus.DONE);
      assertThat(d.noTextFound()).isTrue();
      assertThat(f.docs.proposals(d.id())).isEmpty();
    }
  }

  @Test
  void imagesAndPagesOverThePixelLimitFailAsTooLarge() throws Exception {
    BufferedImage img = new BufferedImage(3000, 3000, BufferedImage.TYPE_BYTE_GRAY);
    byte[] png = SyntheticDocuments.encode(img, "png");
    IngestionLimits limits = new IngestionLimits(1 << 30, 10, 4_000_000);
    assertThatThrownBy(() -> PageSource.open(png, DocumentFormat.PNG, limits))
        .isInstanceOfSatisfying(
            IngestFailure.class,
            e -> assertThat(e.reason()).isEqualTo(FailureReason.IMAGE_TOO_LARGE));
    // PDF pages are rendered at a lower resolution instead of failing
    byte[] pdf = SyntheticDocuments.bornDigitalPdf(SyntheticDocuments.letterPages(1));
    try (PageSource s = PageSource.open(pdf, DocumentFormat.PDF, limits)) {
      assertThat(s.effectiveDpi(0, 300)).isLessThan(300);
      BufferedImage page = s.image(0, 300);
      assertThat((long) page.getWidth() * page.getHeight()).isLessThanOrEqualTo(4_000_000);
    }
  }

  @Test
  void tooManyPagesFailsWithTheLimitInTheDetail() {
    byte[] pdf = SyntheticDocuments.bornDigitalPdf(SyntheticDocuments.letterPages(3));
    assertThatThrownBy(
            () ->
                PageSource.open(pdf, DocumentFormat.PDF, new IngestionLimits(1 << 30, 2, 1 << 30)))
        .isInstanceOfSatisfying(
            IngestFailure.class,
            e -> {
              assertThat(e.reason()).isEqualTo(FailureReason.TOO_MANY_PAGES);
              assertThat(e.getMessage()).contains("limit 2");
            });
  }

  @Test
  void randomBytesWithAPdfHeaderFailAsCorrupt() {
    byte[] junk = new byte[4096];
    new Random(5).nextBytes(junk);
    System.arraycopy("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), 0, junk, 0, 9);
    assertThatThrownBy(
            () ->
                DocumentExtractor.extract(
                    "x",
                    junk,
                    DocumentFormat.PDF,
                    IngestionLimits.standard(),
                    () -> {
                      throw new OcrUnavailableException("not needed");
                    },
                    () -> false,
                    (d, t) -> {}))
        .isInstanceOfSatisfying(
            IngestFailure.class, e -> assertThat(e.reason()).isEqualTo(FailureReason.CORRUPT));
  }

  private static String id(ImportOutcome o) {
    return o.document().orElseThrow().id();
  }
}
