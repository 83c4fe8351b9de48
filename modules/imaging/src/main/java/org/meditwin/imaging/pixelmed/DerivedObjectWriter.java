package org.meditwin.imaging.pixelmed;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeFactory;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.AttributeTagAttribute;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.FloatDoubleAttribute;
import com.pixelmed.dicom.OtherByteAttribute;
import com.pixelmed.dicom.OtherFloatAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.meditwin.imaging.DicomReadException;
import org.meditwin.imaging.DicomReadException.Reason;
import org.meditwin.imaging.DicomSource;

/**
 * Writes derived DICOM objects next to a source image (ADR 0129): a Secondary Capture with the
 * overlay burned in, a Parametric Map of float probabilities and a binary Segmentation. Each is a
 * new series in the source's study; the patient and study modules are copied (the output carries
 * PHI), the source SOP instance is referenced, UIDs are 2.25 UUID-derived.
 */
public final class DerivedObjectWriter {
  static final String SECONDARY_CAPTURE = "1.2.840.10008.5.1.4.1.1.7";
  static final String PARAMETRIC_MAP = "1.2.840.10008.5.1.4.1.1.30";
  static final String SEGMENTATION = "1.2.840.10008.5.1.4.1.1.66.4";
  private static final AttributeTag DOUBLE_FIRST_MAPPED = new AttributeTag(0x0040, 0x9213);
  private static final AttributeTag DOUBLE_LAST_MAPPED = new AttributeTag(0x0040, 0x9214);
  private static final AttributeTag SEGMENT_ALGORITHM_NAME = new AttributeTag(0x0062, 0x0009);
  static final String MANUFACTURER = "MediTwin";
  static final String MODEL_NAME = "MediTwin Workstation";

  private DerivedObjectWriter() {}

  /**
   * Who made the object and how.
   *
   * @param description Derivation Description (what was done, which model)
   * @param algorithm algorithm (model) name
   * @param version algorithm (model) version
   * @param seriesNumber series number of the new series
   */
  public record Provenance(
      String description,
      String algorithm,
      String version,
      String softwareVersion,
      ZonedDateTime created,
      int seriesNumber) {}

  /** One segment of a Segmentation: label value in the map, name and display colour. */
  public record Segment(int value, String label, int rgb) {}

  /** A Secondary Capture (RGB, 8 bits) of {@code rgb} (0xRRGGBB per pixel, row-major). */
  public static byte[] secondaryCapture(
      DicomSource source, int frame, int width, int height, int[] rgb, Provenance p) {
    if (rgb.length != width * height) {
      throw new IllegalArgumentException("pixel count differs from width x height");
    }
    try {
      AttributeList src = header(source);
      AttributeList out = common(src, SECONDARY_CAPTURE, "OT", p);
      set(out, TagFromName.ConversionType, "WSD");
      set(out, TagFromName.ImageType, "DERIVED", "SECONDARY");
      set(out, TagFromName.DerivationDescription, limit(p.description(), 1024));
      out.put(sourceImages(src, frame, false));
      set(out, TagFromName.PatientOrientation);
      set(out, TagFromName.BurnedInAnnotation, "YES");
      set(out, TagFromName.LossyImageCompression, lossy(src));
      set(out, TagFromName.SamplesPerPixel, "3");
      set(out, TagFromName.PhotometricInterpretation, "RGB");
      set(out, TagFromName.PlanarConfiguration, "0");
      pixelModule(out, width, height, 8, 8, 7);
      byte[] pixels = new byte[rgb.length * 3 + (rgb.length * 3) % 2];
      for (int i = 0; i < rgb.length; i++) {
        pixels[3 * i] = (byte) (rgb[i] >> 16);
        pixels[3 * i + 1] = (byte) (rgb[i] >> 8);
        pixels[3 * i + 2] = (byte) rgb[i];
      }
      OtherByteAttribute data = new OtherByteAttribute(TagFromName.PixelData);
      data.setValues(pixels);
      out.put(data);
      return write(out);
    } catch (DicomException e) {
      throw new DicomReadException(
          Reason.CORRUPT, "cannot write the secondary capture: " + PixelMedReader.safe(e), e);
    }
  }

  /**
   * A Parametric Map with one float frame of {@code values} (e.g. heat-map probabilities 0..1) and
   * a Real World Value Mapping naming the quantity.
   *
   * @param quantity what the values mean, e.g. "probability of pneumonia"
   */
  public static byte[] parametricMap(
      DicomSource source,
      int frame,
      int width,
      int height,
      float[] values,
      String quantity,
      Provenance p) {
    if (values.length != width * height) {
      throw new IllegalArgumentException("value count differs from width x height");
    }
    try {
      AttributeList src = header(source);
      String modality =
          src.get(TagFromName.Modality) == null
              ? "OT"
              : Attribute.getSingleStringValueOrDefault(src, TagFromName.Modality, "OT");
      AttributeList out = common(src, PARAMETRIC_MAP, modality, p);
      frameOfReference(src, out);
      enhancedEquipment(out, p);
      set(out, TagFromName.ImageType, "DERIVED", "PRIMARY", "MAP", "NONE");
      contentIdentification(out, "HEATMAP", quantity);
      set(out, TagFromName.SamplesPerPixel, "1");
      set(out, TagFromName.PhotometricInterpretation, "MONOCHROME2");
      set(out, TagFromName.Rows, Integer.toString(height));
      set(out, TagFromName.Columns, Integer.toString(width));
      set(out, TagFromName.BitsAllocated, "32");
      set(out, TagFromName.PresentationLUTShape, "IDENTITY");
      set(out, TagFromName.LossyImageCompression, "00");
      set(out, TagFromName.BurnedInAnnotation, "NO");
      set(out, TagFromName.RecognizableVisualFeatures, "NO");
      set(out, TagFromName.ContentQualification, "RESEARCH");
      set(out, TagFromName.NumberOfFrames, "1");
      out.put(new SequenceAttribute(TagFromName.AcquisitionContextSequence));
      multiFrame(out, p);
      AttributeList shared = new AttributeList();
      geometry(src, shared);
      shared.put(derivation(src, frame, "113085", "Spatial resampling"));
      AttributeList frameType = new AttributeList();
      set(frameType, TagFromName.FrameType, "DERIVED", "PRIMARY", "MAP", "NONE");
      shared.put(sequence(TagFromName.ParametricMapFrameTypeSequence, frameType));
      AttributeList identity = new AttributeList();
      set(identity, TagFromName.RescaleIntercept, "0");
      set(identity, TagFromName.RescaleSlope, "1");
      set(identity, TagFromName.RescaleType, "US");
      shared.put(sequence(TagFromName.PixelValueTransformationSequence, identity));
      shared.put(realWorldValueMapping(values, quantity));
      out.put(sequence(TagFromName.SharedFunctionalGroupsSequence, shared));
      AttributeList perFrame = new AttributeList();
      perFrame.put(frameContent(1));
      out.put(sequence(TagFromName.PerFrameFunctionalGroupsSequence, perFrame));
      dimensions(out, TagFromName.FrameContentSequence, TagFromName.InStackPositionNumber);
      // dimension values point at In-Stack Position Number: one stack, one position
      AttributeList fc =
          SequenceAttribute.getAttributeListFromWithinSequenceWithSingleItem(
              perFrame, TagFromName.FrameContentSequence);
      set(fc, TagFromName.StackID, "1");
      set(fc, TagFromName.InStackPositionNumber, "1");
      commonInstanceReference(src, out);
      OtherFloatAttribute data = new OtherFloatAttribute(TagFromName.FloatPixelData);
      data.setValues(values.clone());
      out.put(data);
      return write(out);
    } catch (DicomException e) {
      throw new DicomReadException(
          Reason.CORRUPT, "cannot write the parametric map: " + PixelMedReader.safe(e), e);
    }
  }

  /**
   * A binary Segmentation: one frame per segment (pixels whose label equals the segment's value).
   */
  public static byte[] segmentation(
      DicomSource source,
      int frame,
      int width,
      int height,
      int[] labels,
      List<Segment> segments,
      Provenance p) {
    if (labels.length != width * height) {
      throw new IllegalArgumentException("label count differs from width x height");
    }
    if (segments.isEmpty()) {
      throw new IllegalArgumentException("a segmentation needs at least one segment");
    }
    try {
      AttributeList src = header(source);
      AttributeList out = common(src, SEGMENTATION, "SEG", p);
      if (src.get(TagFromName.FrameOfReferenceUID) != null) {
        frameOfReference(src, out);
      }
      enhancedEquipment(out, p);
      set(out, TagFromName.ImageType, "DERIVED", "PRIMARY");
      contentIdentification(out, "SEGMENTATION", p.description());
      set(out, TagFromName.SamplesPerPixel, "1");
      set(out, TagFromName.PhotometricInterpretation, "MONOCHROME2");
      pixelModule(out, width, height, 1, 1, 0);
      set(out, TagFromName.LossyImageCompression, "00");
      set(out, TagFromName.SegmentationType, "BINARY");
      if (src.get(TagFromName.FrameOfReferenceUID) == null) {
        set(out, TagFromName.PatientOrientation); // type 2C without plane orientation
      }
      set(out, TagFromName.NumberOfFrames, Integer.toString(segments.size()));
      multiFrame(out, p);
      SequenceAttribute segmentSequence = new SequenceAttribute(TagFromName.SegmentSequence);
      for (int s = 0; s < segments.size(); s++) {
        Segment seg = segments.get(s);
        AttributeList item = new AttributeList();
        set(item, TagFromName.SegmentNumber, Integer.toString(s + 1));
        set(item, TagFromName.SegmentLabel, limit(seg.label(), 64));
        set(item, TagFromName.SegmentAlgorithmType, "AUTOMATIC");
        com.pixelmed.dicom.LongStringAttribute algorithm =
            new com.pixelmed.dicom.LongStringAttribute(SEGMENT_ALGORITHM_NAME);
        algorithm.addValue(limit(p.algorithm(), 64));
        item.put(algorithm);
        item.put(
            sequence(
                TagFromName.SegmentedPropertyCategoryCodeSequence,
                code("91723000", "SCT", "Anatomical Structure")));
        item.put(
            sequence(
                TagFromName.SegmentedPropertyTypeCodeSequence,
                code(privateCode(seg.label()), "99MEDITWIN", limit(seg.label(), 64))));
        int[] lab = cieLab(seg.rgb());
        Attribute colour = AttributeFactory.newAttribute(TagFromName.RecommendedDisplayCIELabValue);
        for (int v : lab) {
          colour.addValue(v);
        }
        item.put(colour);
        segmentSequence.addItem(item);
      }
      out.put(segmentSequence);
      AttributeList shared = new AttributeList();
      if (src.get(TagFromName.FrameOfReferenceUID) != null) {
        geometry(src, shared);
      }
      shared.put(derivation(src, frame, "113076", "Segmentation"));
      out.put(sequence(TagFromName.SharedFunctionalGroupsSequence, shared));
      SequenceAttribute perFrame =
          new SequenceAttribute(TagFromName.PerFrameFunctionalGroupsSequence);
      for (int s = 0; s < segments.size(); s++) {
        AttributeList item = new AttributeList();
        item.put(frameContent(s + 1));
        AttributeList id = new AttributeList();
        set(id, TagFromName.ReferencedSegmentNumber, Integer.toString(s + 1));
        item.put(sequence(TagFromName.SegmentIdentificationSequence, id));
        perFrame.addItem(item);
      }
      out.put(perFrame);
      dimensions(
          out, TagFromName.SegmentIdentificationSequence, TagFromName.ReferencedSegmentNumber);
      commonInstanceReference(src, out);
      int pixels = width * height;
      long bits = (long) pixels * segments.size();
      byte[] packed = new byte[(int) ((bits + 15) / 16 * 2)];
      for (int s = 0; s < segments.size(); s++) {
        int value = segments.get(s).value();
        for (int i = 0; i < pixels; i++) {
          if (labels[i] == value) {
            long bit = (long) s * pixels + i;
            packed[(int) (bit >> 3)] |= (byte) (1 << (bit & 7));
          }
        }
      }
      OtherByteAttribute data = new OtherByteAttribute(TagFromName.PixelData);
      data.setValues(packed);
      out.put(data);
      return write(out);
    } catch (DicomException e) {
      throw new DicomReadException(
          Reason.CORRUPT, "cannot write the segmentation: " + PixelMedReader.safe(e), e);
    }
  }

  /**
   * The Float Pixel Data of a Parametric Map (all frames, row-major).
   *
   * @throws DicomReadException NO_PIXEL_DATA when the object has no float pixel data
   */
  public static float[] floatPixels(DicomSource source) {
    AttributeList list = new AttributeList();
    try (InputStream in = new BufferedInputStream(source.open());
        DicomInputStream dis = new DicomInputStream(in)) {
      list.read(dis);
      Attribute a = list.get(TagFromName.FloatPixelData);
      if (a == null) {
        throw new DicomReadException(Reason.NO_PIXEL_DATA, "the object has no Float Pixel Data");
      }
      return a.getFloatValues();
    } catch (IOException | DicomException e) {
      throw new DicomReadException(
          Reason.CORRUPT, "cannot read the float pixel data: " + PixelMedReader.safe(e), e);
    }
  }

  /** A new UID of the 2.25 form (PS3.5 B.2: the UUID as one unsigned decimal integer). */
  public static String newUid() {
    UUID u = UUID.randomUUID();
    ByteBuffer b = ByteBuffer.allocate(16);
    b.putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
    return "2.25." + new BigInteger(1, b.array());
  }

  private static AttributeList header(DicomSource source) throws DicomException {
    AttributeList list = new AttributeList();
    try (InputStream in = new BufferedInputStream(source.open());
        DicomInputStream dis = new DicomInputStream(in)) {
      list.read(dis, TagFromName.PixelData);
    } catch (IOException e) {
      throw new DicomReadException(
          Reason.IO, "cannot read the source image: " + PixelMedReader.safe(e), e);
    }
    if (list.get(TagFromName.SOPInstanceUID) == null
        || list.get(TagFromName.StudyInstanceUID) == null) {
      throw new DicomReadException(
          Reason.CORRUPT, "the source image has no SOP Instance UID or Study Instance UID");
    }
    return list;
  }

  private static AttributeList common(
      AttributeList src, String sopClass, String modality, Provenance p) throws DicomException {
    AttributeList out = new AttributeList();
    copy(src, out, TagFromName.SpecificCharacterSet, false);
    set(out, TagFromName.SOPClassUID, sopClass);
    set(out, TagFromName.SOPInstanceUID, newUid());
    String date = p.created().format(DateTimeFormatter.BASIC_ISO_DATE).substring(0, 8);
    String time = p.created().format(DateTimeFormatter.ofPattern("HHmmss", Locale.ROOT));
    set(out, TagFromName.InstanceCreationDate, date);
    set(out, TagFromName.InstanceCreationTime, time);
    set(out, TagFromName.ContentDate, date);
    set(out, TagFromName.ContentTime, time);
    // Patient and General Study modules: copied (type 2 attributes present even when empty)
    for (AttributeTag t :
        new AttributeTag[] {
          TagFromName.PatientName,
          TagFromName.PatientID,
          TagFromName.PatientBirthDate,
          TagFromName.PatientSex,
          TagFromName.ReferringPhysicianName,
          TagFromName.StudyID,
          TagFromName.AccessionNumber
        }) {
      copy(src, out, t, true);
    }
    for (AttributeTag t :
        new AttributeTag[] {
          TagFromName.IssuerOfPatientID,
          TagFromName.PatientAge,
          TagFromName.StudyDescription,
          TagFromName.BodyPartExamined
        }) {
      copy(src, out, t, false);
    }
    set(out, TagFromName.StudyDate, date(src, TagFromName.StudyDate));
    set(out, TagFromName.StudyTime, time(src, TagFromName.StudyTime));
    // General Series Laterality is type 2C: for paired (or unstated) body parts, never in SEG
    String laterality = Attribute.getSingleStringValueOrEmptyString(src, TagFromName.Laterality);
    if (!modality.equals("SEG") && (paired(src) || !laterality.isEmpty())) {
      set(out, TagFromName.Laterality, laterality);
    }
    copy(src, out, TagFromName.StudyInstanceUID, true);
    set(out, TagFromName.Modality, modality);
    set(out, TagFromName.SeriesInstanceUID, newUid());
    set(out, TagFromName.SeriesNumber, Integer.toString(p.seriesNumber()));
    set(out, TagFromName.SeriesDescription, limit("AI " + p.algorithm() + " " + p.version(), 64));
    set(out, TagFromName.InstanceNumber, "1");
    set(out, TagFromName.Manufacturer, MANUFACTURER);
    set(out, TagFromName.ManufacturerModelName, MODEL_NAME);
    set(out, TagFromName.SoftwareVersions, limit(p.softwareVersion(), 64));
    return out;
  }

  private static void enhancedEquipment(AttributeList out, Provenance p) throws DicomException {
    set(out, TagFromName.DeviceSerialNumber, "MEDITWIN-WORKSTATION");
  }

  private static void contentIdentification(AttributeList out, String label, String description)
      throws DicomException {
    set(out, TagFromName.ContentLabel, label);
    set(out, TagFromName.ContentDescription, limit(description, 64));
    set(out, TagFromName.ContentCreatorName);
  }

  private static void multiFrame(AttributeList out, Provenance p) throws DicomException {
    // ContentDate/Time are set in common(); the multi-frame module also needs the instance number
    if (out.get(TagFromName.InstanceNumber) == null) {
      set(out, TagFromName.InstanceNumber, "1");
    }
  }

  private static void frameOfReference(AttributeList src, AttributeList out) throws DicomException {
    if (src.get(TagFromName.FrameOfReferenceUID) != null) {
      copy(src, out, TagFromName.FrameOfReferenceUID, true);
      copy(src, out, TagFromName.PositionReferenceIndicator, true);
    } else {
      set(out, TagFromName.FrameOfReferenceUID, newUid());
      set(out, TagFromName.PositionReferenceIndicator);
    }
  }

  /** Pixel Measures, Plane Position and Plane Orientation from the source (or neutral values). */
  private static void geometry(AttributeList src, AttributeList shared) throws DicomException {
    AttributeList measures = new AttributeList();
    Attribute spacing = src.get(TagFromName.PixelSpacing);
    if (spacing == null) {
      spacing = src.get(TagFromName.ImagerPixelSpacing);
    }
    Attribute ps = AttributeFactory.newAttribute(TagFromName.PixelSpacing);
    if (spacing != null && spacing.getVM() == 2) {
      for (String v : spacing.getStringValues()) {
        ps.addValue(v);
      }
    } else {
      ps.addValue("1");
      ps.addValue("1");
    }
    measures.put(ps);
    String thickness = Attribute.getSingleStringValueOrEmptyString(src, TagFromName.SliceThickness);
    set(measures, TagFromName.SliceThickness, thickness.isEmpty() ? "1" : thickness);
    shared.put(sequence(TagFromName.PixelMeasuresSequence, measures));
    AttributeList position = new AttributeList();
    Attribute pos = src.get(TagFromName.ImagePositionPatient);
    Attribute ipp = AttributeFactory.newAttribute(TagFromName.ImagePositionPatient);
    for (String v :
        pos != null && pos.getVM() == 3 ? pos.getStringValues() : new String[] {"0", "0", "0"}) {
      ipp.addValue(v);
    }
    position.put(ipp);
    shared.put(sequence(TagFromName.PlanePositionSequence, position));
    AttributeList orientation = new AttributeList();
    Attribute ori = src.get(TagFromName.ImageOrientationPatient);
    Attribute iop = AttributeFactory.newAttribute(TagFromName.ImageOrientationPatient);
    for (String v :
        ori != null && ori.getVM() == 6
            ? ori.getStringValues()
            : new String[] {"1", "0", "0", "0", "1", "0"}) {
      iop.addValue(v);
    }
    orientation.put(iop);
    shared.put(sequence(TagFromName.PlaneOrientationSequence, orientation));
  }

  private static SequenceAttribute derivation(
      AttributeList src, int frame, String code, String meaning) throws DicomException {
    AttributeList item = new AttributeList();
    item.put(sequence(TagFromName.DerivationCodeSequence, code(code, "DCM", meaning)));
    item.put(sourceImages(src, frame, true));
    return sequence(TagFromName.DerivationImageSequence, item);
  }

  private static SequenceAttribute sourceImages(AttributeList src, int frame, boolean purpose)
      throws DicomException {
    AttributeList ref = new AttributeList();
    copyAs(src, TagFromName.SOPClassUID, ref, TagFromName.ReferencedSOPClassUID);
    copyAs(src, TagFromName.SOPInstanceUID, ref, TagFromName.ReferencedSOPInstanceUID);
    if (Attribute.getSingleIntegerValueOrDefault(src, TagFromName.NumberOfFrames, 1) > 1) {
      set(ref, TagFromName.ReferencedFrameNumber, Integer.toString(frame + 1));
    }
    if (purpose) {
      ref.put(
          sequence(
              TagFromName.PurposeOfReferenceCodeSequence,
              code("121322", "DCM", "Source image for image processing operation")));
    }
    return sequence(TagFromName.SourceImageSequence, ref);
  }

  private static SequenceAttribute realWorldValueMapping(float[] values, String quantity)
      throws DicomException {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (float v : values) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    if (values.length == 0) {
      min = 0;
      max = 0;
    }
    AttributeList item = new AttributeList();
    FloatDoubleAttribute first = new FloatDoubleAttribute(DOUBLE_FIRST_MAPPED);
    first.addValue(min);
    item.put(first);
    FloatDoubleAttribute last = new FloatDoubleAttribute(DOUBLE_LAST_MAPPED);
    last.addValue(max);
    item.put(last);
    set(item, TagFromName.RealWorldValueIntercept, "0");
    set(item, TagFromName.RealWorldValueSlope, "1");
    set(item, TagFromName.LUTExplanation, limit(quantity, 64));
    set(item, TagFromName.LUTLabel, "PROBABILITY");
    item.put(sequence(TagFromName.MeasurementUnitsCodeSequence, code("1", "UCUM", "no units")));
    AttributeList definition = new AttributeList();
    set(definition, TagFromName.ValueType, "CODE");
    definition.put(
        sequence(TagFromName.ConceptNameCodeSequence, code("246205007", "SCT", "Quantity")));
    definition.put(sequence(TagFromName.ConceptCodeSequence, code("113075", "DCM", "Probability")));
    item.put(sequence(TagFromName.QuantityDefinitionSequence, definition));
    return sequence(TagFromName.RealWorldValueMappingSequence, item);
  }

  private static SequenceAttribute frameContent(int index) throws DicomException {
    AttributeList item = new AttributeList();
    Attribute values = AttributeFactory.newAttribute(TagFromName.DimensionIndexValues);
    values.addValue(index);
    item.put(values);
    return sequence(TagFromName.FrameContentSequence, item);
  }

  private static void dimensions(AttributeList out, AttributeTag group, AttributeTag pointer)
      throws DicomException {
    String uid = newUid();
    AttributeList org = new AttributeList();
    set(org, TagFromName.DimensionOrganizationUID, uid);
    out.put(sequence(TagFromName.DimensionOrganizationSequence, org));
    AttributeList index = new AttributeList();
    set(index, TagFromName.DimensionOrganizationUID, uid);
    AttributeTagAttribute p = new AttributeTagAttribute(TagFromName.DimensionIndexPointer);
    p.addValue(pointer);
    index.put(p);
    AttributeTagAttribute g = new AttributeTagAttribute(TagFromName.FunctionalGroupPointer);
    g.addValue(group);
    index.put(g);
    out.put(sequence(TagFromName.DimensionIndexSequence, index));
  }

  private static void commonInstanceReference(AttributeList src, AttributeList out)
      throws DicomException {
    AttributeList instance = new AttributeList();
    copyAs(src, TagFromName.SOPClassUID, instance, TagFromName.ReferencedSOPClassUID);
    copyAs(src, TagFromName.SOPInstanceUID, instance, TagFromName.ReferencedSOPInstanceUID);
    AttributeList series = new AttributeList();
    series.put(sequence(TagFromName.ReferencedInstanceSequence, instance));
    copy(src, series, TagFromName.SeriesInstanceUID, true);
    out.put(sequence(TagFromName.ReferencedSeriesSequence, series));
  }

  private static void pixelModule(
      AttributeList out, int width, int height, int allocated, int stored, int highBit)
      throws DicomException {
    set(out, TagFromName.Rows, Integer.toString(height));
    set(out, TagFromName.Columns, Integer.toString(width));
    set(out, TagFromName.BitsAllocated, Integer.toString(allocated));
    set(out, TagFromName.BitsStored, Integer.toString(stored));
    set(out, TagFromName.HighBit, Integer.toString(highBit));
    set(out, TagFromName.PixelRepresentation, "0");
  }

  private static final java.util.Set<String> PAIRED =
      java.util.Set.of(
          "ANKLE",
          "ARM",
          "BREAST",
          "CLAVICLE",
          "EAR",
          "ELBOW",
          "EYE",
          "FEMUR",
          "FINGER",
          "FOOT",
          "FOREARM",
          "HAND",
          "HIP",
          "HUMERUS",
          "KIDNEY",
          "KNEE",
          "LEG",
          "LUNG",
          "SHOULDER",
          "THUMB",
          "TIBIA",
          "TOE",
          "WRIST",
          "EXTREMITY",
          "UPPER EXTREMITY",
          "LOWER EXTREMITY");

  private static boolean paired(AttributeList src) {
    String body =
        Attribute.getSingleStringValueOrEmptyString(src, TagFromName.BodyPartExamined)
            .strip()
            .toUpperCase(Locale.ROOT);
    return body.isEmpty() || PAIRED.contains(body);
  }

  /** A DA value; old ACR-NEMA "1993.04.30" forms are repaired, anything else becomes empty. */
  static String date(AttributeList src, AttributeTag tag) {
    String v = Attribute.getSingleStringValueOrEmptyString(src, tag).replace(".", "").strip();
    return v.matches("\\d{8}") ? v : "";
  }

  /** A TM value; "11:27:24" forms are repaired, anything else becomes empty. */
  static String time(AttributeList src, AttributeTag tag) {
    String v = Attribute.getSingleStringValueOrEmptyString(src, tag).replace(":", "").strip();
    return v.matches("\\d{2,6}(\\.\\d{1,6})?") ? v : "";
  }

  private static String lossy(AttributeList src) {
    return "01"
            .equals(
                Attribute.getSingleStringValueOrEmptyString(src, TagFromName.LossyImageCompression))
        ? "01"
        : "00";
  }

  static AttributeList code(String value, String scheme, String meaning) throws DicomException {
    AttributeList item = new AttributeList();
    set(item, TagFromName.CodeValue, value);
    set(item, TagFromName.CodingSchemeDesignator, scheme);
    set(item, TagFromName.CodeMeaning, meaning);
    return item;
  }

  /** A code value (SH, 16 chars) for a label in our private coding scheme. */
  static String privateCode(String label) {
    String s = label.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
    return s.isEmpty() ? "SEGMENT" : s.substring(0, Math.min(16, s.length()));
  }

  /** sRGB → CIELab (D65), scaled to DICOM's 0..65535 encoding (PS3.3 C.10.7.1.1). */
  static int[] cieLab(int rgb) {
    double[] c = {(rgb >> 16 & 0xFF) / 255.0, (rgb >> 8 & 0xFF) / 255.0, (rgb & 0xFF) / 255.0};
    for (int i = 0; i < 3; i++) {
      c[i] = c[i] <= 0.04045 ? c[i] / 12.92 : Math.pow((c[i] + 0.055) / 1.055, 2.4);
    }
    double x = (0.4124 * c[0] + 0.3576 * c[1] + 0.1805 * c[2]) / 0.95047;
    double y = 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    double z = (0.0193 * c[0] + 0.1192 * c[1] + 0.9505 * c[2]) / 1.08883;
    double fx = f(x);
    double fy = f(y);
    double fz = f(z);
    double l = 116 * fy - 16;
    double a = 500 * (fx - fy);
    double b = 200 * (fy - fz);
    return new int[] {
      clamp(l / 100 * 65535), clamp((a + 128) / 255 * 65535), clamp((b + 128) / 255 * 65535)
    };
  }

  private static double f(double t) {
    return t > 216.0 / 24389 ? Math.cbrt(t) : (24389.0 / 27 * t + 16) / 116;
  }

  private static int clamp(double v) {
    return (int) Math.max(0, Math.min(65535, Math.round(v)));
  }

  private static SequenceAttribute sequence(AttributeTag tag, AttributeList item) {
    SequenceAttribute s = new SequenceAttribute(tag);
    s.addItem(item);
    return s;
  }

  private static void set(AttributeList list, AttributeTag tag, String... values)
      throws DicomException {
    Attribute a = AttributeFactory.newAttribute(tag);
    for (String v : values) {
      if (!(values.length == 1 && v.isEmpty())) {
        a.addValue(v);
      }
    }
    list.put(a);
  }

  private static void copy(AttributeList src, AttributeList out, AttributeTag tag, boolean always)
      throws DicomException {
    Attribute a = src.get(tag);
    if (a != null) {
      out.put(a);
    } else if (always) {
      out.put(AttributeFactory.newAttribute(tag));
    }
  }

  private static void copyAs(
      AttributeList src, AttributeTag from, AttributeList out, AttributeTag to)
      throws DicomException {
    set(out, to, Attribute.getSingleStringValueOrEmptyString(src, from));
  }

  private static String limit(String s, int max) {
    String t = s.replace('\\', '/');
    return t.length() <= max ? t : t.substring(0, max);
  }

  private static byte[] write(AttributeList out) throws DicomException {
    FileMetaInformation.addFileMetaInformation(
        out, TransferSyntax.ExplicitVRLittleEndian, "MEDITWIN");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      out.write(bytes, TransferSyntax.ExplicitVRLittleEndian, true, true);
    } catch (IOException e) {
      throw new DicomReadException(Reason.IO, "cannot encode the object: " + e.getMessage(), e);
    }
    return bytes.toByteArray();
  }
}
