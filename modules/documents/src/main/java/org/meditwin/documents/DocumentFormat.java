package org.meditwin.documents;

import java.util.Optional;

/**
 * The file formats the ingestion accepts, recognised by their magic bytes (never by the file name,
 * which may lie or be missing).
 */
public enum DocumentFormat {
  PDF("application/pdf"),
  PNG("image/png"),
  JPEG("image/jpeg"),
  TIFF("image/tiff");

  /** How many leading bytes {@link #detect} looks at (a PDF header may follow some junk). */
  public static final int SNIFF_BYTES = 1024;

  private final String mediaType;

  DocumentFormat(String mediaType) {
    this.mediaType = mediaType;
  }

  public String mediaType() {
    return mediaType;
  }

  /** True for the raster formats that always go through OCR. */
  public boolean isImage() {
    return this != PDF;
  }

  /**
   * The format of a file from its first bytes ({@link #SNIFF_BYTES} are enough): {@code %PDF-}
   * within the first kilobyte (as PDF readers accept), the PNG signature, JPEG SOI + marker, TIFF
   * {@code II*\0} or {@code MM\0*}. Empty when none matches.
   */
  public static Optional<DocumentFormat> detect(byte[] head) {
    if (head == null || head.length < 4) {
      return Optional.empty();
    }
    if (startsWith(head, 0, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'})) {
      return Optional.of(PNG);
    }
    if ((head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8 && (head[2] & 0xFF) == 0xFF) {
      return Optional.of(JPEG);
    }
    if (startsWith(head, 0, new byte[] {'I', 'I', 42, 0})
        || startsWith(head, 0, new byte[] {'M', 'M', 0, 42})) {
      return Optional.of(TIFF);
    }
    byte[] pdf = {'%', 'P', 'D', 'F', '-'};
    int limit = Math.min(head.length, SNIFF_BYTES) - pdf.length;
    for (int i = 0; i <= limit; i++) {
      if (startsWith(head, i, pdf)) {
        return Optional.of(PDF);
      }
    }
    return Optional.empty();
  }

  private static boolean startsWith(byte[] data, int offset, byte[] prefix) {
    if (data.length - offset < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (data[offset + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
