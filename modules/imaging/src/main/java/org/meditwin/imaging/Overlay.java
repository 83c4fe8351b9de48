package org.meditwin.imaging;

/**
 * One overlay plane (60xx group) stored in Overlay Data (60xx,3000).
 *
 * @param group the repeating group, 0x6000..0x601E
 * @param rows overlay rows
 * @param columns overlay columns
 * @param originRow 1-based row of the overlay's first pixel in the image
 * @param originColumn 1-based column
 * @param frames frames in the overlay (1 for a single plane over all frames)
 * @param firstFrame 1-based image frame the overlay's first frame belongs to
 * @param bits the bits, row by row, least significant bit first (PS3.5 8.1.2)
 */
public record Overlay(
    int group,
    int rows,
    int columns,
    int originRow,
    int originColumn,
    int frames,
    int firstFrame,
    byte[] bits) {
  public Overlay {
    bits = bits.clone();
  }

  /** True if the overlay sets pixel (x, y) of image frame {@code frame} (0-based). */
  public boolean isSet(int frame, int x, int y) {
    int overlayFrame = frames <= 1 ? 0 : frame - (firstFrame - 1);
    if (overlayFrame < 0 || overlayFrame >= Math.max(1, frames)) {
      return false;
    }
    int ox = x - (originColumn - 1);
    int oy = y - (originRow - 1);
    if (ox < 0 || oy < 0 || ox >= columns || oy >= rows) {
      return false;
    }
    long bit = (long) overlayFrame * rows * columns + (long) oy * columns + ox;
    long index = bit >>> 3;
    return index < bits.length && (bits[(int) index] & (1 << (bit & 7))) != 0;
  }

  @Override
  public byte[] bits() {
    return bits.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Overlay v
        && v.group == group
        && v.rows == rows
        && v.columns == columns
        && v.originRow == originRow
        && v.originColumn == originColumn
        && v.frames == frames
        && v.firstFrame == firstFrame
        && java.util.Arrays.equals(v.bits, bits);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(group, rows, columns, originRow, originColumn);
  }

  @Override
  public String toString() {
    return "Overlay[group=" + Integer.toHexString(group) + ", " + rows + "x" + columns + "]";
  }
}
