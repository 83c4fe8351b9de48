package org.meditwin.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.meditwin.nlp.ClinicalNlp;

class EventProposerTest {
  static final ClinicalNlp NLP = ClinicalNlp.rulesOnly();
  static final LocalDate IMPORTED = LocalDate.of(2026, 1, 5);

  @AfterAll
  static void close() {
    NLP.close();
  }

  static List<ProposedEvent> propose(String... pageTexts) {
    List<DocumentPage> pages =
        java.util.stream.IntStream.range(0, pageTexts.length)
            .mapToObj(
                i ->
                    new DocumentPage(
                        "d",
                        i + 1,
                        ExtractionMethod.TEXT_LAYER,
                        pageTexts[i],
                        List.of(),
                        OptionalDouble.empty(),
                        1))
            .toList();
    return EventProposer.propose(
        "d", "p", pages, pages.stream().map(p -> NLP.entities(p.text())).toList(), IMPORTED);
  }

  @Test
  void datesComeFromTheSentenceThenThePageLabelThenTheDocumentThenTheImport() {
    List<ProposedEvent> e =
        propose(
            "Date of visit: 2024-03-14\nDOB: 1950-01-02\nThe patient has tinnitus.\n"
                + "Myringotomy on 2023-11-03.",
            "Admission date: 02/11/2023\nDiagnoses: Hypertension.",
            "Plan: ibuprofen 400 mg.");
    assertThat(find(e, "tinnitus").date()).isEqualTo(LocalDate.of(2024, 3, 14));
    assertThat(find(e, "tinnitus").dateSource()).isEqualTo(DateSource.DOCUMENT);
    assertThat(find(e, "Myringotomy").date()).isEqualTo(LocalDate.of(2023, 11, 3));
    assertThat(find(e, "Myringotomy").dateSource()).isEqualTo(DateSource.SENTENCE);
    assertThat(find(e, "Hypertension").date()).isEqualTo(LocalDate.of(2023, 2, 11));
    assertThat(find(e, "ibuprofen").date()).isEqualTo(LocalDate.of(2024, 3, 14));
    assertThat(propose("Hypertension.").getFirst().dateSource()).isEqualTo(DateSource.IMPORTED);
    assertThat(propose("DOB: 12 March 1950. Hypertension.").getFirst().date()).isEqualTo(IMPORTED);
  }

  @Test
  void negatedAndFamilyMentionsProposeNothingAndUncertainOnesAreFlagged() {
    List<ProposedEvent> e =
        propose(
            "Denies chest pain. Family history of diabetes in the mother. "
                + "Possible otitis media. History of hypertension.");
    assertThat(e).noneMatch(x -> x.title().equalsIgnoreCase("chest pain"));
    assertThat(e).noneMatch(x -> x.title().equalsIgnoreCase("diabetes"));
    assertThat(find(e, "otitis media").uncertain()).isTrue();
    assertThat(find(e, "hypertension").historical()).isTrue();
    assertThat(DocumentService.toTimeline(find(e, "otitis media"), "x").title())
        .endsWith("(uncertain)");
  }

  @Test
  void sideSeverityBodyPartAndDuplicatesAreHandled() {
    List<ProposedEvent> e =
        propose(
            "Severe sensorineural hearing loss in the right ear. "
                + "Sensorineural hearing loss in the right ear again.");
    ProposedEvent loss = find(e, "sensorineural hearing loss");
    assertThat(loss.laterality()).isEqualTo(Side.RIGHT);
    assertThat(loss.severity()).contains("severe");
    assertThat(loss.bodyPart()).contains("ear");
    assertThat(e.stream().filter(x -> x.title().equalsIgnoreCase("sensorineural hearing loss")))
        .hasSize(1);
  }

  @Test
  void datesInCommonWritingsAreFoundAndImpossibleOnesIgnored() {
    List<ClinicalDates.Mention> m =
        ClinicalDates.find(
            "Seen March 14, 2024 and 3 Feb 2023, on 2024-02-30, 31/12/2022 and 12/31/2022.");
    assertThat(m.stream().map(ClinicalDates.Mention::date))
        .containsExactly(
            LocalDate.of(2024, 3, 14),
            LocalDate.of(2023, 2, 3),
            LocalDate.of(2022, 12, 31),
            LocalDate.of(2022, 12, 31));
  }

  private static ProposedEvent find(List<ProposedEvent> e, String title) {
    return e.stream()
        .filter(x -> x.title().toLowerCase().startsWith(title.toLowerCase()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no event " + title + " in " + e));
  }
}
