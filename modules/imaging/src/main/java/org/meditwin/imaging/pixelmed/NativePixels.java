package org.meditwin.imaging.pixelmed;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.ValueRepresentation;
import org.meditwin.imaging.DicomReadException;
import org.meditwin.imaging.DicomReadException.Reason;
import org.meditwin.imaging.Frame;
import org.meditwin.imaging.ImageDescription;

/** Unpacks one frame of native (uncompressed) pixel data into stored values. */
final class NativePixels {
  private NativePixels() {}

  static Frame frame(ImageDescription image, Attribute pixels, int index) throws DicomException {
    return frame(image, pixels, index, false);
  }

  static Frame frame(ImageDescription image, Attribute pixels, int index, boolean bigEndian)
      throws DicomException {
    int w = image.columns();
    int h = image.rows();
    int spp = image.samplesPerPixel();
    int ba = image.bitsAllocated();
    int n = Math.multiplyExact(Math.multiplyExact(w, h), spp);
    int[] out = new int[n];
    String vr = ValueRepresentation.getAsString(pixels.getVR());
    boolean words = "OW".equals(vr);
    long start = (long) index * n;
    if (spp == 3 && ba == 8 && image.photometric().endsWith("_422")) {
      return subsampled422(image, pixels, index, words);
    }
    switch (ba) {
      case 1 -> {
        byte[] b = Headers.bytesLittleEndian(pixels);
        need((start + n + 7) / 8, b.length);
        for (int i = 0; i < n; i++) {
          long bit = start + i;
          out[i] = (b[(int) (bit >>> 3)] >>> (bit & 7)) & 1;
        }
      }
      case 8 -> {
        byte[] b = words ? Headers.bytesLittleEndian(pixels) : pixels.getByteValues();
        need(start + n, b.length);
        int s = (int) start;
        for (int i = 0; i < n; i++) {
          out[i] = b[s + i] & 0xFF;
        }
      }
      case 16 -> {
        if (words) {
          short[] s = pixels.getShortValues();
          need(start + n, s.length);
          int o = (int) start;
          for (int i = 0; i < n; i++) {
            out[i] = s[o + i] & 0xFFFF;
          }
        } else {
          byte[] b = pixels.getByteValues();
          need(2 * (start + n), b.length);
          int o = (int) (2 * start);
          for (int i = 0; i < n; i++) {
            int lo = b[o + 2 * i] & 0xFF;
            int hi = b[o + 2 * i + 1] & 0xFF;
            out[i] = bigEndian ? (lo << 8 | hi) : (hi << 8 | lo);
          }
        }
      }
      case 32 -> {
        if (words) {
          short[] s = pixels.getShortValues();
          need(2 * (start + n), s.length);
          int o = (int) (2 * start);
          for (int i = 0; i < n; i++) {
            int a = s[o + 2 * i] & 0xFFFF;
            int c = s[o + 2 * i + 1] & 0xFFFF;
            out[i] = bigEndian ? (a << 16 | c) : (c << 16 | a);
          }
        } else {
          byte[] b = pixels.getByteValues();
          need(4 * (start + n), b.length);
          int o = (int) (4 * start);
          for (int i = 0; i < n; i++) {
            int p = o + 4 * i;
            int v0 = b[p] & 0xFF;
            int v1 = b[p + 1] & 0xFF;
            int v2 = b[p + 2] & 0xFF;
            int v3 = b[p + 3] & 0xFF;
            out[i] =
                bigEndian
                    ? (v0 << 24 | v1 << 16 | v2 << 8 | v3)
                    : (v3 << 24 | v2 << 16 | v1 << 8 | v0);
          }
        }
      }
      default ->
          throw new DicomReadException(
              Reason.UNSUPPORTED_TRANSFER_SYNTAX, "Bits Allocated " + ba + " is not supported");
    }
    if (spp == 3 && image.planarConfiguration() == 1) {
      out = interleave(out, w * h);
    }
    if (spp == 1) {
      normalise(out, image);
    } else if (ba > 8) {
      int mask = (int) ((1L << image.bitsStored()) - 1);
      for (int i = 0; i < out.length; i++) {
        out[i] &= mask;
      }
    }
    return new Frame(w, h, spp, image.photometric(), out);
  }

  /**
   * Native YBR_FULL_422: two bytes per pixel (Y1 Y2 Cb Cr for each pair of pixels, PS3.3
   * C.7.6.3.1.2); expanded to full YBR_FULL samples.
   */
  private static Frame subsampled422(
      ImageDescription image, Attribute pixels, int index, boolean words) throws DicomException {
    int w = image.columns();
    int h = image.rows();
    byte[] b = words ? Headers.bytesLittleEndian(pixels) : pixels.getByteValues();
    long frameBytes = 2L * w * h;
    long start = index * frameBytes;
    need(start + frameBytes, b.length);
    int[] out = new int[w * h * 3];
    int p = (int) start;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x += 2) {
        int y1 = b[p] & 0xFF;
        int y2 = x + 1 < w ? b[p + 1] & 0xFF : y1;
        int cb = b[p + 2] & 0xFF;
        int cr = b[p + 3] & 0xFF;
        p += 4;
        int o = (y * w + x) * 3;
        out[o] = y1;
        out[o + 1] = cb;
        out[o + 2] = cr;
        if (x + 1 < w) {
          out[o + 3] = y2;
          out[o + 4] = cb;
          out[o + 5] = cr;
        }
      }
    }
    return new Frame(w, h, 3, image.photometric(), out);
  }

  /** Keeps Bits Stored bits below High Bit and sign-extends signed pixels. */
  static void normalise(int[] values, ImageDescription image) {
    int bitsStored = image.bitsStored();
    int shift = image.highBit() + 1 - bitsStored;
    if (bitsStored >= 32) {
      return;
    }
    int mask = (int) ((1L << bitsStored) - 1);
    boolean signed = image.signed();
    int signBit = 1 << (bitsStored - 1);
    for (int i = 0; i < values.length; i++) {
      int v = (values[i] >>> shift) & mask;
      if (signed && (v & signBit) != 0) {
        v |= ~mask;
      }
      values[i] = v;
    }
  }

  private static int[] interleave(int[] planar, int pixels) {
    int[] out = new int[planar.length];
    for (int i = 0; i < pixels; i++) {
      out[3 * i] = planar[i];
      out[3 * i + 1] = planar[pixels + i];
      out[3 * i + 2] = planar[2 * pixels + i];
    }
    return out;
  }

  private static void need(long needed, long available) {
    if (needed > available) {
      throw new DicomReadException(
          Reason.CORRUPT,
          "pixel data is shorter than rows × columns × frames × samples say ("
              + available
              + " < "
              + needed
              + ")");
    }
  }
}
