package org.meditwin.notes;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.meditwin.core.domain.Patient;
import org.meditwin.soap.Audiogram;
import org.meditwin.soap.DraftSentence;
import org.meditwin.soap.NoteTemplate;
import org.meditwin.soap.Section;
import org.meditwin.soap.SoapDraft;
import org.meditwin.soap.TemplateField;

/**
 * Lays a SOAP note out on A4 pages with PDFBox: practice header, patient, date, the four sections,
 * hearing-care fields with an audiogram table and chart, approval status, amendments and a
 * signature line. Text uses embedded TrueType fonts (DejaVu Sans, with Devanagari and CJK fallbacks
 * when installed) so names in any of the UI's languages print; the document is built in memory only
 * (no temporary files).
 */
final class NotePdf {
  private static final List<String> FREQUENCIES = Audiogram.FREQUENCIES;

  private static final float MARGIN = 50;
  private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;
  private static final float BODY = 10;
  private static final float LEADING = 1.35f;
  private static final Color RIGHT_EAR = new Color(0xC6, 0x28, 0x28);
  private static final Color LEFT_EAR = new Color(0x15, 0x65, 0xC0);
  private static final Color GRID = new Color(0xBD, 0xBD, 0xBD);
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT);

  /** Where the TrueType files come from (Debian paths by default). */
  record Fonts(Path regular, Path bold, List<Path> fallbacks) {
    static final Path DEJAVU = Path.of("/usr/share/fonts/truetype/dejavu");

    static Fonts system() {
      return new Fonts(
          DEJAVU.resolve("DejaVuSans.ttf"),
          DEJAVU.resolve("DejaVuSans-Bold.ttf"),
          List.of(
              Path.of("/usr/share/fonts/truetype/lohit-devanagari/Lohit-Devanagari.ttf"),
              Path.of("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf")));
    }
  }

  private NotePdf() {}

  static byte[] render(
      PracticeHeader header, SoapNote note, Optional<Patient> patient, Fonts fonts) {
    return render(header, note, patient, fonts, ZoneId.systemDefault());
  }

  static byte[] render(
      PracticeHeader header, SoapNote note, Optional<Patient> patient, Fonts fonts, ZoneId zone) {
    for (Path required : List.of(fonts.regular(), fonts.bold())) {
      if (!Files.isReadable(required)) {
        throw new PdfExportException(
            "The PDF font "
                + required
                + " is missing; install the Debian package fonts-dejavu-core"
                + " (apt-get install fonts-dejavu-core).");
      }
    }
    try (PDDocument doc = new PDDocument()) {
      Writer w = new Writer(doc, fonts, zone);
      w.document(header, note, patient);
      w.finish();
      PDDocumentInformation info = doc.getDocumentInformation();
      info.setTitle("SOAP note");
      info.setCreator("MediTwin Workstation");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new PdfExportException("The PDF could not be generated.", e);
    }
  }

  static String templateName(NoteTemplate t) {
    return t == NoteTemplate.HEARING ? "Hearing care" : "General";
  }

  static String sectionName(Section s) {
    return switch (s) {
      case SUBJECTIVE -> "Subjective";
      case OBJECTIVE -> "Objective";
      case ASSESSMENT -> "Assessment";
      case PLAN -> "Plan";
    };
  }

  /**
   * A font chain: the first font with a glyph for a code point prints it. Fallback fonts (large CJK
   * files) are parsed only when a character needs them.
   */
  private static final class FontChain {
    final List<PDFont> fonts = new ArrayList<>();
    final List<java.util.function.Supplier<Optional<PDFont>>> pending;
    final Map<Integer, Integer> choice = new HashMap<>();

    FontChain(PDFont primary, List<java.util.function.Supplier<Optional<PDFont>>> fallbacks) {
      fonts.add(primary);
      this.pending = new ArrayList<>(fallbacks);
    }

    private static boolean has(PDFont font, String s) {
      try {
        font.encode(s);
        return true;
      } catch (IOException | IllegalArgumentException e) {
        return false; // no glyph in this font
      }
    }

    int fontFor(int codePoint) {
      Integer known = choice.get(codePoint);
      if (known != null) {
        return known;
      }
      String s = new String(Character.toChars(codePoint));
      int found = -1;
      for (int i = 0; i < fonts.size() && found < 0; i++) {
        if (has(fonts.get(i), s)) {
          found = i;
        }
      }
      while (found < 0 && !pending.isEmpty()) {
        Optional<PDFont> next = pending.removeFirst().get();
        if (next.isPresent()) {
          fonts.add(next.get());
          if (has(next.get(), s)) {
            found = fonts.size() - 1;
          }
        }
      }
      choice.put(codePoint, found);
      return found;
    }

    /** Runs of (font index, text); characters no font has print as '?'. */
    List<Map.Entry<Integer, String>> runs(String text) {
      List<Map.Entry<Integer, String>> runs = new ArrayList<>();
      StringBuilder cur = new StringBuilder();
      int curFont = 0;
      for (int i = 0; i < text.length(); ) {
        int cp = text.codePointAt(i);
        i += Character.charCount(cp);
        if (Character.isISOControl(cp)) {
          cp = ' ';
        }
        int f = fontFor(cp);
        if (f < 0) {
          cp = '?';
          f = 0;
        }
        if (f != curFont && !cur.isEmpty()) {
          runs.add(Map.entry(curFont, cur.toString()));
          cur.setLength(0);
        }
        curFont = f;
        cur.appendCodePoint(cp);
      }
      if (!cur.isEmpty()) {
        runs.add(Map.entry(curFont, cur.toString()));
      }
      return runs;
    }

    float width(String text, float size) throws IOException {
      float w = 0;
      for (Map.Entry<Integer, String> run : runs(text)) {
        w += fonts.get(run.getKey()).getStringWidth(run.getValue()) / 1000 * size;
      }
      return w;
    }
  }

  /** A top-to-bottom writer that starts new pages as needed. */
  private static final class Writer {
    final PDDocument doc;
    final FontChain regular;
    final FontChain bold;
    final ZoneId zone;
    final List<PDPage> pages = new ArrayList<>();
    PDPageContentStream out;
    float y;

    Writer(PDDocument doc, Fonts fonts, ZoneId zone) throws IOException {
      this.doc = doc;
      this.zone = zone;
      List<java.util.function.Supplier<Optional<PDFont>>> fallbacks = new ArrayList<>();
      Map<Path, Optional<PDFont>> loaded = new HashMap<>();
      for (Path p : fonts.fallbacks()) {
        fallbacks.add(() -> loaded.computeIfAbsent(p, x -> load(doc, x)));
      }
      regular = new FontChain(PDType0Font.load(doc, fonts.regular().toFile()), fallbacks);
      bold = new FontChain(PDType0Font.load(doc, fonts.bold().toFile()), fallbacks);
      newPage();
    }

    private static Optional<PDFont> load(PDDocument doc, Path file) {
      if (!Files.isReadable(file)) {
        return Optional.empty();
      }
      try {
        return Optional.of(PDType0Font.load(doc, file.toFile()));
      } catch (IOException e) {
        return Optional.empty(); // an unreadable fallback font: its characters print as '?'
      }
    }

    void newPage() throws IOException {
      if (out != null) {
        out.close();
      }
      PDPage page = new PDPage(PDRectangle.A4);
      doc.addPage(page);
      pages.add(page);
      out = new PDPageContentStream(doc, page);
      y = PDRectangle.A4.getHeight() - MARGIN;
    }

    void need(float height) throws IOException {
      if (y - height < MARGIN + 20) {
        newPage();
      }
    }

    void text(FontChain chain, float size, float x, float baseline, String s, Color color)
        throws IOException {
      out.setNonStrokingColor(color);
      out.beginText();
      out.newLineAtOffset(x, baseline);
      for (Map.Entry<Integer, String> run : chain.runs(s)) {
        out.setFont(chain.fonts.get(run.getKey()), size);
        out.showText(run.getValue());
      }
      out.endText();
    }

    /** A wrapped paragraph starting at {@code indent}. */
    void paragraph(FontChain chain, float size, float indent, String s, Color color)
        throws IOException {
      for (String line : wrap(chain, size, WIDTH - indent, s)) {
        need(size * LEADING);
        y -= size * LEADING;
        text(chain, size, MARGIN + indent, y, line, color);
      }
    }

    void gap(float points) {
      y -= points;
    }

    void heading(String s) throws IOException {
      need(40);
      gap(8);
      paragraph(bold, 12, 0, s, Color.BLACK);
      out.setStrokingColor(GRID);
      out.moveTo(MARGIN, y - 3);
      out.lineTo(MARGIN + WIDTH, y - 3);
      out.stroke();
      gap(6);
    }

    void labelled(String label, String value) throws IOException {
      float labelWidth = 150;
      List<String> lines = wrap(regular, BODY, WIDTH - labelWidth, value.isBlank() ? "—" : value);
      for (int i = 0; i < lines.size(); i++) {
        need(BODY * LEADING);
        y -= BODY * LEADING;
        if (i == 0) {
          text(bold, BODY, MARGIN, y, label, Color.DARK_GRAY);
        }
        text(regular, BODY, MARGIN + labelWidth, y, lines.get(i), Color.BLACK);
      }
    }

    void document(PracticeHeader header, SoapNote note, Optional<Patient> patient)
        throws IOException {
      paragraph(bold, 16, 0, header.name(), Color.BLACK);
      if (!header.details().isEmpty()) {
        paragraph(regular, 9, 0, header.details(), Color.DARK_GRAY);
      }
      gap(6);
      paragraph(bold, 14, 0, "SOAP note — " + templateName(note.template()), Color.BLACK);
      gap(4);
      labelled("Patient", patient.map(Patient::displayName).orElse("(patient record not found)"));
      labelled(
          "Date of birth",
          patient.flatMap(Patient::birthDate).map(DATE::format).orElse("not recorded"));
      labelled("MRN", patient.map(Patient::mrn).orElse(""));
      labelled("Note date", DATE_TIME.format(note.created().atZone(zone)));
      labelled("Status", status(note));

      SoapDraft d = note.draft();
      for (Section s : Section.values()) {
        heading(sectionName(s));
        List<DraftSentence> in = d.sentences().stream().filter(x -> x.section() == s).toList();
        if (in.isEmpty()) {
          paragraph(regular, BODY, 0, "No entries.", Color.GRAY);
        }
        for (DraftSentence sentence : in) {
          paragraph(regular, BODY, 0, "• " + sentence.text(), Color.BLACK);
        }
      }
      if (note.template() == NoteTemplate.HEARING) {
        heading("Hearing-care findings");
        Map<String, String> fields = new LinkedHashMap<>(d.fields());
        for (TemplateField f : NoteTemplate.HEARING.fields()) {
          if (f.key().equals("audiogram")) {
            continue;
          }
          labelled(f.label(), fields.getOrDefault(f.key(), ""));
        }
        d.audiogram().ifPresent(this::audiogramUnchecked);
      }
      if (!d.missingFields().isEmpty()) {
        gap(4);
        paragraph(
            regular,
            9,
            0,
            "Required fields not documented: "
                + String.join(
                    ", ",
                    d.missingFields().stream()
                        .map(k -> note.template().field(k).map(TemplateField::label).orElse(k))
                        .toList()),
            Color.DARK_GRAY);
      }
      if (!note.amendments().isEmpty()) {
        heading("Amendments");
        paragraph(
            regular,
            9,
            0,
            "The sections above show the note as last amended. The approved original and every"
                + " amendment are kept in the record.",
            Color.DARK_GRAY);
        for (Amendment a : note.amendments()) {
          gap(3);
          paragraph(
              bold,
              BODY,
              0,
              "Amendment "
                  + a.sequence()
                  + " — "
                  + a.authorName()
                  + ", "
                  + DATE_TIME.format(a.at().atZone(zone)),
              Color.BLACK);
          paragraph(regular, BODY, 12, "Reason: " + a.reason(), Color.BLACK);
        }
      }
      signature(note);
    }

    String status(SoapNote note) {
      return note.approval()
          .map(
              a ->
                  "Approved by "
                      + a.approverName()
                      + " on "
                      + DATE_TIME.format(a.at().atZone(zone))
                      + (note.amendments().isEmpty()
                          ? ""
                          : " (amended " + note.amendments().size() + "×)"))
          .orElse("DRAFT — not approved by a clinician");
    }

    void signature(SoapNote note) throws IOException {
      need(90);
      gap(30);
      out.setStrokingColor(Color.BLACK);
      out.moveTo(MARGIN, y);
      out.lineTo(MARGIN + 240, y);
      out.moveTo(MARGIN + 300, y);
      out.lineTo(MARGIN + WIDTH, y);
      out.stroke();
      y -= 12;
      text(regular, 9, MARGIN, y, "Signature", Color.DARK_GRAY);
      text(regular, 9, MARGIN + 300, y, "Date", Color.DARK_GRAY);
      gap(6);
      paragraph(
          regular,
          8,
          0,
          note.approval()
              .map(
                  a ->
                      "Electronically approved by "
                          + a.approverName()
                          + "; approved content SHA-256 "
                          + a.contentSha256().substring(0, 16)
                          + "…")
              .orElse("Not approved: this draft is not part of the signed record."),
          Color.DARK_GRAY);
    }

    void audiogramUnchecked(Audiogram a) {
      try {
        audiogram(a);
      } catch (IOException e) {
        throw new PdfExportException("The PDF could not be generated.", e);
      }
    }

    void audiogram(Audiogram a) throws IOException {
      // heading, table and chart stay together on one page
      need(40 + BODY * LEADING * 5 + 250);
      heading("Audiogram (dB HL)");
      // table
      float col0 = 90;
      float col = (WIDTH - col0) / FREQUENCIES.size();
      need(BODY * LEADING * 5 + 230);
      y -= BODY * LEADING;
      text(bold, 9, MARGIN, y, "Hz", Color.DARK_GRAY);
      for (int i = 0; i < FREQUENCIES.size(); i++) {
        text(bold, 9, MARGIN + col0 + i * col, y, FREQUENCIES.get(i), Color.DARK_GRAY);
      }
      row("Right air", a.rightAir(), col0, col, RIGHT_EAR);
      row("Left air", a.leftAir(), col0, col, LEFT_EAR);
      row("Right bone", a.rightBone(), col0, col, RIGHT_EAR);
      row("Left bone", a.leftBone(), col0, col, LEFT_EAR);
      gap(12);
      chart(a);
    }

    void row(String label, Map<String, Integer> values, float col0, float col, Color color)
        throws IOException {
      y -= BODY * LEADING;
      text(regular, 9, MARGIN, y, label, color);
      for (int i = 0; i < FREQUENCIES.size(); i++) {
        Integer v = values.get(FREQUENCIES.get(i));
        text(regular, 9, MARGIN + col0 + i * col, y, v == null ? "–" : v.toString(), Color.BLACK);
      }
    }

    /** Frequency on a log axis, hearing level downwards (−10 at the top, 130 at the bottom). */
    void chart(Audiogram a) throws IOException {
      float h = 200;
      float w = WIDTH - 60;
      float x0 = MARGIN + 40;
      float top = y;
      float bottom = y - h;
      double lo = Math.log(250);
      double hi = Math.log(8000);
      java.util.function.DoubleUnaryOperator fx =
          f -> x0 + (float) ((Math.log(f) - lo) / (hi - lo)) * w;
      java.util.function.DoubleUnaryOperator fy = db -> top - (float) ((db + 10) / 140.0) * h;
      out.setLineWidth(0.5f);
      out.setStrokingColor(GRID);
      for (int db = -10; db <= 130; db += 10) {
        float yy = (float) fy.applyAsDouble(db);
        out.moveTo(x0, yy);
        out.lineTo(x0 + w, yy);
        text(regular, 7, MARGIN, yy - 2, Integer.toString(db), Color.DARK_GRAY);
      }
      for (String f : FREQUENCIES) {
        float xx = (float) fx.applyAsDouble(Double.parseDouble(f));
        out.moveTo(xx, top);
        out.lineTo(xx, bottom);
        text(regular, 7, xx - 8, bottom - 10, f, Color.DARK_GRAY);
      }
      out.stroke();
      series(a.rightAir(), fx, fy, RIGHT_EAR, Marker.CIRCLE, true);
      series(a.leftAir(), fx, fy, LEFT_EAR, Marker.CROSS, true);
      series(a.rightBone(), fx, fy, RIGHT_EAR, Marker.LEFT_BRACKET, false);
      series(a.leftBone(), fx, fy, LEFT_EAR, Marker.RIGHT_BRACKET, false);
      y = bottom - 22;
      text(
          regular,
          8,
          x0,
          y,
          "Right ear: O air, < bone (red).  Left ear: X air, > bone (blue).",
          Color.DARK_GRAY);
      y -= 6;
    }

    enum Marker {
      CIRCLE,
      CROSS,
      LEFT_BRACKET,
      RIGHT_BRACKET
    }

    void series(
        Map<String, Integer> values,
        java.util.function.DoubleUnaryOperator fx,
        java.util.function.DoubleUnaryOperator fy,
        Color color,
        Marker marker,
        boolean connect)
        throws IOException {
      List<float[]> points = new ArrayList<>();
      for (String f : FREQUENCIES) {
        Integer v = values.get(f);
        if (v != null) {
          points.add(
              new float[] {
                (float) fx.applyAsDouble(Double.parseDouble(f)),
                (float) fy.applyAsDouble(Math.max(-10, Math.min(130, v)))
              });
        }
      }
      out.setStrokingColor(color);
      out.setLineWidth(1f);
      if (connect && points.size() > 1) {
        out.moveTo(points.getFirst()[0], points.getFirst()[1]);
        for (float[] p : points.subList(1, points.size())) {
          out.lineTo(p[0], p[1]);
        }
        out.stroke();
      }
      float r = 3.5f;
      for (float[] p : points) {
        switch (marker) {
          case CIRCLE -> {
            float k = 0.552f * r;
            out.moveTo(p[0] + r, p[1]);
            out.curveTo(p[0] + r, p[1] + k, p[0] + k, p[1] + r, p[0], p[1] + r);
            out.curveTo(p[0] - k, p[1] + r, p[0] - r, p[1] + k, p[0] - r, p[1]);
            out.curveTo(p[0] - r, p[1] - k, p[0] - k, p[1] - r, p[0], p[1] - r);
            out.curveTo(p[0] + k, p[1] - r, p[0] + r, p[1] - k, p[0] + r, p[1]);
          }
          case CROSS -> {
            out.moveTo(p[0] - r, p[1] - r);
            out.lineTo(p[0] + r, p[1] + r);
            out.moveTo(p[0] - r, p[1] + r);
            out.lineTo(p[0] + r, p[1] - r);
          }
          case LEFT_BRACKET -> {
            out.moveTo(p[0] - 2, p[1] + r);
            out.lineTo(p[0] - 2 - r, p[1]);
            out.lineTo(p[0] - 2, p[1] - r);
          }
          case RIGHT_BRACKET -> {
            out.moveTo(p[0] + 2, p[1] + r);
            out.lineTo(p[0] + 2 + r, p[1]);
            out.lineTo(p[0] + 2, p[1] - r);
          }
        }
        out.stroke();
      }
    }

    void finish() throws IOException {
      out.close();
      int n = pages.size();
      for (int i = 0; i < n; i++) {
        try (PDPageContentStream footer =
            new PDPageContentStream(
                doc, pages.get(i), PDPageContentStream.AppendMode.APPEND, true)) {
          PDPageContentStream saved = out;
          out = footer;
          text(
              regular,
              8,
              MARGIN,
              MARGIN - 20,
              "Confidential patient information — page " + (i + 1) + " of " + n,
              Color.GRAY);
          out = saved;
        }
      }
    }

    static List<String> wrap(FontChain chain, float size, float width, String text)
        throws IOException {
      List<String> lines = new ArrayList<>();
      for (String para : text.split("\\R", -1)) {
        StringBuilder line = new StringBuilder();
        for (String word : para.split(" +")) {
          String candidate = line.isEmpty() ? word : line + " " + word;
          if (chain.width(candidate, size) <= width) {
            line.setLength(0);
            line.append(candidate);
            continue;
          }
          if (!line.isEmpty()) {
            lines.add(line.toString());
            line.setLength(0);
          }
          // a word longer than the line (CJK text, long codes) breaks by characters
          StringBuilder part = new StringBuilder();
          for (int i = 0; i < word.length(); ) {
            int cp = word.codePointAt(i);
            i += Character.charCount(cp);
            part.appendCodePoint(cp);
            if (chain.width(part.toString(), size) > width && part.length() > 1) {
              part.setLength(part.length() - Character.charCount(cp));
              lines.add(part.toString());
              part.setLength(0);
              part.appendCodePoint(cp);
            }
          }
          line.append(part);
        }
        lines.add(line.toString());
      }
      return lines;
    }
  }
}
