package org.meditwin.imaging;

/**
 * Bounds on what a reader accepts, so that a hostile or broken file cannot exhaust memory.
 *
 * @param maxFileBytes largest object (file or archive entry) read
 * @param maxPixelBytes largest rows × columns × frames × samples × 4 (decoded) per object
 * @param maxArchiveEntries most entries read from one zip archive
 * @param maxArchiveBytes most uncompressed bytes read from one zip archive
 */
public record ReadLimits(
    long maxFileBytes, long maxPixelBytes, int maxArchiveEntries, long maxArchiveBytes) {

  /** 1 GiB files, 2 GiB decoded pixels, 100 000 entries / 8 GiB per archive. */
  public static ReadLimits standard() {
    return new ReadLimits(1L << 30, 2L << 30, 100_000, 8L << 30);
  }
}
