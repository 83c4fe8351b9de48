package org.meditwin.pacs.dimse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.meditwin.pacs.PacsException;
import org.meditwin.pacs.PacsMatch;
import org.meditwin.pacs.PacsQuery;
import org.meditwin.pacs.QueryLevel;

class CodecTest {
  @Test
  void commandSetsRoundTripWithGroupLengthAndPadding() {
    byte[] bytes =
        new CommandSet()
            .put(CommandSet.AFFECTED_SOP_CLASS, "1.2.840.10008.1.1")
            .put(CommandSet.COMMAND_FIELD, CommandSet.C_ECHO_RQ)
            .put(CommandSet.MESSAGE_ID, 7)
            .put(CommandSet.MOVE_DESTINATION, "ABC")
            .put(CommandSet.DATA_SET_TYPE, CommandSet.NO_DATA_SET)
            .encode();
    assertThat(bytes.length % 2).isZero();
    // (0000,0000) UL group length = everything after the first element
    int groupLength = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
    assertThat(groupLength).isEqualTo(bytes.length - 12);
    CommandSet c = CommandSet.decode(bytes);
    assertThat(c.string(CommandSet.AFFECTED_SOP_CLASS)).contains("1.2.840.10008.1.1");
    assertThat(c.commandField()).isEqualTo(CommandSet.C_ECHO_RQ);
    assertThat(c.integer(CommandSet.MESSAGE_ID)).hasValue(7);
    assertThat(c.string(CommandSet.MOVE_DESTINATION)).contains("ABC");
    assertThat(c.hasDataSet()).isFalse();
  }

  @Test
  void malformedCommandIsAProtocolError() {
    assertThatThrownBy(() -> CommandSet.decode(new byte[] {0, 0, 0, 1, 100, 0, 0, 0, 1}))
        .isInstanceOf(PacsException.class)
        .hasMessageContaining("malformed");
  }

  @Test
  void part10WrapAndParseRoundTrip() {
    byte[] ds = {8, 0, 0x60, 0, 2, 0, 'C', 'T'};
    byte[] file = Part10.wrap("1.2.840.10008.5.1.4.1.1.2", "1.2.3.4", "1.2.840.10008.1.2", ds);
    Part10.Meta m = Part10.parse(file);
    assertThat(m.sopClassUid()).isEqualTo("1.2.840.10008.5.1.4.1.1.2");
    assertThat(m.sopInstanceUid()).isEqualTo("1.2.3.4");
    assertThat(m.transferSyntaxUid()).isEqualTo("1.2.840.10008.1.2");
    assertThat(Part10.dataSet(file, m)).isEqualTo(ds);
  }

  @Test
  void part10RejectsFilesWithoutPreambleOrMeta() {
    assertThatThrownBy(() -> Part10.parse(new byte[200]))
        .isInstanceOf(PacsException.class)
        .hasMessageContaining("not a DICOM Part 10 file");
  }

  @Test
  void studyIdentifierCarriesMatchingAndReturnKeys() {
    PacsQuery q =
        PacsQuery.studies()
            .withPatientId("PID-1")
            .withModality("MR")
            .withAccessionNumber("ACC9")
            .withStudyDates(
                Optional.of(LocalDate.of(2023, 5, 1)), Optional.of(LocalDate.of(2023, 5, 31)));
    AttributeList l =
        Datasets.decode(
            Datasets.encode(Datasets.identifier(q), Uids.EXPLICIT_LE), Uids.EXPLICIT_LE);
    assertThat(Attribute.getSingleStringValueOrEmptyString(l, TagFromName.QueryRetrieveLevel))
        .isEqualTo("STUDY");
    assertThat(Attribute.getSingleStringValueOrEmptyString(l, TagFromName.PatientID))
        .isEqualTo("PID-1");
    assertThat(Attribute.getSingleStringValueOrEmptyString(l, TagFromName.ModalitiesInStudy))
        .isEqualTo("MR");
    assertThat(Attribute.getSingleStringValueOrEmptyString(l, TagFromName.AccessionNumber))
        .isEqualTo("ACC9");
    assertThat(Attribute.getSingleStringValueOrEmptyString(l, TagFromName.StudyDate))
        .isEqualTo("20230501-20230531");
    assertThat(l.get(TagFromName.StudyInstanceUID)).isNotNull();
    assertThat(l.get(TagFromName.NumberOfStudyRelatedInstances)).isNotNull();
  }

  @Test
  void nonAsciiNamesAreSentAsUtf8() {
    AttributeList l = Datasets.identifier(PacsQuery.studies().withPatientName("Müller*"));
    AttributeList back = Datasets.decode(Datasets.encode(l, Uids.EXPLICIT_LE), Uids.EXPLICIT_LE);
    assertThat(Attribute.getSingleStringValueOrEmptyString(back, TagFromName.SpecificCharacterSet))
        .isEqualTo("ISO_IR 192");
    assertThat(Attribute.getSingleStringValueOrEmptyString(back, TagFromName.PatientName))
        .isEqualTo("Müller*");
  }

  @Test
  void seriesMatchesAreTyped() throws Exception {
    AttributeList l = Datasets.identifier(PacsQuery.seriesOf("1.2.3"));
    l.get(TagFromName.SeriesInstanceUID).addValue("1.2.3.4");
    l.get(TagFromName.Modality).addValue("CT");
    l.get(TagFromName.SeriesNumber).addValue("3");
    l.get(TagFromName.NumberOfSeriesRelatedInstances).addValue("120");
    PacsMatch m = Datasets.match(QueryLevel.SERIES, l);
    assertThat(m.seriesInstanceUid()).contains("1.2.3.4");
    assertThat(m.modalities()).containsExactly("CT");
    assertThat(m.seriesNumber()).hasValue(3);
    assertThat(m.numberOfInstances()).hasValue(120);
    assertThat(m.patientName()).isEmpty();
  }

  @Test
  void datesParseBothDicomForms() {
    assertThat(Datasets.date("20240229")).contains(LocalDate.of(2024, 2, 29));
    assertThat(Datasets.date("2024.02.29")).contains(LocalDate.of(2024, 2, 29));
    assertThat(Datasets.date("20240230")).isEmpty();
    assertThat(Datasets.date("")).isEmpty();
  }

  @Test
  void statusCodesAreDescribedWithoutGuessing() {
    assertThat(Status.describe(0xA801)).contains("move destination unknown").contains("0xA801");
    assertThat(Status.describe(0xC123)).contains("unable to process");
    assertThat(Status.describe(0xA702)).contains("out of resources");
  }
}
