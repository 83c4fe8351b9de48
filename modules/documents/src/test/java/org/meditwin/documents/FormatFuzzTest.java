package org.meditwin.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.meditwin.documents.bench.SyntheticDocuments;

/**
 * Mutated PDFs, PNGs, JPEGs and TIFFs (bit flips, byte runs, truncation, duplicated chunks): format
 * detection never throws, and opening, extracting and rendering either works or fails with an
 * {@link IngestFailure} — never another exception that would escape a job.
 */
class FormatFuzzTest {
  private static final int ROUNDS_PER_SAMPLE = 60;

  static List<byte[]> samples() {
    byte[] pdf = SyntheticDocuments.bornDigitalPdf(SyntheticDocuments.letterPages(2));
    BufferedImage small = SyntheticDocuments.scan(pdf, 40, false, 1).getFirst();
    List<byte[]> out = new ArrayList<>();
    out.add(pdf);
    out.add(SyntheticDocuments.imagePdf(List.of(small), 40));
    out.add(SyntheticDocuments.encode(small, "png"));
    out.add(SyntheticDocuments.encode(small, "jpeg"));
    out.add(SyntheticDocuments.encode(small, "tiff"));
    return out;
  }

  static byte[] mutate(byte[] in, Random r) {
    byte[] b = in.clone();
    switch (r.nextInt(5)) {
      case 0 -> {
        for (int i = 0, n = 1 + r.nextInt(20); i < n; i++) {
          int p = r.nextInt(b.length);
          b[p] ^= (byte) (1 << r.nextInt(8));
        }
      }
      case 1 -> {
        int p = r.nextInt(b.length);
        int n = Math.min(b.length - p, 1 + r.nextInt(256));
        byte[] junk = new byte[n];
        r.nextBytes(junk);
        System.arraycopy(junk, 0, b, p, n);
      }
      case 2 -> b = Arrays.copyOf(b, Math.max(1, r.nextInt(b.length)));
      case 3 -> {
        int p = r.nextInt(b.length);
        int n = Math.min(b.length - p, 1 + r.nextInt(512));
        byte[] d = new byte[b.length + n];
        System.arraycopy(b, 0, d, 0, p + n);
        System.arraycopy(b, p, d, p + n, b.length - p);
        b = d;
      }
      default -> {
        // keep the header, scramble the tail
        int keep = Math.min(b.length, 16 + r.nextInt(64));
        for (int i = keep; i < b.length; i++) {
          b[i] = (byte) r.nextInt(256);
        }
      }
    }
    return b;
  }

  @Test
  void formatDetectionNeverThrowsAndNeedsTheRealSignature() {
    Random r = new Random(11);
    for (int i = 0; i < 5000; i++) {
      byte[] b = new byte[r.nextInt(64)];
      r.nextBytes(b);
      DocumentFormat.detect(b);
    }
    assertThat(DocumentFormat.detect(new byte[0])).isEmpty();
    assertThat(DocumentFormat.detect(null)).isEmpty();
    assertThat(DocumentFormat.detect("%PD".getBytes())).isEmpty();
    for (byte[] s : samples()) {
      assertThat(DocumentFormat.detect(s)).isPresent();
    }
    byte[] junkThenPdf = new byte[600];
    System.arraycopy("%PDF-1.4".getBytes(), 0, junkThenPdf, 500, 8);
    assertThat(DocumentFormat.detect(junkThenPdf)).contains(DocumentFormat.PDF);
  }

  @Test
  void mutatedFilesEitherExtractOrFailWithAReason() {
    Random r = new Random(2026);
    int failures = 0;
    int ok = 0;
    for (byte[] sample : samples()) {
      for (int i = 0; i < ROUNDS_PER_SAMPLE; i++) {
        byte[] m = mutate(sample, r);
        Optional<DocumentFormat> f = DocumentFormat.detect(m);
        if (f.isEmpty()) {
          continue;
        }
        try {
          DocumentExtractor.extract(
              "fuzz",
              m,
              f.get(),
              new IngestionLimits(1 << 26, 50, 20_000_000),
              () -> {
                throw new OcrUnavailableException("rendering only");
              },
              () -> false,
              (d, t) -> {});
          ok++;
        } catch (IngestFailure e) {
          assertThat(e.reason()).isNotNull();
          assertThat(e.getMessage()).isNotBlank();
          failures++;
        } catch (RuntimeException | Error e) {
          fail("mutation " + i + " of a " + f.get() + " escaped as " + e, e);
        }
      }
    }
    assertThat(ok + failures).isGreaterThan(200);
    assertThat(failures).isPositive();
  }
}
