package org.meditwin.documents;

/**
 * Bounds that keep one hostile or accidental file from exhausting the workstation.
 *
 * @param maxBytes largest accepted file
 * @param maxPages most pages (PDF pages or TIFF frames) per document
 * @param maxImagePixels largest decoded image (width × height) for images and rendered pages
 */
public record IngestionLimits(long maxBytes, int maxPages, long maxImagePixels) {
  public IngestionLimits {
    if (maxBytes <= 0 || maxPages <= 0 || maxImagePixels <= 0) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }

  /** 100 MiB, 1,000 pages, 150 megapixels. */
  public static IngestionLimits standard() {
    return new IngestionLimits(100L * 1024 * 1024, 1000, 150_000_000L);
  }

  public IngestionLimits withMaxBytes(long bytes) {
    return new IngestionLimits(bytes, maxPages, maxImagePixels);
  }
}
