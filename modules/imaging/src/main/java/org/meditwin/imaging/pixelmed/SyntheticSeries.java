package org.meditwin.imaging.pixelmed;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DecimalStringAttribute;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.IntegerStringAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.dicom.UniqueIdentifierAttribute;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.meditwin.imaging.DicomReadException;
import org.meditwin.imaging.DicomReadException.Reason;

/**
 * Builds a test series by replicating one real slice with fresh study/series/SOP instance UIDs,
 * instance numbers and positions 1 mm apart (benchmarks and tests; written as Explicit VR Little
 * Endian).
 */
public final class SyntheticSeries {
  private SyntheticSeries() {}

  public static List<Path> write(Path template, Path folder, int slices) {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(template))) {
      AttributeList list = new AttributeList();
      list.read(new DicomInputStream(in));
      Files.createDirectories(folder);
      String study = uid();
      String series = uid();
      list.remove(TagFromName.DataSetTrailingPadding);
      put(list, new UniqueIdentifierAttribute(TagFromName.StudyInstanceUID), study);
      put(list, new UniqueIdentifierAttribute(TagFromName.SeriesInstanceUID), series);
      put(
          list,
          new DecimalStringAttribute(TagFromName.ImageOrientationPatient),
          "1",
          "0",
          "0",
          "0",
          "1",
          "0");
      List<Path> files = new ArrayList<>();
      for (int i = 0; i < slices; i++) {
        String sop = uid();
        put(list, new UniqueIdentifierAttribute(TagFromName.SOPInstanceUID), sop);
        put(list, new IntegerStringAttribute(TagFromName.InstanceNumber), Integer.toString(i + 1));
        put(
            list,
            new DecimalStringAttribute(TagFromName.ImagePositionPatient),
            "0",
            "0",
            Integer.toString(i));
        put(list, new DecimalStringAttribute(TagFromName.SliceLocation), Integer.toString(i));
        list.removeGroupLengthAttributes();
        list.removeMetaInformationHeaderAttributes();
        FileMetaInformation.addFileMetaInformation(
            list, TransferSyntax.ExplicitVRLittleEndian, "MEDITWIN");
        Path file = folder.resolve(String.format("slice%04d.dcm", i + 1));
        list.write(file.toFile(), TransferSyntax.ExplicitVRLittleEndian, true, true);
        files.add(file);
      }
      return files;
    } catch (IOException | DicomException e) {
      throw new DicomReadException(
          Reason.IO, "cannot build the test series: " + PixelMedReader.safe(e), e);
    }
  }

  private static void put(AttributeList list, com.pixelmed.dicom.Attribute a, String... values)
      throws DicomException {
    for (String v : values) {
      a.addValue(v);
    }
    list.put(a);
  }

  /** A UID under the UUID-derived root 2.25 (PS3.5 B.2). */
  public static String uid() {
    UUID u = UUID.randomUUID();
    BigInteger value =
        new BigInteger(
            1,
            java.nio.ByteBuffer.allocate(16)
                .putLong(u.getMostSignificantBits())
                .putLong(u.getLeastSignificantBits())
                .array());
    return "2.25." + value;
  }
}
