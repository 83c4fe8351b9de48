package org.meditwin.app.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.app.common.PaneContext;
import org.meditwin.app.i18n.I18n;
import org.meditwin.app.i18n.Language;
import org.meditwin.core.domain.Patient;
import org.meditwin.core.domain.PatientId;
import org.meditwin.core.domain.Sex;
import org.meditwin.core.task.ProgressListener;
import org.meditwin.core.task.TaskExecutor;
import org.meditwin.search.patient.PatientRecord;
import org.meditwin.search.patient.PatientRecordIndex;
import org.meditwin.search.patient.RecordKind;

/** The selected patient's records as the third group of the global search. */
class GlobalSearchPatientRecordsTest {
  @TempDir static Path dir;
  static KnowledgeBaseService kb;

  @TempDir Path tmp;
  private final I18n i18n = new I18n(Language.ENGLISH);
  private final ManualDebouncer debouncer = new ManualDebouncer();
  private final List<SearchResultItem> opened = new ArrayList<>();
  private final List<String> searchedPatients = new ArrayList<>();
  private Optional<Patient> current = Optional.empty();
  private Optional<PatientRecordIndex> index = Optional.empty();
  private boolean broken;
  private PatientRecordIndex records;
  private GlobalSearchViewModel vm;

  private static final Patient JANE = patient("Jane", "Doe");
  private static final Patient BOB = patient("Bob", "Roe");

  @BeforeAll
  static void buildTinyKnowledgeBase() throws Exception {
    kb = new KnowledgeBaseService(dir.resolve("kb"), TinyKnowledgeBase.settings());
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    kb.open(key, ProgressListener.NONE);
  }

  @AfterAll
  static void closeKnowledgeBase() {
    kb.close();
  }

  @BeforeEach
  void create() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    records = PatientRecordIndex.open(tmp.resolve("patient-index"), key, Optional.empty());
    add(JANE, "note:1", RecordKind.NOTE, "Audiology visit", "Wheezing at night, asthma inhaler.");
    add(JANE, "doc:1", RecordKind.DOCUMENT, "Referral letter", "Asthma since childhood.");
    add(JANE, "img:1", RecordKind.IMAGING_REPORT, "Chest X-ray", "No consolidation.");
    add(BOB, "note:2", RecordKind.NOTE, "Visit", "Asthma exacerbation, wheezing.");
    index = Optional.of(records);
    vm =
        new GlobalSearchViewModel(
            kb,
            (q, limit) -> List.of(),
            (q, patientId, limit) -> {
              searchedPatients.add(patientId);
              if (broken) {
                throw new IllegalStateException("index unavailable");
              }
              return index.map(i -> i.search(q, Optional.of(patientId), Set.of(), limit));
            },
            () -> current,
            TaskExecutor.sameThread(),
            debouncer,
            i18n,
            opened::add);
  }

  @AfterEach
  void close() {
    records.close();
  }

  private void add(Patient p, String id, RecordKind kind, String title, String text) {
    records.upsert(
        new PatientRecord(
            id, p.id().value(), kind, title, text, LocalDate.of(2026, 3, 2), Optional.empty()));
  }

  private static Patient patient(String given, String family) {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    return new Patient(
        PatientId.random(),
        "MRN-" + given,
        given,
        family,
        Optional.empty(),
        Sex.UNKNOWN,
        "",
        "",
        "",
        "",
        true,
        now,
        now);
  }

  private void type(String text) {
    vm.queryProperty().set(text);
    debouncer.elapse();
  }

  private List<SearchResultItem.RecordHit> recordHits() {
    return vm.items().stream()
        .filter(SearchResultItem.RecordHit.class::isInstance)
        .map(SearchResultItem.RecordHit.class::cast)
        .toList();
  }

  @Test
  void withoutASelectedPatientNoRecordsAreSearched() {
    type("asthma");
    assertThat(searchedPatients).isEmpty();
    assertThat(recordHits()).isEmpty();
    assertThat(vm.items()).isNotEmpty(); // the knowledge base still answers
  }

  @Test
  void theSelectedPatientsRecordsFormAThirdGroupWithHighlightedSnippets() {
    current = Optional.of(JANE);
    type("wheezing asthma");
    String header = i18n.get("search.section.records", JANE.displayName());
    int at = vm.items().indexOf(new SearchResultItem.Header(header));
    int kbAt = vm.items().indexOf(new SearchResultItem.Header(i18n.get("search.section.kb")));
    assertThat(at).isGreaterThan(kbAt);
    assertThat(recordHits())
        .extracting(SearchResultItem.RecordHit::id)
        .containsExactly("note:1", "doc:1")
        .as("only Jane's records, never Bob's");
    SearchResultItem.RecordHit first = recordHits().get(0);
    assertThat(first.patientId()).isEqualTo(JANE.id().value());
    assertThat(first.kindLabel()).isEqualTo("SOAP note");
    assertThat(first.title()).isEqualTo("Audiology visit");
    assertThat(first.snippet().text()).doesNotContain("«").doesNotContain("»");
    assertThat(
            first.snippet().highlights().stream()
                .map(r -> first.snippet().text().substring(r.start(), r.end()).toLowerCase())
                .toList())
        .contains("wheezing", "asthma");
    assertThat(searchedPatients).containsExactly(JANE.id().value());
  }

  @Test
  void keyboardReachesARecordAndEnterOpensIt() {
    current = Optional.of(JANE);
    type("referral asthma");
    int target =
        vm.items()
            .indexOf(
                recordHits().stream()
                    .filter(r -> r.id().equals("doc:1"))
                    .findFirst()
                    .orElseThrow());
    for (int i = 0; i < vm.items().size() && vm.selectedIndexProperty().get() != target; i++) {
      vm.selectNext();
    }
    assertThat(vm.selectedIndexProperty().get()).isEqualTo(target);
    vm.activate();
    assertThat(opened).hasSize(1);
    SearchResultItem.RecordHit hit = (SearchResultItem.RecordHit) opened.get(0);
    assertThat(hit.kind()).isEqualTo(RecordKind.DOCUMENT);
    assertThat(PatientRecordsService.paneOf(hit.kind())).isEqualTo(PaneContext.Pane.DOCUMENTS);
  }

  @Test
  void everyKindOpensItsPane() {
    assertThat(PatientRecordsService.paneOf(RecordKind.NOTE)).isEqualTo(PaneContext.Pane.SOAP);
    assertThat(PatientRecordsService.paneOf(RecordKind.DOCUMENT))
        .isEqualTo(PaneContext.Pane.DOCUMENTS);
    assertThat(PatientRecordsService.paneOf(RecordKind.IMAGING_REPORT))
        .isEqualTo(PaneContext.Pane.IMAGING);
    assertThat(PatientRecordsService.paneOf(RecordKind.TIMELINE_EVENT))
        .isEqualTo(PaneContext.Pane.TIMELINE);
  }

  @Test
  void anIndexStillOpeningOrBrokenGivesAMessageAndKeepsOtherResults() {
    current = Optional.of(JANE);
    index = Optional.empty();
    type("asthma");
    assertThat(vm.messageProperty().get()).contains(i18n.get("search.records.loading"));
    assertThat(vm.items()).isNotEmpty();

    broken = true;
    type("asthma again");
    assertThat(vm.messageProperty().get()).contains(i18n.get("search.records.failed"));
    assertThat(vm.items()).isNotEmpty();
  }

  @Test
  void badQueriesNeverThrowWithRecordsIncluded() {
    current = Optional.of(JANE);
    for (String q :
        List.of(
            "asthma AND (\"wheez*\" OR -cough) ~2 ^3 [a TO z] field:value /re.*/",
            "哮喘",
            "दमा",
            "\u0000",
            "x".repeat(100_000))) {
      type(q);
      assertThat(vm.items().isEmpty() ? vm.messageProperty().get() : "results").as(q).isNotBlank();
    }
  }

  @Test
  void unmarkTurnsMarksIntoRanges() {
    var s = SearchResultItem.RecordHit.unmark("a «bc» d «e»");
    assertThat(s.text()).isEqualTo("a bc d e");
    assertThat(s.highlights())
        .extracting(r -> s.text().substring(r.start(), r.end()))
        .containsExactly("bc", "e");
    assertThat(SearchResultItem.RecordHit.unmark("no marks").highlights()).isEmpty();
  }
}
