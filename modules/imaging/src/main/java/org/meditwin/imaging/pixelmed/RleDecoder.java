package org.meditwin.imaging.pixelmed;

import org.meditwin.imaging.DicomReadException;
import org.meditwin.imaging.DicomReadException.Reason;
import org.meditwin.imaging.Frame;
import org.meditwin.imaging.ImageDescription;

/**
 * DICOM RLE Lossless (PS3.5 Annex G) for the layouts PixelMed refuses (16-bit colour, 32-bit): a
 * header of segment offsets, one PackBits segment per byte plane, most significant byte first.
 */
final class RleDecoder {
  private RleDecoder() {}

  static Frame decode(ImageDescription image, byte[] data) {
    if (data.length < 64) {
      throw new DicomReadException(Reason.CORRUPT, "RLE frame is shorter than its header");
    }
    int segments = u32(data, 0);
    int bytesPerSample = image.bitsAllocated() / 8;
    int spp = image.samplesPerPixel();
    if (segments != bytesPerSample * spp || segments > 15) {
      throw new DicomReadException(
          Reason.CORRUPT,
          "RLE frame has " + segments + " segments, expected " + bytesPerSample * spp);
    }
    int pixels = image.rows() * image.columns();
    int[] out = new int[pixels * spp];
    for (int s = 0; s < segments; s++) {
      int start = u32(data, 4 + 4 * s);
      int end = s + 1 < segments ? u32(data, 8 + 4 * s) : data.length;
      if (start < 64 || start > data.length || end < start || end > data.length) {
        throw new DicomReadException(Reason.CORRUPT, "RLE segment offset outside the frame");
      }
      byte[] plane = unpack(data, start, end, pixels);
      int sample = s / bytesPerSample;
      int shift = 8 * (bytesPerSample - 1 - s % bytesPerSample);
      for (int i = 0; i < pixels; i++) {
        out[i * spp + sample] |= (plane[i] & 0xFF) << shift;
      }
    }
    if (spp == 1) {
      NativePixels.normalise(out, image);
    } else if (image.bitsStored() < 32) {
      int mask = (int) ((1L << image.bitsStored()) - 1);
      for (int i = 0; i < out.length; i++) {
        out[i] &= mask;
      }
    }
    return new Frame(image.columns(), image.rows(), spp, image.photometric(), out);
  }

  /** PackBits: n in 0..127 copies n+1 bytes, n in -127..-1 repeats the next byte 1-n times. */
  private static byte[] unpack(byte[] data, int start, int end, int length) {
    byte[] out = new byte[length];
    int o = 0;
    int i = start;
    while (o < length && i < end) {
      int n = data[i++];
      if (n >= 0) {
        int count = Math.min(n + 1, Math.min(length - o, end - i));
        System.arraycopy(data, i, out, o, count);
        i += n + 1;
        o += count;
      } else if (n != -128) {
        if (i >= end) {
          break;
        }
        int count = Math.min(1 - n, length - o);
        java.util.Arrays.fill(out, o, o + count, data[i++]);
        o += count;
      }
    }
    if (o < length) {
      throw new DicomReadException(Reason.CORRUPT, "RLE segment decodes to too few bytes");
    }
    return out;
  }

  private static int u32(byte[] b, int p) {
    return (b[p] & 0xFF)
        | (b[p + 1] & 0xFF) << 8
        | (b[p + 2] & 0xFF) << 16
        | (b[p + 3] & 0xFF) << 24;
  }
}
