package org.meditwin.pacs.dimse;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.CodeStringAttribute;
import com.pixelmed.dicom.DateAttribute;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.DicomOutputStream;
import com.pixelmed.dicom.IntegerStringAttribute;
import com.pixelmed.dicom.LongStringAttribute;
import com.pixelmed.dicom.PersonNameAttribute;
import com.pixelmed.dicom.ShortStringAttribute;
import com.pixelmed.dicom.SpecificCharacterSet;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.UniqueIdentifierAttribute;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.meditwin.pacs.PacsException;
import org.meditwin.pacs.PacsMatch;
import org.meditwin.pacs.PacsQuery;
import org.meditwin.pacs.QueryLevel;

/** Query identifiers and match parsing through PixelMed's data set codec (in memory only). */
final class Datasets {
  private Datasets() {}

  private static final SpecificCharacterSet UTF8 =
      new SpecificCharacterSet(new String[] {"ISO_IR 192"});

  /** The C-FIND identifier for {@code q}: its matching keys plus the return keys of its level. */
  static AttributeList identifier(PacsQuery q) {
    try {
      boolean unicode = !ascii(q.patientName().orElse("") + q.patientId().orElse(""));
      SpecificCharacterSet cs = unicode ? UTF8 : null;
      AttributeList l = new AttributeList();
      if (unicode) {
        put(l, new CodeStringAttribute(TagFromName.SpecificCharacterSet), "ISO_IR 192");
      }
      put(l, new CodeStringAttribute(TagFromName.QueryRetrieveLevel), q.level().name());
      switch (q.level()) {
        case PATIENT -> patientKeys(l, q, cs);
        case STUDY -> {
          patientKeys(l, q, cs);
          put(
              l,
              new UniqueIdentifierAttribute(TagFromName.StudyInstanceUID),
              q.studyInstanceUid().orElse(""));
          put(l, new DateAttribute(TagFromName.StudyDate), q.studyDateRange().orElse(""));
          put(
              l,
              new ShortStringAttribute(TagFromName.AccessionNumber),
              q.accessionNumber().orElse(""));
          put(l, new CodeStringAttribute(TagFromName.ModalitiesInStudy), q.modality().orElse(""));
          put(l, new LongStringAttribute(TagFromName.StudyDescription), "");
          put(l, new IntegerStringAttribute(TagFromName.NumberOfStudyRelatedInstances), "");
        }
        case SERIES -> {
          put(
              l,
              new UniqueIdentifierAttribute(TagFromName.StudyInstanceUID),
              q.studyInstanceUid().orElseThrow());
          put(
              l,
              new UniqueIdentifierAttribute(TagFromName.SeriesInstanceUID),
              q.seriesInstanceUid().orElse(""));
          put(l, new CodeStringAttribute(TagFromName.Modality), q.modality().orElse(""));
          put(l, new IntegerStringAttribute(TagFromName.SeriesNumber), "");
          put(l, new LongStringAttribute(TagFromName.SeriesDescription), "");
          put(l, new IntegerStringAttribute(TagFromName.NumberOfSeriesRelatedInstances), "");
        }
        case IMAGE -> {
          put(
              l,
              new UniqueIdentifierAttribute(TagFromName.StudyInstanceUID),
              q.studyInstanceUid().orElseThrow());
          put(
              l,
              new UniqueIdentifierAttribute(TagFromName.SeriesInstanceUID),
              q.seriesInstanceUid().orElseThrow());
          put(l, new UniqueIdentifierAttribute(TagFromName.SOPInstanceUID), "");
          put(l, new UniqueIdentifierAttribute(TagFromName.SOPClassUID), "");
          put(l, new IntegerStringAttribute(TagFromName.InstanceNumber), "");
        }
      }
      return l;
    } catch (DicomException e) {
      throw new PacsException(
          PacsException.Reason.BAD_INPUT, "A query value is not valid DICOM.", e);
    }
  }

  /** The C-GET / C-MOVE identifier: study (and series) instance UID at the matching level. */
  static AttributeList retrieveIdentifier(String studyUid, Optional<String> seriesUid) {
    try {
      AttributeList l = new AttributeList();
      put(
          l,
          new CodeStringAttribute(TagFromName.QueryRetrieveLevel),
          seriesUid.isPresent() ? "SERIES" : "STUDY");
      put(l, new UniqueIdentifierAttribute(TagFromName.StudyInstanceUID), studyUid);
      if (seriesUid.isPresent()) {
        put(l, new UniqueIdentifierAttribute(TagFromName.SeriesInstanceUID), seriesUid.get());
      }
      return l;
    } catch (DicomException e) {
      throw new PacsException(PacsException.Reason.BAD_INPUT, "The UID is not valid DICOM.", e);
    }
  }

  /**
   * STUDY-level identifier asking for the SOP classes in the study and its instance count (what a
   * C-GET must offer), or SERIES-level for one series' count.
   */
  static AttributeList lookupIdentifier(String studyUid, Optional<String> seriesUid) {
    try {
      AttributeList l = new AttributeList();
      put(
          l,
          new CodeStringAttribute(TagFromName.QueryRetrieveLevel),
          seriesUid.isPresent() ? "SERIES" : "STUDY");
      put(l, new UniqueIdentifierAttribute(TagFromName.StudyInstanceUID), studyUid);
      if (seriesUid.isPresent()) {
        put(l, new UniqueIdentifierAttribute(TagFromName.SeriesInstanceUID), seriesUid.get());
        put(l, new IntegerStringAttribute(TagFromName.NumberOfSeriesRelatedInstances), "");
      } else {
        put(l, new UniqueIdentifierAttribute(TagFromName.SOPClassesInStudy), "");
        put(l, new IntegerStringAttribute(TagFromName.NumberOfStudyRelatedInstances), "");
      }
      return l;
    } catch (DicomException e) {
      throw new PacsException(PacsException.Reason.BAD_INPUT, "The UID is not valid DICOM.", e);
    }
  }

  static List<String> values(AttributeList l, AttributeTag tag) {
    String[] v;
    try {
      v = Attribute.getStringValues(l, tag);
    } catch (RuntimeException e) {
      return List.of();
    }
    return v == null
        ? List.of()
        : Arrays.stream(v).map(String::strip).filter(x -> !x.isEmpty()).toList();
  }

  static int count(AttributeList l, AttributeTag tag) {
    return integer(l, tag).orElse(-1);
  }

  private static void patientKeys(AttributeList l, PacsQuery q, SpecificCharacterSet cs)
      throws DicomException {
    put(l, new PersonNameAttribute(TagFromName.PatientName, cs), q.patientName().orElse(""));
    put(l, new LongStringAttribute(TagFromName.PatientID, cs), q.patientId().orElse(""));
    put(l, new DateAttribute(TagFromName.PatientBirthDate), "");
  }

  private static void put(AttributeList l, Attribute a, String value) throws DicomException {
    if (!value.isEmpty()) {
      a.addValue(value);
    }
    l.put(a);
  }

  private static boolean ascii(String s) {
    return s.chars().allMatch(c -> c < 0x80);
  }

  static byte[] encode(AttributeList l, String transferSyntax) {
    try {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      DicomOutputStream d = new DicomOutputStream(b, null, transferSyntax);
      l.write(d);
      d.close();
      return b.toByteArray();
    } catch (IOException | DicomException e) {
      throw new PacsException(
          PacsException.Reason.BAD_INPUT, "Cannot encode the DICOM data set.", e);
    }
  }

  static AttributeList decode(byte[] dataSet, String transferSyntax) {
    try {
      AttributeList l = new AttributeList();
      l.read(new DicomInputStream(new ByteArrayInputStream(dataSet), transferSyntax, false));
      return l;
    } catch (IOException | DicomException | RuntimeException e) {
      throw new PacsException(
          PacsException.Reason.PROTOCOL, "The PACS sent a data set we cannot read.", e);
    }
  }

  /** Re-encodes an uncompressed data set in another uncompressed transfer syntax. */
  static byte[] transcode(byte[] dataSet, String from, String to) {
    if (from.equals(to)) {
      return dataSet;
    }
    return encode(decode(dataSet, from), to);
  }

  static PacsMatch match(QueryLevel level, AttributeList l) {
    return new PacsMatch(
        level,
        str(l, TagFromName.PatientID),
        str(l, TagFromName.PatientName),
        str(l, TagFromName.PatientBirthDate).flatMap(Datasets::date),
        str(l, TagFromName.StudyInstanceUID),
        str(l, TagFromName.StudyDate).flatMap(Datasets::date),
        str(l, TagFromName.StudyDescription),
        str(l, TagFromName.AccessionNumber),
        level == QueryLevel.SERIES
            ? str(l, TagFromName.Modality).map(List::of).orElse(List.of())
            : Arrays.stream(
                    Attribute.getStringValues(l, TagFromName.ModalitiesInStudy) == null
                        ? new String[0]
                        : Attribute.getStringValues(l, TagFromName.ModalitiesInStudy))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList(),
        str(l, TagFromName.SeriesInstanceUID),
        integer(l, TagFromName.SeriesNumber),
        str(l, TagFromName.SeriesDescription),
        str(l, TagFromName.SOPInstanceUID),
        str(l, TagFromName.SOPClassUID),
        integer(l, TagFromName.InstanceNumber),
        level == QueryLevel.STUDY
            ? integer(l, TagFromName.NumberOfStudyRelatedInstances)
            : level == QueryLevel.SERIES
                ? integer(l, TagFromName.NumberOfSeriesRelatedInstances)
                : OptionalInt.empty());
  }

  private static Optional<String> str(AttributeList l, AttributeTag tag) {
    String s = Attribute.getSingleStringValueOrEmptyString(l, tag).strip();
    return s.isEmpty() ? Optional.empty() : Optional.of(s);
  }

  private static OptionalInt integer(AttributeList l, AttributeTag tag) {
    Optional<String> s = str(l, tag);
    if (s.isEmpty()) {
      return OptionalInt.empty();
    }
    try {
      return OptionalInt.of(Integer.parseInt(s.get().strip()));
    } catch (NumberFormatException e) {
      return OptionalInt.empty();
    }
  }

  /** A DICOM DA value (YYYYMMDD; the old YYYY.MM.DD form too), empty when unusable. */
  static Optional<LocalDate> date(String da) {
    String d = da.replace(".", "").strip();
    if (d.length() != 8 || !d.chars().allMatch(Character::isDigit)) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          LocalDate.of(
              Integer.parseInt(d.substring(0, 4)),
              Integer.parseInt(d.substring(4, 6)),
              Integer.parseInt(d.substring(6, 8))));
    } catch (java.time.DateTimeException e) {
      return Optional.empty();
    }
  }
}
