package org.meditwin.documents;

import com.sun.jna.Pointer;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import net.sourceforge.tess4j.ITessAPI.TessBaseAPI;
import net.sourceforge.tess4j.ITessAPI.TessPageSegMode;
import net.sourceforge.tess4j.TessAPI;

/**
 * One Tesseract engine (libtesseract through Tess4J's {@link TessAPI}). Grey pixels go in from
 * memory ({@code TessBaseAPISetImage}): no temporary image file, and no Leptonica image I/O
 * (Tess4J's own {@code doOCR} needs a newer Leptonica than Debian 12 ships). <b>Not thread-safe and
 * confined to the thread that created it</b> (a shared engine crashes the JVM); the ingestion
 * worker keeps one per thread.
 */
final class TesseractOcr implements AutoCloseable {
  static final Path DEBIAN_TESSDATA = Path.of("/usr/share/tesseract-ocr/5/tessdata");

  /** The recognised words of one image and the text built from them. */
  record Result(String text, List<TextBox> boxes, OptionalDouble meanConfidence) {}

  private final TessAPI api;
  private final Thread owner;
  private TessBaseAPI handle;

  private TesseractOcr(TessAPI api, TessBaseAPI handle) {
    this.api = api;
    this.handle = handle;
    this.owner = Thread.currentThread();
  }

  /**
   * Where English traineddata is: {@code $TESSDATA_PREFIX} (the directory holding {@code
   * eng.traineddata}) or Debian's location.
   */
  static Optional<Path> tessdata() {
    String env = System.getenv("TESSDATA_PREFIX");
    List<Path> candidates = new ArrayList<>();
    if (env != null && !env.isBlank()) {
      candidates.add(Path.of(env));
      candidates.add(Path.of(env, "tessdata"));
    }
    candidates.add(DEBIAN_TESSDATA);
    return candidates.stream()
        .filter(p -> Files.isRegularFile(p.resolve("eng.traineddata")))
        .findFirst();
  }

  /**
   * Loads libtesseract and initialises an English engine on the calling thread.
   *
   * @throws OcrUnavailableException when the library or its language data is missing
   */
  static TesseractOcr open() {
    Path data =
        tessdata()
            .orElseThrow(
                () ->
                    new OcrUnavailableException(
                        "eng.traineddata not found (install tesseract-ocr-eng or set TESSDATA_PREFIX)"));
    NativeEnvironment.limitOpenMpThreads();
    TessAPI api;
    try {
      api = TessAPI.INSTANCE;
    } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
      throw new OcrUnavailableException(
          "libtesseract not found (install tesseract-ocr / libtesseract5): " + e.getMessage());
    }
    TessBaseAPI h = api.TessBaseAPICreate();
    if (api.TessBaseAPIInit3(h, data.toString(), "eng") != 0) {
      api.TessBaseAPIDelete(h);
      throw new OcrUnavailableException("Tesseract could not load English data from " + data);
    }
    api.TessBaseAPISetPageSegMode(h, TessPageSegMode.PSM_AUTO);
    // no debug files, no stray output on stdout
    api.TessBaseAPISetVariable(h, "debug_file", "/dev/null");
    return new TesseractOcr(api, h);
  }

  /**
   * Recognises {@code image} (any type; converted to 8-bit grey) scanned at {@code dpi}. Text is
   * rebuilt from the words: spaces between words, a newline between lines, a blank line between
   * paragraphs, so every word's box maps to exact offsets.
   */
  Result recognize(BufferedImage image, int dpi) {
    if (Thread.currentThread() != owner) {
      throw new IllegalStateException("a Tesseract engine is confined to the thread that made it");
    }
    if (handle == null) {
      throw new IllegalStateException("engine closed");
    }
    BufferedImage grey = toGrey(image);
    int w = grey.getWidth();
    int h = grey.getHeight();
    byte[] pixels = ((DataBufferByte) grey.getRaster().getDataBuffer()).getData();
    ByteBuffer buffer = ByteBuffer.allocateDirect(pixels.length);
    buffer.put(pixels).flip();
    try {
      api.TessBaseAPISetImage(handle, buffer, w, h, 1, w);
      api.TessBaseAPISetSourceResolution(handle, dpi);
      if (api.TessBaseAPIRecognize(handle, null) != 0) {
        return new Result("", List.of(), OptionalDouble.empty());
      }
      Pointer tsv = api.TessBaseAPIGetTsvText(handle, 0);
      String table;
      try {
        table = tsv == null ? "" : tsv.getString(0, "UTF-8");
      } finally {
        if (tsv != null) {
          api.TessDeleteText(tsv);
        }
      }
      return TsvLayout.parse(table, w, h);
    } finally {
      api.TessBaseAPIClear(handle);
      // wipe the pixel copy (PHI) now rather than whenever the buffer is collected
      buffer.clear();
      for (int i = 0; i < buffer.capacity(); i++) {
        buffer.put(i, (byte) 0);
      }
    }
  }

  private static BufferedImage toGrey(BufferedImage image) {
    if (image.getType() == BufferedImage.TYPE_BYTE_GRAY
        && image.getRaster().getDataBuffer() instanceof DataBufferByte
        && image.getRaster().getSampleModel().getSampleSize(0) == 8
        && ((DataBufferByte) image.getRaster().getDataBuffer()).getData().length
            == image.getWidth() * image.getHeight()) {
      return image;
    }
    BufferedImage grey =
        new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
    var g = grey.createGraphics();
    try {
      g.setColor(java.awt.Color.WHITE);
      g.fillRect(0, 0, image.getWidth(), image.getHeight());
      g.drawImage(image, 0, 0, null);
    } finally {
      g.dispose();
    }
    return grey;
  }

  @Override
  public synchronized void close() {
    if (handle != null) {
      api.TessBaseAPIEnd(handle);
      api.TessBaseAPIDelete(handle);
      handle = null;
    }
  }
}
