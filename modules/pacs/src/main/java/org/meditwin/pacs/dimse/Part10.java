package org.meditwin.pacs.dimse;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.meditwin.pacs.PacsException;

/**
 * DICOM Part 10 framing (PS3.10 §7): reading the file meta information to find the data set, and
 * wrapping a data set received over the network with fresh meta information. The data set bytes are
 * never re-encoded, so what the PACS sent is what the archive keeps.
 */
public final class Part10 {
  private Part10() {}

  /** What the file meta information says, and where the data set starts. */
  public record Meta(
      String sopClassUid, String sopInstanceUid, String transferSyntaxUid, int dataSetOffset) {}

  private static final Set<String> LONG_VRS =
      Set.of("OB", "OW", "OF", "OD", "OL", "OV", "SQ", "UT", "UN", "UC", "UR", "SV", "UV");

  /** Parses the meta information of a complete Part 10 object. */
  public static Meta parse(byte[] file) {
    if (file.length < 132
        || file[128] != 'D'
        || file[129] != 'I'
        || file[130] != 'C'
        || file[131] != 'M') {
      throw bad("is not a DICOM Part 10 file (no preamble and DICM prefix)");
    }
    ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    b.position(132);
    String sopClass = "";
    String sopInstance = "";
    String ts = "";
    while (b.remaining() >= 8) {
      int start = b.position();
      int group = Short.toUnsignedInt(b.getShort());
      int element = Short.toUnsignedInt(b.getShort());
      if (group != 0x0002) {
        b.position(start);
        break;
      }
      String vr = new String(new byte[] {b.get(), b.get()}, StandardCharsets.US_ASCII);
      long len;
      if (LONG_VRS.contains(vr)) {
        b.getShort();
        if (b.remaining() < 4) {
          throw bad("has truncated file meta information");
        }
        len = Integer.toUnsignedLong(b.getInt());
      } else {
        len = Short.toUnsignedInt(b.getShort());
      }
      if (len > b.remaining()) {
        throw bad("has truncated file meta information");
      }
      byte[] v = new byte[(int) len];
      b.get(v);
      switch (element) {
        case 0x0002 -> sopClass = uid(v);
        case 0x0003 -> sopInstance = uid(v);
        case 0x0010 -> ts = uid(v);
        default -> {}
      }
    }
    if (sopClass.isEmpty() || sopInstance.isEmpty() || ts.isEmpty()) {
      throw bad("lacks the SOP class, SOP instance or transfer syntax in its meta information");
    }
    return new Meta(sopClass, sopInstance, ts, b.position());
  }

  /** The data set of a Part 10 object. */
  public static byte[] dataSet(byte[] file, Meta meta) {
    return java.util.Arrays.copyOfRange(file, meta.dataSetOffset(), file.length);
  }

  /** A Part 10 object: 128-byte preamble, DICM, meta information, then {@code dataSet} as is. */
  public static byte[] wrap(
      String sopClass, String sopInstance, String transferSyntax, byte[] dataSet) {
    ByteArrayOutputStream meta = new ByteArrayOutputStream();
    element(meta, 0x0001, "OB", new byte[] {0, 1});
    element(meta, 0x0002, "UI", uidBytes(sopClass));
    element(meta, 0x0003, "UI", uidBytes(sopInstance));
    element(meta, 0x0010, "UI", uidBytes(transferSyntax));
    element(meta, 0x0012, "UI", uidBytes(Uids.IMPLEMENTATION_CLASS));
    element(meta, 0x0013, "SH", padded(Uids.IMPLEMENTATION_VERSION, (byte) ' '));
    ByteArrayOutputStream out = new ByteArrayOutputStream(dataSet.length + 256);
    out.writeBytes(new byte[128]);
    out.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
    element(
        out,
        0x0000,
        "UL",
        ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(meta.size()).array());
    out.writeBytes(meta.toByteArray());
    out.writeBytes(dataSet);
    return out.toByteArray();
  }

  private static void element(ByteArrayOutputStream out, int element, String vr, byte[] value) {
    boolean longForm = LONG_VRS.contains(vr);
    ByteBuffer b = ByteBuffer.allocate(longForm ? 12 : 8).order(ByteOrder.LITTLE_ENDIAN);
    b.putShort((short) 2).putShort((short) element).put(vr.getBytes(StandardCharsets.US_ASCII));
    if (longForm) {
      b.putShort((short) 0).putInt(value.length);
    } else {
      b.putShort((short) value.length);
    }
    out.writeBytes(b.array());
    out.writeBytes(value);
  }

  private static byte[] uidBytes(String uid) {
    return padded(uid, (byte) 0);
  }

  private static byte[] padded(String s, byte pad) {
    byte[] a = s.getBytes(StandardCharsets.US_ASCII);
    if (a.length % 2 == 0) {
      return a;
    }
    byte[] p = java.util.Arrays.copyOf(a, a.length + 1);
    p[a.length] = pad;
    return p;
  }

  private static String uid(byte[] v) {
    int end = v.length;
    while (end > 0 && (v[end - 1] == 0 || v[end - 1] == ' ')) {
      end--;
    }
    return new String(v, 0, end, StandardCharsets.US_ASCII).strip();
  }

  private static PacsException bad(String what) {
    return new PacsException(PacsException.Reason.BAD_INPUT, "The object " + what + ".");
  }
}
