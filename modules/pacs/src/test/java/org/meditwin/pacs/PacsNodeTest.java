package org.meditwin.pacs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PacsNodeTest {
  @Test
  void acceptsAValidNodeAndTrimsIt() {
    PacsNode n = PacsNode.of(" Main PACS ", " ORTHANC ", " pacs.local ", 4242, "MEDITWIN");
    assertThat(n.name()).isEqualTo("Main PACS");
    assertThat(n.calledAe()).isEqualTo("ORTHANC");
    assertThat(n.host()).isEqualTo("pacs.local");
  }

  @Test
  void rejectsAeTitlesLongerThanSixteenCharacters() {
    assertThatThrownBy(() -> PacsNode.of("p", "ABCDEFGHIJKLMNOPQ", "h", 104, "WS"))
        .hasMessageContaining("at most 16");
    assertThat(PacsNode.aeProblem("ABCDEFGHIJKLMNOP")).isEmpty();
  }

  @Test
  void rejectsAeTitlesWithBackslashOrControlCharacters() {
    assertThat(PacsNode.aeProblem("A\\B")).isPresent();
    assertThat(PacsNode.aeProblem("A\tB")).isPresent();
    assertThat(PacsNode.aeProblem("   ")).isPresent();
  }

  @Test
  void rejectsPortsOutsideOneTo65535() {
    assertThatThrownBy(() -> PacsNode.of("p", "A", "h", 0, "WS"))
        .hasMessageContaining("1 to 65535");
    assertThatThrownBy(() -> PacsNode.of("p", "A", "h", 65536, "WS"))
        .hasMessageContaining("1 to 65535");
    assertThatThrownBy(() -> PacsNode.of("p", "A", "h", 104, "WS").withStoreScpPort(70000))
        .hasMessageContaining("Store SCP port");
  }

  @Test
  void rejectsBlankHostsAndNonHttpDicomWebAddresses() {
    assertThatThrownBy(() -> PacsNode.of("p", "A", " ", 104, "WS")).hasMessageContaining("host");
    assertThatThrownBy(
            () ->
                PacsNode.of("p", "A", "h", 104, "WS").withDicomWeb(URI.create("ftp://h/dicom-web")))
        .hasMessageContaining("http");
  }

  @Test
  void queryDateRangeUsesDicomRangeSyntax() {
    PacsQuery q =
        PacsQuery.studies()
            .withStudyDates(
                Optional.of(LocalDate.of(2024, 1, 1)), Optional.of(LocalDate.of(2024, 1, 31)));
    assertThat(q.studyDateRange()).contains("20240101-20240131");
    assertThat(
            PacsQuery.studies()
                .withStudyDates(Optional.empty(), Optional.of(LocalDate.of(2024, 2, 3)))
                .studyDateRange())
        .contains("-20240203");
    assertThat(PacsQuery.studies().studyDateRange()).isEmpty();
    assertThatThrownBy(
            () ->
                PacsQuery.studies()
                    .withStudyDates(
                        Optional.of(LocalDate.of(2024, 2, 1)),
                        Optional.of(LocalDate.of(2024, 1, 1))))
        .hasMessageContaining("ends before");
  }

  @Test
  void seriesAndImageQueriesNeedTheirParents() {
    assertThatThrownBy(() -> PacsQuery.at(QueryLevel.SERIES))
        .hasMessageContaining("study instance UID");
    assertThat(PacsQuery.instancesOf("1.2", "1.2.3").level()).isEqualTo(QueryLevel.IMAGE);
  }
}
