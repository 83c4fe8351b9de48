package org.meditwin.imaging.report;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.meditwin.core.MediTwinException;

/**
 * The report as PDF: header, key image, technique, findings table (measurements, model outputs),
 * report text, signature and amendments. DejaVu Sans (Debian fonts-dejavu-core), as the SOAP note
 * PDF; characters the font lacks print as "?".
 */
public final class ReportPdf {
  private static final float MARGIN = 50;
  private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;
  private static final float BODY = 10;
  private static final float LEADING = 1.35f;
  private static final Color GRID = new Color(0xBD, 0xBD, 0xBD);
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

  /** The fonts are not installed. */
  public static final class PdfFontsMissingException extends MediTwinException {
    private static final long serialVersionUID = 1L;

    PdfFontsMissingException(Path missing) {
      super(
          "The PDF font "
              + missing
              + " is missing; install the Debian package fonts-dejavu-core"
              + " (apt-get install fonts-dejavu-core).");
    }
  }

  /** Regular and bold TrueType fonts. */
  public record Fonts(Path regular, Path bold) {
    static final Path DEJAVU = Path.of("/usr/share/fonts/truetype/dejavu");

    public static Fonts system() {
      return new Fonts(DEJAVU.resolve("DejaVuSans.ttf"), DEJAVU.resolve("DejaVuSans-Bold.ttf"));
    }
  }

  private ReportPdf() {}

  /** Renders the report; {@code patientLabel} is printed as given (the caller decides what). */
  public static byte[] render(ImagingReport report, String patientLabel, ZoneId zone, Fonts fonts) {
    for (Path required : List.of(fonts.regular(), fonts.bold())) {
      if (!Files.isReadable(required)) {
        throw new PdfFontsMissingException(required);
      }
    }
    try (PDDocument doc = new PDDocument()) {
      Writer w = new Writer(doc, fonts);
      w.document(report, patientLabel, zone);
      w.close();
      PDDocumentInformation info = doc.getDocumentInformation();
      info.setTitle(report.content().template().title() + " report");
      info.setCreator("MediTwin Workstation");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException("The PDF could not be generated.", e);
    }
  }

  private static final class Writer {
    final PDDocument doc;
    final PDFont regular;
    final PDFont bold;
    PDPageContentStream out;
    float y;

    Writer(PDDocument doc, Fonts fonts) throws IOException {
      this.doc = doc;
      this.regular = PDType0Font.load(doc, fonts.regular().toFile());
      this.bold = PDType0Font.load(doc, fonts.bold().toFile());
      newPage();
    }

    void newPage() throws IOException {
      if (out != null) {
        out.close();
      }
      PDPage page = new PDPage(PDRectangle.A4);
      doc.addPage(page);
      out = new PDPageContentStream(doc, page);
      y = PDRectangle.A4.getHeight() - MARGIN;
    }

    void close() throws IOException {
      out.close();
    }

    void need(float height) throws IOException {
      if (y - height < MARGIN) {
        newPage();
      }
    }

    String printable(PDFont font, String s) {
      StringBuilder b = new StringBuilder();
      s.codePoints()
          .forEach(
              cp -> {
                String ch = new String(Character.toChars(cp));
                if (cp == '\n' || cp == '\r' || cp == '\t') {
                  b.append(' ');
                  return;
                }
                try {
                  font.encode(ch);
                  b.append(ch);
                } catch (IOException | IllegalArgumentException e) {
                  b.append('?');
                }
              });
      return b.toString();
    }

    float width(PDFont font, float size, String s) throws IOException {
      return font.getStringWidth(s) / 1000 * size;
    }

    List<String> wrap(PDFont font, float size, float max, String text) throws IOException {
      List<String> lines = new ArrayList<>();
      for (String para : printable(font, text).split("\\s*\\n\\s*|(?<=\\S)\\s{2,}(?=\\S)")) {
        StringBuilder line = new StringBuilder();
        for (String word : para.strip().split("\\s+")) {
          if (word.isEmpty()) {
            continue;
          }
          String candidate = line.isEmpty() ? word : line + " " + word;
          if (width(font, size, candidate) <= max || line.isEmpty()) {
            line = new StringBuilder(candidate);
          } else {
            lines.add(line.toString());
            line = new StringBuilder(word);
          }
        }
        if (!line.isEmpty()) {
          lines.add(line.toString());
        }
      }
      return lines;
    }

    void text(PDFont font, float size, float x, float baseline, String s, Color color)
        throws IOException {
      out.setNonStrokingColor(color);
      out.beginText();
      out.setFont(font, size);
      out.newLineAtOffset(x, baseline);
      out.showText(printable(font, s));
      out.endText();
    }

    void paragraph(PDFont font, float size, float indent, String s, Color color)
        throws IOException {
      for (String line : wrap(font, size, WIDTH - indent, s)) {
        need(size * LEADING);
        y -= size * LEADING;
        text(font, size, MARGIN + indent, y, line, color);
      }
    }

    void heading(String s) throws IOException {
      need(40);
      y -= 8;
      paragraph(bold, 12, 0, s, Color.BLACK);
      out.setStrokingColor(GRID);
      out.moveTo(MARGIN, y - 3);
      out.lineTo(MARGIN + WIDTH, y - 3);
      out.stroke();
      y -= 8;
    }

    void row(float[] columns, String[] cells, PDFont font) throws IOException {
      List<List<String>> wrapped = new ArrayList<>();
      int lines = 1;
      for (int i = 0; i < cells.length; i++) {
        float w = (i + 1 < columns.length ? columns[i + 1] : WIDTH) - columns[i] - 6;
        List<String> l = wrap(font, BODY, w, cells[i].isBlank() ? "—" : cells[i]);
        wrapped.add(l);
        lines = Math.max(lines, l.size());
      }
      need(lines * BODY * LEADING + 4);
      for (int line = 0; line < lines; line++) {
        y -= BODY * LEADING;
        for (int i = 0; i < cells.length; i++) {
          if (line < wrapped.get(i).size()) {
            text(font, BODY, MARGIN + columns[i], y, wrapped.get(i).get(line), Color.BLACK);
          }
        }
      }
      y -= 3;
      out.setStrokingColor(GRID);
      out.moveTo(MARGIN, y);
      out.lineTo(MARGIN + WIDTH, y);
      out.stroke();
    }

    void document(ImagingReport r, String patientLabel, ZoneId zone) throws IOException {
      ReportContent c = r.content();
      paragraph(bold, 16, 0, c.template().title() + " report", Color.BLACK);
      y -= 4;
      paragraph(regular, BODY, 0, "Patient: " + patientLabel, Color.DARK_GRAY);
      paragraph(
          regular,
          BODY,
          0,
          "Report "
              + r.id().substring(0, 8)
              + " · created "
              + DATE_TIME.format(r.created().atZone(zone))
              + " · "
              + (r.isSigned() ? "signed" : "DRAFT — not signed"),
          Color.DARK_GRAY);
      if (r.keyImagePng().isPresent()) {
        PDImageXObject image =
            PDImageXObject.createFromByteArray(doc, r.keyImagePng().get(), "key-image.png");
        float maxW = WIDTH * 0.6f;
        float maxH = 260;
        float scale = Math.min(maxW / image.getWidth(), maxH / image.getHeight());
        float w = image.getWidth() * scale;
        float h = image.getHeight() * scale;
        need(h + 20);
        y -= h + 10;
        out.drawImage(image, MARGIN + (WIDTH - w) / 2, y, w, h);
        y -= 4;
        paragraph(
            regular,
            8,
            0,
            r.findings().modelFindings().isEmpty()
                ? "Key image."
                : "Key image with the model's heat map overlay (regions that drove the score).",
            Color.DARK_GRAY);
      }
      heading("Technique");
      paragraph(regular, BODY, 0, c.technique(), Color.BLACK);
      heading("Findings table");
      float[] cols = {0, 150, 330};
      row(cols, new String[] {"Item", "Value", "Source"}, bold);
      Technique t = r.findings().technique();
      if (!t.modality().isEmpty()) {
        row(
            cols,
            new String[] {
              "Modality / body part",
              t.modality() + (t.bodyPart().isEmpty() ? "" : " / " + t.bodyPart()),
              "DICOM"
            },
            regular);
      }
      if (t.images() > 0) {
        row(cols, new String[] {"Images", String.valueOf(t.images()), "DICOM"}, regular);
      }
      for (Measurement m : r.findings().measurements()) {
        String label = m.label().isBlank() ? "Measurement" : m.label();
        String value =
            switch (m) {
              case Measurement.Distance d -> String.format(Locale.ROOT, "%.1f mm", d.millimetres());
              case Measurement.Region g ->
                  String.format(
                          Locale.ROOT,
                          "mean %.1f%s, SD %.1f",
                          g.mean(),
                          g.unit().isEmpty() ? "" : " " + g.unit(),
                          g.standardDeviation())
                      + g.areaMm2()
                          .map(a -> String.format(Locale.ROOT, ", %.1f mm²", a))
                          .orElse("");
            };
        row(cols, new String[] {label, value, "measurement"}, regular);
      }
      for (ModelFinding m : r.findings().modelFindings()) {
        row(
            cols,
            new String[] {
              m.label(),
              m.percent()
                  + (m.positive() ? " (positive)" : " (negative)")
                  + m.side().map(s -> ", " + s).orElse("")
                  + (m.applicable() ? "" : " — not applicable: " + m.applicabilityNote()),
              "model " + m.modelName() + " " + m.modelVersion()
            },
            regular);
      }
      heading("Findings");
      paragraph(regular, BODY, 0, c.findings(), Color.BLACK);
      heading("Impression");
      paragraph(regular, BODY, 0, c.impression(), Color.BLACK);
      heading("Signature");
      if (r.signature().isPresent()) {
        ImagingReport.Signature s = r.signature().get();
        paragraph(
            regular,
            BODY,
            0,
            "Signed by " + s.signerName() + " on " + DATE_TIME.format(s.at().atZone(zone)) + ".",
            Color.BLACK);
        paragraph(regular, 8, 0, "SHA-256 of the signed content: " + s.sha256(), Color.DARK_GRAY);
      } else {
        paragraph(bold, BODY, 0, "Not signed: this is a draft.", Color.BLACK);
      }
      for (ImagingReport.Amendment a : r.amendments()) {
        heading("Amendment " + a.seq());
        paragraph(
            regular,
            BODY,
            0,
            "By "
                + a.authorName()
                + " on "
                + DATE_TIME.format(a.at().atZone(zone))
                + ". Reason: "
                + a.reason(),
            Color.DARK_GRAY);
      }
      y -= 10;
      paragraph(
          regular,
          8,
          0,
          "Model outputs are decision support only; the images must be read by a clinician.",
          Color.DARK_GRAY);
    }
  }
}
