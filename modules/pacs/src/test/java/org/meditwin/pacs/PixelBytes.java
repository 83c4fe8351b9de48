package org.meditwin.pacs;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.TagFromName;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.meditwin.pacs.dimse.Part10;

/** Test helpers over raw Part 10 bytes: the top-level Pixel Data value, header fields. */
final class PixelBytes {
  private PixelBytes() {}

  /**
   * The value of the top-level Pixel Data element (7FE0,0010), native or encapsulated, found from
   * the end of the data set (trailing padding and private elements may follow it).
   */
  static byte[] of(byte[] part10) {
    Part10.Meta meta = Part10.parse(part10);
    byte[] ds = Part10.dataSet(part10, meta);
    boolean big = meta.transferSyntaxUid().equals("1.2.840.10008.1.2.2");
    boolean implicit = meta.transferSyntaxUid().equals("1.2.840.10008.1.2");
    byte[] tag =
        big
            ? new byte[] {0x7f, (byte) 0xe0, 0x00, 0x10}
            : new byte[] {(byte) 0xe0, 0x7f, 0x10, 0x00};
    for (int i = ds.length - 8; i >= 0; i--) {
      if (ds[i] != tag[0] || ds[i + 1] != tag[1] || ds[i + 2] != tag[2] || ds[i + 3] != tag[3]) {
        continue;
      }
      ByteBuffer b =
          ByteBuffer.wrap(ds).order(big ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
      int p = i + 4;
      long len;
      if (implicit) {
        len = Integer.toUnsignedLong(b.getInt(p));
        p += 4;
      } else {
        String vr = new String(ds, p, 2, java.nio.charset.StandardCharsets.US_ASCII);
        if (!vr.equals("OB") && !vr.equals("OW")) {
          continue;
        }
        len = Integer.toUnsignedLong(b.getInt(p + 4));
        p += 8;
      }
      if (len == 0xFFFFFFFFL) {
        return Arrays.copyOfRange(ds, p, ds.length);
      }
      if (p + len <= ds.length) {
        return Arrays.copyOfRange(ds, p, (int) (p + len));
      }
    }
    return new byte[0];
  }

  static String studyUid(byte[] part10) {
    try {
      AttributeList l = new AttributeList();
      l.read(new DicomInputStream(new ByteArrayInputStream(part10)), TagFromName.PixelData);
      return Attribute.getSingleStringValueOrEmptyString(l, TagFromName.StudyInstanceUID);
    } catch (Exception e) {
      throw new AssertionError("cannot read the header: " + e, e);
    }
  }
}
