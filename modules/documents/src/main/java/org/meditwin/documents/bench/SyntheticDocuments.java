package org.meditwin.documents.bench;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * Clearly synthetic clinical letters (no real person) as born-digital PDFs written with PDFBox, and
 * "scans" of them: the pages rendered to grey pixels, optionally degraded with noise and a slight
 * blur, as PNG/TIFF or wrapped in an image-only PDF. For tests and {@code ./run bench ingest}.
 */
public final class SyntheticDocuments {
  private static final float FONT_SIZE = 11f;
  private static final float LEADING = 15f;
  private static final float MARGIN = 60f;

  private SyntheticDocuments() {}

  /** A few pages of a synthetic audiology referral letter (each string is one page). */
  public static List<String> letterPages(int pages) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < pages; i++) {
      out.add(LETTERS.get(i % LETTERS.size()));
    }
    return out;
  }

  /** A PDF with a real text layer, one page per string (lines split on '\n', word-wrapped). */
  public static byte[] bornDigitalPdf(List<String> pages) {
    try (PDDocument doc = new PDDocument()) {
      PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
      for (String text : pages) {
        PDPage page = new PDPage(PDRectangle.LETTER);
        doc.addPage(page);
        try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
          cs.beginText();
          cs.setFont(font, FONT_SIZE);
          cs.setLeading(LEADING);
          cs.newLineAtOffset(MARGIN, PDRectangle.LETTER.getHeight() - MARGIN);
          float width = PDRectangle.LETTER.getWidth() - 2 * MARGIN;
          for (String line : wrap(text, font, width)) {
            cs.showText(line);
            cs.newLine();
          }
          cs.endText();
        }
      }
      return save(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> wrap(String text, PDType1Font font, float width) throws IOException {
    List<String> lines = new ArrayList<>();
    for (String para : text.split("\n", -1)) {
      StringBuilder line = new StringBuilder();
      for (String word : para.split(" ")) {
        String candidate = line.isEmpty() ? word : line + " " + word;
        if (font.getStringWidth(candidate) / 1000 * FONT_SIZE > width && !line.isEmpty()) {
          lines.add(line.toString());
          line = new StringBuilder(word);
        } else {
          line = new StringBuilder(candidate);
        }
      }
      lines.add(line.toString());
    }
    return lines;
  }

  /** Each page of {@code pdf} rendered at {@code dpi} (grey), degraded when {@code noise}. */
  public static List<BufferedImage> scan(byte[] pdf, int dpi, boolean noise, long seed) {
    try (PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
      PDFRenderer r = new PDFRenderer(doc);
      List<BufferedImage> out = new ArrayList<>();
      Random random = new Random(seed);
      for (int i = 0; i < doc.getNumberOfPages(); i++) {
        BufferedImage img = r.renderImageWithDPI(i, dpi, ImageType.GRAY);
        if (noise) {
          degrade(img, random);
        }
        out.add(img);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Salt-and-pepper specks (0.3 %), grey-level jitter and a greyish paper background. */
  private static void degrade(BufferedImage img, Random random) {
    var raster = img.getRaster();
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int v = raster.getSample(x, y, 0);
        v = v > 200 ? 225 + random.nextInt(25) : Math.min(255, v + random.nextInt(40));
        double r = random.nextDouble();
        if (r < 0.0015) {
          v = 0;
        } else if (r < 0.003) {
          v = 255;
        }
        raster.setSample(x, y, 0, v);
      }
    }
  }

  /** An image-only PDF (no text layer) with one page per image, as a scanner produces. */
  public static byte[] imagePdf(List<BufferedImage> pages, int dpi) {
    try (PDDocument doc = new PDDocument()) {
      for (BufferedImage img : pages) {
        float w = img.getWidth() * 72f / dpi;
        float h = img.getHeight() * 72f / dpi;
        PDPage page = new PDPage(new PDRectangle(w, h));
        doc.addPage(page);
        PDImageXObject x = LosslessFactory.createFromImage(doc, img);
        try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
          cs.drawImage(x, 0, 0, w, h);
        }
      }
      return save(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Encodes {@code img} as "png", "jpeg" or "tiff". */
  public static byte[] encode(BufferedImage img, String format) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      if (!ImageIO.write(img, format, out)) {
        throw new IllegalArgumentException("no writer for " + format);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] save(PDDocument doc) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    doc.save(out);
    return out.toByteArray();
  }

  /** Character error rate: edit distance / reference length, on whitespace-normalised text. */
  public static double characterErrorRate(String reference, String hypothesis) {
    String a = reference.replaceAll("\\s+", " ").strip();
    String b = hypothesis.replaceAll("\\s+", " ").strip();
    if (a.isEmpty()) {
      return b.isEmpty() ? 0 : 1;
    }
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return (double) prev[b.length()] / a.length();
  }

  private static final List<String> LETTERS =
      List.of(
          """
          SYNTHETIC TEST DOCUMENT - not a real patient
          Audiology Referral Letter
          Date of visit: 2024-03-14
          Reason for referral: progressive hearing loss in the left ear over two years.
          History: The patient reports tinnitus in the left ear and occasional dizziness. \
          Denies ear pain. No otorrhea.
          Findings: Otoscopy normal bilaterally. Audiogram shows moderate sensorineural \
          hearing loss in the left ear. Tympanometry type A bilaterally.
          Assessment: Asymmetric sensorineural hearing loss, left. Possible acoustic neuroma.
          Plan: MRI of the internal auditory canals. Start betahistine 16 mg twice daily. \
          Hearing aid trial for the left ear.""",
          """
          SYNTHETIC TEST DOCUMENT - not a real patient
          Discharge Summary
          Admission date: 2023-11-02
          Diagnoses: Type 2 diabetes mellitus. Hypertension. Otitis media of the right ear.
          Medications: metformin 500 mg twice daily; lisinopril 10 mg daily; amoxicillin \
          500 mg three times daily for seven days.
          The patient denies chest pain and shortness of breath. Family history of \
          hearing loss in the mother.
          Procedures: Myringotomy of the right ear on 2023-11-03.
          Follow-up with audiology in six weeks.""",
          """
          SYNTHETIC TEST DOCUMENT - not a real patient
          Clinic Note
          Date of service: 2024-06-20
          The patient presents with headache and nausea for three days. \
          No fever. Blood pressure 150/95 mmHg.
          Assessment: Migraine without aura. Rule out sinusitis.
          Plan: ibuprofen 400 mg as needed. Review in two weeks.""");
}
