package org.meditwin.documents;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.meditwin.core.task.ProgressListener;
import org.meditwin.documents.bench.SyntheticDocuments;
import org.meditwin.nlp.ClinicalNlp;

/**
 * {@code ./run bench ingest}: pages per minute of the ingestion work (text layer or OCR, then
 * clinical NER) on synthetic letters — born-digital PDFs written with PDFBox, and scans of them
 * rendered at 300 dpi (clean, and degraded with noise) wrapped in image-only PDFs — plus OCR
 * character error rate against the born-digital text. The database write is not included.
 */
public final class IngestBenchmark {

  /** One measured configuration. */
  public record Row(
      String kind,
      int pages,
      int runs,
      double medianSeconds,
      double pagesPerMinute,
      double extractionPagesPerMinute,
      Optional<Double> characterErrorRate,
      Optional<Double> characterAccuracy) {}

  public record Result(List<Row> rows, String ompThreadLimit, String nlp) {}

  private IngestBenchmark() {}

  /**
   * @param digitalPages pages of the born-digital document (timed {@code runs} times)
   * @param scannedPages pages of each scanned document (clean and noisy; timed once — OCR is slow)
   */
  public static Result run(
      int digitalPages, int scannedPages, int runs, ClinicalNlp nlp, ProgressListener progress)
      throws Exception {
    NativeEnvironment.limitOpenMpThreads();
    List<Row> rows = new ArrayList<>();
    byte[] digital =
        SyntheticDocuments.bornDigitalPdf(SyntheticDocuments.letterPages(digitalPages));
    try (TesseractOcr ocr = TesseractOcr.open()) {
      // warm-up: fonts, PDFBox caches, Tesseract models, NLP lexicons
      progress.progress(0, 4, "warm-up");
      byte[] one = SyntheticDocuments.bornDigitalPdf(SyntheticDocuments.letterPages(1));
      timed(one, ocr, nlp);
      timed(
          SyntheticDocuments.imagePdf(SyntheticDocuments.scan(one, 300, false, 1), 300), ocr, nlp);

      progress.progress(1, 4, "born-digital");
      double[] t = new double[runs];
      double[] x = new double[runs];
      for (int i = 0; i < runs; i++) {
        Timed r = timed(digital, ocr, nlp);
        t[i] = r.seconds;
        x[i] = r.extractSeconds;
      }
      rows.add(row("born-digital PDF (text layer)", digitalPages, t, x, Optional.empty()));

      byte[] reference =
          SyntheticDocuments.bornDigitalPdf(SyntheticDocuments.letterPages(scannedPages));
      List<String> truth =
          DocumentExtractor.extract(
                  "ref",
                  reference,
                  DocumentFormat.PDF,
                  IngestionLimits.standard(),
                  () -> ocr,
                  () -> false,
                  (d, n) -> {})
              .pages()
              .stream()
              .map(DocumentPage::text)
              .toList();
      int step = 2;
      for (boolean noise : new boolean[] {false, true}) {
        progress.progress(step++, 4, noise ? "scanned (noisy)" : "scanned (clean)");
        List<BufferedImage> scans = SyntheticDocuments.scan(reference, 300, noise, 42);
        byte[] pdf = SyntheticDocuments.imagePdf(scans, 300);
        Timed r = timed(pdf, ocr, nlp);
        double cer = cer(truth, r.pages);
        rows.add(
            row(
                noise ? "scanned PDF, 300 dpi, noisy (OCR)" : "scanned PDF, 300 dpi (OCR)",
                scannedPages,
                new double[] {r.seconds},
                new double[] {r.extractSeconds},
                Optional.of(cer)));
      }
      progress.progress(4, 4, "done");
    }
    String omp = Optional.ofNullable(NativeEnvironment.currentOmpThreadLimit()).orElse("unset");
    return new Result(rows, omp, nlp.status().toString());
  }

  private record Timed(double seconds, double extractSeconds, List<DocumentPage> pages) {}

  private static Timed timed(byte[] pdf, TesseractOcr ocr, ClinicalNlp nlp) throws IngestFailure {
    long start = System.nanoTime();
    DocumentExtractor.Extracted ex =
        DocumentExtractor.extract(
            "bench",
            pdf,
            DocumentFormat.PDF,
            IngestionLimits.standard(),
            () -> ocr,
            () -> false,
            (d, n) -> {});
    long extracted = System.nanoTime();
    for (DocumentPage p : ex.pages()) {
      nlp.entities(p.text());
    }
    return new Timed((System.nanoTime() - start) / 1e9, (extracted - start) / 1e9, ex.pages());
  }

  private static double cer(List<String> truth, List<DocumentPage> pages) {
    double errors = 0;
    double chars = 0;
    for (int i = 0; i < truth.size(); i++) {
      String ref = truth.get(i).replaceAll("\\s+", " ").strip();
      double rate = SyntheticDocuments.characterErrorRate(ref, pages.get(i).text());
      errors += rate * ref.length();
      chars += ref.length();
    }
    return chars == 0 ? 0 : errors / chars;
  }

  private static Row row(
      String kind, int pages, double[] seconds, double[] extraction, Optional<Double> cer) {
    double median = median(seconds);
    return new Row(
        kind,
        pages,
        seconds.length,
        median,
        pages / median * 60.0,
        pages / median(extraction) * 60.0,
        cer,
        cer.map(c -> 1.0 - c));
  }

  private static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  /** A plain-text table of {@code r}. */
  public static String table(Result r) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "%-36s %6s %5s %9s %10s %9s%n",
            "kind",
            "pages",
            "runs",
            "median s",
            "pages/min",
            "OCR acc."));
    for (Row row : r.rows()) {
      sb.append(
          String.format(
              Locale.ROOT,
              "%-36s %6d %5d %9.2f %10.1f %12.1f %9s%n",
              row.kind(),
              row.pages(),
              row.runs(),
              row.medianSeconds(),
              row.pagesPerMinute(),
              row.extractionPagesPerMinute(),
              row.characterAccuracy()
                  .map(a -> String.format(Locale.ROOT, "%.2f %%", a * 100))
                  .orElse("-")));
    }
    sb.append("OMP_THREAD_LIMIT=").append(r.ompThreadLimit()).append('\n');
    sb.append("nlp: ").append(r.nlp());
    return sb.toString();
  }
}
