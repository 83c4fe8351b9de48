package org.meditwin.notes;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * Reads the text of a document a clinician imports as a visit transcript: plain text ({@code .txt},
 * {@code .md}, {@code .text}; UTF-8, UTF-16 with BOM, or Windows-1252) or a born-digital PDF. Every
 * failure is a {@link TranscriptImportException} whose message says what to do; the file's content
 * is never quoted.
 */
public final class TranscriptDocuments {
  /** Larger files are refused before reading (a transcript is kilobytes, not megabytes). */
  public static final long MAX_BYTES = 20L * 1024 * 1024;

  private TranscriptDocuments() {}

  /** The document's text, line breaks normalised to {@code \n}, stripped. Never empty. */
  public static String read(Path file) {
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    String lower = name.toLowerCase(Locale.ROOT);
    long size;
    try {
      size = Files.size(file);
    } catch (NoSuchFileException e) {
      throw new TranscriptImportException("The file no longer exists.");
    } catch (IOException e) {
      throw new TranscriptImportException("The file cannot be read.");
    }
    if (size > MAX_BYTES) {
      throw new TranscriptImportException(
          "The file is too large for a transcript (more than 20 MB).");
    }
    String text;
    if (lower.endsWith(".pdf")) {
      text = pdf(file);
    } else if (lower.endsWith(".txt") || lower.endsWith(".text") || lower.endsWith(".md")) {
      text = plain(file);
    } else {
      throw new TranscriptImportException(
          "Only text (.txt, .md) and PDF documents can be imported as a transcript.");
    }
    text = text.replace("\r\n", "\n").replace('\r', '\n').strip();
    if (text.isEmpty()) {
      throw new TranscriptImportException(
          lower.endsWith(".pdf")
              ? "The PDF contains no text (a scanned document needs OCR in the Documents pane)."
              : "The file is empty.");
    }
    return text;
  }

  private static String plain(Path file) {
    byte[] data;
    try {
      data = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new TranscriptImportException("The file cannot be read.");
    }
    if (data.length >= 2 && (data[0] & 0xFF) == 0xFF && (data[1] & 0xFF) == 0xFE) {
      return new String(data, 2, data.length - 2, StandardCharsets.UTF_16LE);
    }
    if (data.length >= 2 && (data[0] & 0xFF) == 0xFE && (data[1] & 0xFF) == 0xFF) {
      return new String(data, 2, data.length - 2, StandardCharsets.UTF_16BE);
    }
    int offset =
        data.length >= 3
                && (data[0] & 0xFF) == 0xEF
                && (data[1] & 0xFF) == 0xBB
                && (data[2] & 0xFF) == 0xBF
            ? 3
            : 0;
    for (int i = offset; i < data.length; i++) {
      if (data[i] == 0) {
        throw new TranscriptImportException("The file is not a text document.");
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(data, offset, data.length - offset))
          .toString();
    } catch (CharacterCodingException e) {
      // Not UTF-8: older Windows editors write Windows-1252.
      return new String(data, java.nio.charset.Charset.forName("windows-1252"));
    }
  }

  private static String pdf(Path file) {
    try (PDDocument doc = Loader.loadPDF(file.toFile())) {
      if (!doc.getCurrentAccessPermission().canExtractContent()) {
        throw new TranscriptImportException("The PDF does not allow its text to be copied.");
      }
      return new PDFTextStripper().getText(doc);
    } catch (InvalidPasswordException e) {
      throw new TranscriptImportException("The PDF is password-protected.");
    } catch (IOException e) {
      throw new TranscriptImportException("The PDF is damaged or not a PDF.");
    }
  }
}
