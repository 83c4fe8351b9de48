package org.meditwin.imaging.pixelmed;

import java.io.IOException;
import java.io.InputStream;
import org.meditwin.imaging.DicomSource;

/** Tells a truncated Pixel Data element from an absent one (PixelMed drops a cut-off element). */
final class PixelDataTag {
  private static final byte[] LITTLE = {(byte) 0xE0, 0x7F, 0x10, 0x00};
  private static final byte[] BIG = {0x7F, (byte) 0xE0, 0x00, 0x10};

  private PixelDataTag() {}

  static boolean presentIn(DicomSource source) {
    try (InputStream in = source.open()) {
      byte[] buffer = new byte[1 << 16];
      int carry = 0;
      int n;
      while ((n = in.read(buffer, carry, buffer.length - carry)) > 0) {
        int end = carry + n;
        for (int i = 0; i + 4 <= end; i++) {
          if (matches(buffer, i, LITTLE) || matches(buffer, i, BIG)) {
            return true;
          }
        }
        carry = Math.min(3, end);
        System.arraycopy(buffer, end - carry, buffer, 0, carry);
      }
      return false;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean matches(byte[] b, int at, byte[] pattern) {
    for (int i = 0; i < pattern.length; i++) {
      if (b[at + i] != pattern[i]) {
        return false;
      }
    }
    return true;
  }
}
