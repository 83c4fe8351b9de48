package org.meditwin.imaging.pixelmed;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SOPClassDescriptions;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.SequenceItem;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.meditwin.imaging.DicomInfo;
import org.meditwin.imaging.ImageDescription;
import org.meditwin.imaging.LookupTable;
import org.meditwin.imaging.Overlay;
import org.meditwin.imaging.VoiFunction;
import org.meditwin.imaging.Window;

/** Turns a PixelMed attribute list into our records. */
final class Headers {
  private Headers() {}

  static String string(AttributeList list, AttributeTag tag) {
    return Attribute.getSingleStringValueOrEmptyString(list, tag).strip();
  }

  static int integer(AttributeList list, AttributeTag tag, int fallback) {
    Attribute a = list.get(tag);
    if (a == null || a.getVM() == 0) {
      return fallback;
    }
    try {
      int[] values = a.getIntegerValues();
      return values.length == 0 ? fallback : values[0];
    } catch (DicomException | RuntimeException e) {
      String s = string(list, tag);
      try {
        return s.isEmpty() ? fallback : (int) Double.parseDouble(s);
      } catch (NumberFormatException n) {
        return fallback;
      }
    }
  }

  static double decimal(AttributeList list, AttributeTag tag, double fallback) {
    double[] values = decimals(list, tag);
    return values.length == 0 || !Double.isFinite(values[0]) ? fallback : values[0];
  }

  static double[] decimals(AttributeList list, AttributeTag tag) {
    Attribute a = list.get(tag);
    if (a == null || a.getVM() == 0) {
      return new double[0];
    }
    try {
      String[] s = a.getStringValues();
      double[] d = new double[s.length];
      for (int i = 0; i < s.length; i++) {
        d[i] = Double.parseDouble(s[i].strip());
      }
      return d;
    } catch (DicomException | RuntimeException e) {
      try {
        return a.getDoubleValues();
      } catch (DicomException | RuntimeException e2) {
        return new double[0];
      }
    }
  }

  static String transferSyntax(AttributeList list, String fallback) {
    String ts = string(list, TagFromName.TransferSyntaxUID);
    return ts.isEmpty() ? fallback : ts;
  }

  static String transferSyntaxName(String uid) {
    TransferSyntax ts = new TransferSyntax(uid);
    return ts.isRecognized() ? ts.getDescription() : "";
  }

  static DicomInfo info(AttributeList list, String transferSyntax, boolean pixelDataExpected)
      throws DicomException {
    String sopClass = string(list, TagFromName.SOPClassUID);
    if (sopClass.isEmpty()) {
      sopClass = string(list, TagFromName.MediaStorageSOPClassUID);
    }
    String sopClassName =
        sopClass.isEmpty() ? "" : SOPClassDescriptions.getDescriptionFromUID(sopClass);
    String sop = string(list, TagFromName.SOPInstanceUID);
    if (sop.isEmpty()) {
      sop = string(list, TagFromName.MediaStorageSOPInstanceUID);
    }
    double[] position = decimals(list, TagFromName.ImagePositionPatient);
    double[] orientation = decimals(list, TagFromName.ImageOrientationPatient);
    return new DicomInfo(
        transferSyntax,
        transferSyntaxName(transferSyntax),
        sopClass,
        sopClassName == null ? "" : sopClassName,
        sop,
        string(list, TagFromName.Modality),
        Attribute.getSingleStringValueOrEmptyString(list, TagFromName.PatientName).strip(),
        string(list, TagFromName.PatientID),
        string(list, TagFromName.PatientBirthDate),
        string(list, TagFromName.PatientSex),
        string(list, TagFromName.StudyInstanceUID),
        string(list, TagFromName.StudyDate),
        string(list, TagFromName.StudyTime),
        string(list, TagFromName.StudyDescription),
        string(list, TagFromName.AccessionNumber),
        string(list, TagFromName.SeriesInstanceUID),
        integer(list, TagFromName.SeriesNumber, 0),
        string(list, TagFromName.SeriesDescription),
        integer(list, TagFromName.InstanceNumber, 0),
        string(list, TagFromName.BodyPartExamined),
        string(list, TagFromName.Manufacturer),
        position.length >= 3 ? Optional.of(position) : Optional.empty(),
        orientation.length >= 6 ? Optional.of(orientation) : Optional.empty(),
        decimal(list, TagFromName.SliceThickness, 0),
        pixelDataExpected ? image(list) : Optional.empty());
  }

  /** The image description, or empty when the header has no usable Image Pixel module. */
  static Optional<ImageDescription> image(AttributeList list) throws DicomException {
    int rows = integer(list, TagFromName.Rows, 0);
    int columns = integer(list, TagFromName.Columns, 0);
    int bitsAllocated = integer(list, TagFromName.BitsAllocated, 0);
    if (rows <= 0 || columns <= 0 || bitsAllocated <= 0) {
      return Optional.empty();
    }
    int rowsU = rows & 0xFFFF;
    int columnsU = columns & 0xFFFF;
    int frames = Math.max(1, integer(list, TagFromName.NumberOfFrames, 1));
    int samples = Math.max(1, integer(list, TagFromName.SamplesPerPixel, 1));
    int bitsStored = integer(list, TagFromName.BitsStored, bitsAllocated);
    if (bitsStored <= 0 || bitsStored > bitsAllocated) {
      bitsStored = bitsAllocated;
    }
    int highBit = integer(list, TagFromName.HighBit, bitsStored - 1);
    if (highBit < bitsStored - 1 || highBit >= bitsAllocated) {
      highBit = bitsStored - 1;
    }
    boolean signed = integer(list, TagFromName.PixelRepresentation, 0) == 1;
    String photometric = string(list, TagFromName.PhotometricInterpretation);
    if (photometric.isEmpty()) {
      photometric = samples == 3 ? "RGB" : "MONOCHROME2";
    }
    double slope = decimal(list, TagFromName.RescaleSlope, 1);
    double intercept = decimal(list, TagFromName.RescaleIntercept, 0);
    if (slope == 0) {
      slope = 1;
    }
    List<Window> windows = windows(list);
    List<LookupTable> voiLuts = new ArrayList<>();
    for (AttributeList item : items(list, TagFromName.VOILUTSequence)) {
      lut(item, TagFromName.LUTDescriptor, TagFromName.LUTData).ifPresent(voiLuts::add);
    }
    Optional<LookupTable> modalityLut = Optional.empty();
    for (AttributeList item : items(list, new AttributeTag(0x0028, 0x3000))) {
      modalityLut = lut(item, TagFromName.LUTDescriptor, TagFromName.LUTData);
    }
    Optional<ImageDescription.Palette> palette = Optional.empty();
    if ("PALETTE COLOR".equals(photometric)) {
      Optional<LookupTable> r =
          lut(
              list,
              TagFromName.RedPaletteColorLookupTableDescriptor,
              TagFromName.RedPaletteColorLookupTableData);
      Optional<LookupTable> g =
          lut(
              list,
              TagFromName.GreenPaletteColorLookupTableDescriptor,
              TagFromName.GreenPaletteColorLookupTableData);
      Optional<LookupTable> b =
          lut(
              list,
              TagFromName.BluePaletteColorLookupTableDescriptor,
              TagFromName.BluePaletteColorLookupTableData);
      if (r.isPresent() && g.isPresent() && b.isPresent()) {
        palette = Optional.of(new ImageDescription.Palette(r.get(), g.get(), b.get()));
      }
    }
    double[] spacing = decimals(list, TagFromName.PixelSpacing);
    if (spacing.length < 2) {
      spacing = decimals(list, TagFromName.ImagerPixelSpacing);
    }
    Optional<ImageDescription.PixelSpacing> pixelSpacing =
        spacing.length >= 2 && spacing[0] > 0 && spacing[1] > 0
            ? Optional.of(new ImageDescription.PixelSpacing(spacing[0], spacing[1]))
            : Optional.empty();
    return Optional.of(
        new ImageDescription(
            rowsU,
            columnsU,
            frames,
            samples,
            bitsAllocated,
            bitsStored,
            highBit,
            signed,
            photometric,
            integer(list, TagFromName.PlanarConfiguration, 0),
            slope,
            intercept,
            string(list, TagFromName.RescaleType),
            modalityLut,
            windows,
            voiLuts,
            VoiFunction.parse(string(list, TagFromName.VOILUTFunction)),
            palette,
            overlays(list, rowsU, columnsU),
            pixelSpacing));
  }

  private static List<Window> windows(AttributeList list) {
    double[] centers = decimals(list, TagFromName.WindowCenter);
    double[] widths = decimals(list, TagFromName.WindowWidth);
    String[] explanations = new String[0];
    Attribute e = list.get(TagFromName.WindowCenterWidthExplanation);
    if (e != null) {
      try {
        explanations = e.getStringValues();
      } catch (DicomException ignored) {
        explanations = new String[0];
      }
    }
    List<Window> windows = new ArrayList<>();
    for (int i = 0; i < Math.min(centers.length, widths.length); i++) {
      if (Double.isFinite(centers[i]) && Double.isFinite(widths[i]) && widths[i] >= 1) {
        windows.add(
            new Window(
                centers[i], widths[i], i < explanations.length ? explanations[i].strip() : ""));
      }
    }
    return windows;
  }

  static List<AttributeList> items(AttributeList list, AttributeTag tag) {
    List<AttributeList> items = new ArrayList<>();
    if (list.get(tag) instanceof SequenceAttribute sequence) {
      Iterator<SequenceItem> it = sequence.iterator();
      while (it.hasNext()) {
        items.add(it.next().getAttributeList());
      }
    }
    return items;
  }

  /** A LUT from its descriptor (entries, first mapped, bits) and data (US/SS/OW). */
  static Optional<LookupTable> lut(
      AttributeList list, AttributeTag descriptorTag, AttributeTag dataTag) throws DicomException {
    Attribute descriptor = list.get(descriptorTag);
    Attribute data = list.get(dataTag);
    if (descriptor == null || data == null || descriptor.getVM() < 3) {
      return Optional.empty();
    }
    int[] d = descriptor.getIntegerValues();
    int entries = d[0] & 0xFFFF;
    if (entries == 0) {
      entries = 65536;
    }
    int first = d[1];
    // the second value is US or SS depending on the pixel representation; PixelMed reads US:
    // values above 32767 for a signed image mean negative numbers (PS3.3 C.11.1.1)
    int bits = d[2];
    if (bits <= 0 || bits > 16) {
      return Optional.empty();
    }
    short[] words = data.getShortValues();
    int[] table = new int[entries];
    if (words.length * 2 == entries && bits <= 8) {
      // 8-bit entries packed two per 16-bit word
      for (int i = 0; i < entries; i++) {
        int w = words[i / 2] & 0xFFFF;
        table[i] = (i % 2 == 0) ? (w & 0xFF) : (w >>> 8);
      }
    } else if (words.length >= entries) {
      for (int i = 0; i < entries; i++) {
        table[i] = words[i] & 0xFFFF;
      }
    } else {
      return Optional.empty();
    }
    return Optional.of(new LookupTable(first, bits, table));
  }

  /** First mapped value of a LUT interpreted as signed (for signed images). */
  static LookupTable signedFirst(LookupTable lut) {
    int first = lut.firstMapped();
    return first > 32767 ? new LookupTable((short) first, lut.bits(), lut.entries()) : lut;
  }

  private static List<Overlay> overlays(AttributeList list, int imageRows, int imageColumns) {
    List<Overlay> overlays = new ArrayList<>();
    for (int group = 0x6000; group <= 0x601E; group += 2) {
      Attribute data = list.get(new AttributeTag(group, 0x3000));
      if (data == null) {
        continue;
      }
      try {
        int rows = integer(list, new AttributeTag(group, 0x0010), 0);
        int columns = integer(list, new AttributeTag(group, 0x0011), 0);
        Attribute origin = list.get(new AttributeTag(group, 0x0050));
        int[] o = origin == null ? new int[] {1, 1} : origin.getIntegerValues();
        int frames = Math.max(1, integer(list, new AttributeTag(group, 0x0015), 1));
        int firstFrame = Math.max(1, integer(list, new AttributeTag(group, 0x0051), 1));
        if (rows <= 0 || columns <= 0 || o.length < 2) {
          continue;
        }
        byte[] bits = bytesLittleEndian(data);
        long needed = ((long) rows * columns * frames + 7) / 8;
        if (bits.length < needed) {
          continue;
        }
        overlays.add(
            new Overlay(
                group, rows, columns, (short) o[0], (short) o[1], frames, firstFrame, bits));
      } catch (DicomException | RuntimeException e) {
        // an unreadable overlay is left out; the image itself still renders
      }
    }
    return overlays;
  }

  /** The value bytes in little-endian order whatever the VR (OB or OW). */
  static byte[] bytesLittleEndian(Attribute a) throws DicomException {
    String vr = com.pixelmed.dicom.ValueRepresentation.getAsString(a.getVR());
    if ("OW".equals(vr) || "US".equals(vr) || "SS".equals(vr)) {
      short[] s = a.getShortValues();
      byte[] b = new byte[s.length * 2];
      for (int i = 0; i < s.length; i++) {
        b[2 * i] = (byte) s[i];
        b[2 * i + 1] = (byte) (s[i] >>> 8);
      }
      return b;
    }
    return a.getByteValues();
  }
}
