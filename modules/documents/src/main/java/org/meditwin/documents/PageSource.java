package org.meditwin.documents;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * The pages of one document held in memory: a PDF (PDFBox, memory-only stream cache — no temporary
 * files) or a raster image (one frame per page for multi-page TIFF). Every library failure becomes
 * an {@link IngestFailure} with a reason.
 */
abstract sealed class PageSource implements AutoCloseable {
  /** Pages with fewer non-blank characters in their text layer than this are OCRed. */
  static final int MIN_TEXT_LAYER_CHARS = 16;

  /** Text from a PDF text layer with one box per word. */
  record PageText(String text, List<TextBox> boxes) {}

  abstract int pageCount();

  /** The page's own text layer when it has a usable one (PDF only). */
  abstract Optional<PageText> textLayer(int index) throws IngestFailure;

  /** The page as pixels at (at most) {@code dpi}; images come at their own resolution. */
  abstract BufferedImage image(int index, int dpi) throws IngestFailure;

  /** The resolution {@link #image} really used, for OCR. */
  abstract int effectiveDpi(int index, int dpi);

  /** Width / height of the page as displayed. */
  abstract double aspect(int index) throws IngestFailure;

  @Override
  public abstract void close();

  static PageSource open(byte[] bytes, DocumentFormat format, IngestionLimits limits)
      throws IngestFailure {
    return format == DocumentFormat.PDF ? Pdf.load(bytes, limits) : Raster.load(bytes, limits);
  }

  static final class Pdf extends PageSource {
    private final PDDocument doc;
    private final PDFRenderer renderer;
    private final long maxPixels;

    private Pdf(PDDocument doc, long maxPixels) {
      this.doc = doc;
      this.renderer = new PDFRenderer(doc);
      this.maxPixels = maxPixels;
    }

    static Pdf load(byte[] bytes, IngestionLimits limits) throws IngestFailure {
      PDDocument doc;
      try {
        doc =
            Loader.loadPDF(
                new RandomAccessReadBuffer(bytes),
                "",
                null,
                null,
                IOUtils.createMemoryOnlyStreamCache());
      } catch (InvalidPasswordException e) {
        throw new IngestFailure(FailureReason.ENCRYPTED, "PDF needs a password", e);
      } catch (IOException | RuntimeException | StackOverflowError e) {
        throw new IngestFailure(FailureReason.CORRUPT, "PDF cannot be parsed: " + kind(e), e);
      }
      try {
        if (doc.isEncrypted() && !doc.getCurrentAccessPermission().canExtractContent()) {
          throw new IngestFailure(
              FailureReason.EXTRACTION_FORBIDDEN, "PDF permissions forbid text extraction");
        }
        int pages = doc.getNumberOfPages();
        if (pages == 0) {
          throw new IngestFailure(FailureReason.CORRUPT, "PDF has no pages");
        }
        if (pages > limits.maxPages()) {
          throw new IngestFailure(
              FailureReason.TOO_MANY_PAGES, pages + " pages (limit " + limits.maxPages() + ")");
        }
        return new Pdf(doc, limits.maxImagePixels());
      } catch (IngestFailure | RuntimeException e) {
        closeQuietly(doc);
        if (e instanceof IngestFailure f) {
          throw f;
        }
        throw new IngestFailure(FailureReason.CORRUPT, "PDF structure is damaged: " + kind(e), e);
      }
    }

    @Override
    int pageCount() {
      return doc.getNumberOfPages();
    }

    @Override
    Optional<PageText> textLayer(int index) throws IngestFailure {
      try {
        PDPage page = doc.getPage(index);
        PositionStripper stripper = new PositionStripper(page);
        stripper.setStartPage(index + 1);
        stripper.setEndPage(index + 1);
        stripper.setSortByPosition(true);
        StringWriter out = new StringWriter();
        stripper.writeText(doc, out);
        String text = stripTrailing(out.toString());
        long visible = text.chars().filter(c -> !Character.isWhitespace(c)).count();
        if (visible < MIN_TEXT_LAYER_CHARS) {
          return Optional.empty();
        }
        List<TextBox> boxes =
            stripper.boxes.stream().filter(b -> b.end() <= text.length()).toList();
        return Optional.of(new PageText(text, boxes));
      } catch (IOException | RuntimeException | StackOverflowError e) {
        throw new IngestFailure(
            FailureReason.CORRUPT, "page " + (index + 1) + " cannot be read: " + kind(e), e);
      }
    }

    private static String stripTrailing(String s) {
      return s.stripTrailing();
    }

    @Override
    int effectiveDpi(int index, int dpi) {
      PDRectangle box = doc.getPage(index).getCropBox();
      double px = (box.getWidth() / 72.0 * dpi) * (box.getHeight() / 72.0 * dpi);
      if (px <= maxPixels) {
        return dpi;
      }
      return (int) Math.max(36, Math.floor(dpi * Math.sqrt(maxPixels / px)));
    }

    @Override
    BufferedImage image(int index, int dpi) throws IngestFailure {
      try {
        return renderer.renderImageWithDPI(index, effectiveDpi(index, dpi), ImageType.GRAY);
      } catch (IOException | RuntimeException | StackOverflowError e) {
        throw new IngestFailure(
            FailureReason.CORRUPT, "page " + (index + 1) + " cannot be rendered: " + kind(e), e);
      }
    }

    @Override
    double aspect(int index) {
      PDPage page = doc.getPage(index);
      PDRectangle box = page.getCropBox();
      boolean turned = page.getRotation() % 180 != 0;
      double w = turned ? box.getHeight() : box.getWidth();
      double h = turned ? box.getWidth() : box.getHeight();
      return h <= 0 ? 1 : w / h;
    }

    @Override
    public void close() {
      closeQuietly(doc);
    }

    private static void closeQuietly(PDDocument doc) {
      try {
        doc.close();
      } catch (IOException e) {
        // in memory only: nothing to release that matters
      }
    }
  }

  /** Collects one box per written word, in page fractions (rotation-adjusted coordinates). */
  static final class PositionStripper extends PDFTextStripper {
    final List<TextBox> boxes = new ArrayList<>();
    private final double pageWidth;
    private final double pageHeight;
    private StringWriter sink;

    PositionStripper(PDPage page) {
      super();
      PDRectangle box = page.getCropBox();
      boolean turned = page.getRotation() % 180 != 0;
      pageWidth = turned ? box.getHeight() : box.getWidth();
      pageHeight = turned ? box.getWidth() : box.getHeight();
    }

    @Override
    public void writeText(PDDocument doc, java.io.Writer outputStream) throws IOException {
      sink = (StringWriter) outputStream;
      super.writeText(doc, outputStream);
    }

    @Override
    protected void writeString(String text, List<TextPosition> positions) throws IOException {
      int start = sink.getBuffer().length();
      super.writeString(text, positions);
      int end = sink.getBuffer().length();
      if (positions.isEmpty() || end <= start || pageWidth <= 0 || pageHeight <= 0) {
        return;
      }
      // one box per word: PDFBox may hand over a whole line at once
      int total = 0;
      for (TextPosition p : positions) {
        total += p.getUnicode() == null ? 0 : p.getUnicode().length();
      }
      if (total != end - start) {
        // ligatures or normalisation changed the length: one box for the run
        box(start, end, positions);
        return;
      }
      int offset = start;
      int wordStart = -1;
      List<TextPosition> word = new ArrayList<>();
      for (TextPosition p : positions) {
        String u = p.getUnicode() == null ? "" : p.getUnicode();
        boolean blank = u.isBlank();
        if (blank) {
          if (!word.isEmpty()) {
            box(wordStart, offset, word);
            word.clear();
          }
        } else {
          if (word.isEmpty()) {
            wordStart = offset;
          }
          word.add(p);
        }
        offset += u.length();
      }
      if (!word.isEmpty()) {
        box(wordStart, offset, word);
      }
    }

    private void box(int start, int end, List<TextPosition> positions) {
      double left = Double.MAX_VALUE;
      double top = Double.MAX_VALUE;
      double right = -Double.MAX_VALUE;
      double bottom = -Double.MAX_VALUE;
      for (TextPosition p : positions) {
        double h = Math.max(p.getHeight(), p.getFontSizeInPt() * 0.7);
        left = Math.min(left, p.getX());
        right = Math.max(right, p.getX() + p.getWidth());
        top = Math.min(top, p.getY() - h);
        bottom = Math.max(bottom, p.getY());
      }
      boxes.add(
          new TextBox(
              start,
              end,
              clamp(left / pageWidth),
              clamp(top / pageHeight),
              clamp((right - left) / pageWidth),
              clamp((bottom - top) / pageHeight)));
    }

    private static double clamp(double v) {
      return Double.isFinite(v) ? Math.max(0, Math.min(1, v)) : 0;
    }
  }

  static final class Raster extends PageSource {
    private final byte[] bytes;
    private final List<int[]> sizes;

    private Raster(byte[] bytes, List<int[]> sizes) {
      this.bytes = bytes;
      this.sizes = sizes;
    }

    static Raster load(byte[] bytes, IngestionLimits limits) throws IngestFailure {
      try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
        ImageReader reader = reader(in);
        try {
          reader.setInput(in, false, true);
          int n = reader.getNumImages(true);
          if (n <= 0) {
            throw new IngestFailure(FailureReason.CORRUPT, "image has no frames");
          }
          if (n > limits.maxPages()) {
            throw new IngestFailure(
                FailureReason.TOO_MANY_PAGES, n + " frames (limit " + limits.maxPages() + ")");
          }
          List<int[]> sizes = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            int w = reader.getWidth(i);
            int h = reader.getHeight(i);
            if (w <= 0 || h <= 0) {
              throw new IngestFailure(FailureReason.CORRUPT, "image has no pixels");
            }
            if ((long) w * h > limits.maxImagePixels()) {
              throw new IngestFailure(
                  FailureReason.IMAGE_TOO_LARGE,
                  w + "x" + h + " pixels (limit " + limits.maxImagePixels() + ")");
            }
            sizes.add(new int[] {w, h});
          }
          return new Raster(bytes, List.copyOf(sizes));
        } finally {
          reader.dispose();
        }
      } catch (IOException | RuntimeException | StackOverflowError e) {
        throw new IngestFailure(FailureReason.CORRUPT, "image cannot be decoded: " + kind(e), e);
      }
    }

    private static ImageReader reader(ImageInputStream in) throws IngestFailure {
      if (in == null) {
        throw new IngestFailure(FailureReason.CORRUPT, "image cannot be opened");
      }
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new IngestFailure(FailureReason.CORRUPT, "no decoder accepts this image");
      }
      return readers.next();
    }

    @Override
    int pageCount() {
      return sizes.size();
    }

    @Override
    Optional<PageText> textLayer(int index) {
      return Optional.empty();
    }

    @Override
    BufferedImage image(int index, int dpi) throws IngestFailure {
      try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
        ImageReader reader = reader(in);
        try {
          reader.setInput(in, false, true);
          BufferedImage img = reader.read(index);
          if (img == null) {
            throw new IngestFailure(FailureReason.CORRUPT, "image frame cannot be decoded");
          }
          return img;
        } finally {
          reader.dispose();
        }
      } catch (IOException | RuntimeException | StackOverflowError e) {
        throw new IngestFailure(
            FailureReason.CORRUPT,
            "image frame " + (index + 1) + " cannot be decoded: " + kind(e),
            e);
      }
    }

    @Override
    int effectiveDpi(int index, int dpi) {
      // scans rarely carry trustworthy resolution metadata; 300 dpi is the usual scanner setting
      return 300;
    }

    @Override
    double aspect(int index) {
      int[] s = sizes.get(index);
      return (double) s[0] / s[1];
    }

    @Override
    public void close() {}
  }

  /** The exception type only: library messages may quote document content. */
  static String kind(Throwable e) {
    return e.getClass().getSimpleName();
  }
}
