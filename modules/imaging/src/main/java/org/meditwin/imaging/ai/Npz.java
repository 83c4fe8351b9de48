package org.meditwin.imaging.ai;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Reads NumPy {@code .npz} archives (uncompressed or deflated {@code .npy} members). */
final class Npz {
  private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']+)'");
  private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order':\\s*(True|False)");
  private static final long MAX_BYTES = 1L << 30;

  private Npz() {}

  /** One array: dtype (e.g. {@code |u1}, {@code <i8}, {@code <f4}), shape, raw C-order bytes. */
  record Array(String dtype, int[] shape, byte[] data) {
    int count() {
      int n = 1;
      for (int s : shape) {
        n *= s;
      }
      return n;
    }

    /** Values as doubles whatever the dtype. */
    double[] values() {
      int n = count();
      double[] out = new double[n];
      ByteBuffer b =
          ByteBuffer.wrap(data)
              .order(dtype.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
      String kind = dtype.substring(1);
      for (int i = 0; i < n; i++) {
        out[i] =
            switch (kind) {
              case "u1" -> data[i] & 0xFF;
              case "i1" -> data[i];
              case "i2" -> b.getShort(2 * i);
              case "u2" -> b.getShort(2 * i) & 0xFFFF;
              case "i4" -> b.getInt(4 * i);
              case "i8" -> b.getLong(8 * i);
              case "f4" -> b.getFloat(4 * i);
              case "f8" -> b.getDouble(8 * i);
              default -> throw new IllegalArgumentException("unsupported npy dtype " + dtype);
            };
      }
      return out;
    }
  }

  static Map<String, Array> read(Path file) throws IOException {
    Map<String, Array> arrays = new HashMap<>();
    try (ZipFile zip = new ZipFile(file.toFile())) {
      var entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry e = entries.nextElement();
        if (!e.getName().endsWith(".npy")) {
          continue;
        }
        if (e.getSize() > MAX_BYTES) {
          throw new IOException("npy member too large");
        }
        try (InputStream in = zip.getInputStream(e)) {
          arrays.put(e.getName().substring(0, e.getName().length() - 4), npy(in));
        }
      }
    }
    return arrays;
  }

  static Array npy(InputStream in) throws IOException {
    byte[] magic = in.readNBytes(8);
    if (magic.length < 8 || magic[0] != (byte) 0x93 || magic[1] != 'N' || magic[2] != 'U') {
      throw new IOException("not a .npy member");
    }
    int major = magic[6];
    int headerLength;
    if (major == 1) {
      byte[] l = in.readNBytes(2);
      headerLength = (l[0] & 0xFF) | (l[1] & 0xFF) << 8;
    } else {
      byte[] l = in.readNBytes(4);
      headerLength = ByteBuffer.wrap(l).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }
    String header = new String(in.readNBytes(headerLength), StandardCharsets.ISO_8859_1);
    Matcher d = DESCR.matcher(header);
    Matcher s = SHAPE.matcher(header);
    Matcher f = FORTRAN.matcher(header);
    if (!d.find() || !s.find() || !f.find() || f.group(1).equals("True")) {
      throw new IOException("unsupported npy header");
    }
    String[] dims = s.group(1).split(",");
    int[] shape =
        java.util.Arrays.stream(dims)
            .map(String::strip)
            .filter(x -> !x.isEmpty())
            .mapToInt(Integer::parseInt)
            .toArray();
    String dtype = d.group(1);
    int itemSize = Integer.parseInt(dtype.substring(2));
    long count = 1;
    for (int x : shape) {
      count *= x;
    }
    long bytes = count * itemSize;
    if (bytes > MAX_BYTES) {
      throw new IOException("npy array too large");
    }
    byte[] data = in.readNBytes((int) bytes);
    if (data.length != bytes) {
      throw new IOException("npy member is truncated");
    }
    return new Array(dtype, shape, data);
  }
}
