package org.meditwin.app.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.app.common.KnowledgeIndex;
import org.meditwin.app.i18n.I18n;
import org.meditwin.app.i18n.Language;
import org.meditwin.core.domain.Patient;
import org.meditwin.core.domain.PatientId;
import org.meditwin.core.domain.Sex;
import org.meditwin.core.service.AccessDeniedException;
import org.meditwin.core.task.BackgroundTask;
import org.meditwin.core.task.ProgressListener;
import org.meditwin.core.task.TaskExecutor;
import org.meditwin.search.SearchRequest;
import org.meditwin.search.SearchResult;

class GlobalSearchViewModelTest {
  @TempDir static Path dir;
  static KnowledgeBaseService kb;

  private final I18n i18n = new I18n(Language.ENGLISH);
  private final ManualDebouncer debouncer = new ManualDebouncer();
  private final List<String> patientQueries = new ArrayList<>();
  private final List<SearchResultItem> opened = new ArrayList<>();
  private List<Patient> patients = List.of();
  private GlobalSearchViewModel vm;

  @BeforeAll
  static void buildTinyKnowledgeBase() throws Exception {
    kb = new KnowledgeBaseService(dir.resolve("kb"), TinyKnowledgeBase.settings());
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    assertThat(kb.open(key, ProgressListener.NONE)).isTrue();
    assertThat(key).containsOnly(0);
  }

  @AfterAll
  static void close() {
    kb.close();
  }

  @BeforeEach
  void create() {
    vm = model(kb, TaskExecutor.sameThread());
  }

  private GlobalSearchViewModel model(KnowledgeIndex index, TaskExecutor tasks) {
    return new GlobalSearchViewModel(
        index,
        (q, limit) -> {
          patientQueries.add(q);
          return patients.stream().limit(limit).toList();
        },
        tasks,
        debouncer,
        i18n,
        opened::add);
  }

  private static Patient patient(String given, String family, String mrn) {
    java.time.Instant now = java.time.Instant.parse("2026-01-01T00:00:00Z");
    return new Patient(
        PatientId.random(),
        mrn,
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

  @Test
  void typingIsDebouncedIntoOneSearchForTheLastText() {
    vm.queryProperty().set("a");
    vm.queryProperty().set("as");
    vm.queryProperty().set("asthma");
    assertThat(patientQueries).isEmpty();
    assertThat(vm.showingProperty().get()).isFalse();
    debouncer.elapse();
    assertThat(patientQueries).containsExactly("asthma");
    assertThat(vm.showingProperty().get()).isTrue();
  }

  @Test
  void knowledgeHitsCarryHighlightedSnippetCitationAndKeywordModeHeader() {
    type("wheezing asthma");
    assertThat(vm.headerProperty().get()).contains("keyword search (BM25)");
    assertThat(vm.items().get(0))
        .isEqualTo(new SearchResultItem.Header(i18n.get("search.section.kb")));
    SearchResultItem.KnowledgeHit hit = (SearchResultItem.KnowledgeHit) vm.items().get(1);
    assertThat(hit.title()).isEqualTo("What is (are) Asthma ?");
    assertThat(hit.source()).isEqualTo("MedlinePlus Health Topics");
    assertThat(hit.url()).contains("https://medlineplus.gov/asthma.html");
    assertThat(hit.snippet().highlights()).isNotEmpty();
    assertThat(
            hit.snippet().highlights().stream()
                .map(r -> hit.snippet().text().substring(r.start(), r.end()).toLowerCase())
                .toList())
        .contains("wheezing");
    assertThat(vm.selectedIndexProperty().get()).isEqualTo(1);
  }

  @Test
  void patientsFormTheirOwnLabelledSection() {
    patients = List.of(patient("Jane", "Asthma-Test", "MRN-7"));
    type("asthma");
    int header =
        vm.items().indexOf(new SearchResultItem.Header(i18n.get("search.section.patients")));
    assertThat(header).isPositive();
    SearchResultItem.PatientHit p = (SearchResultItem.PatientHit) vm.items().get(header + 1);
    assertThat(p.name()).contains("Jane");
    assertThat(p.mrn()).isEqualTo("MRN-7");
  }

  @Test
  void badInputGivesResultsOrAClearMessageNeverAnException() {
    type("   ");
    assertThat(vm.showingProperty().get()).isFalse();
    assertThat(vm.items()).isEmpty();

    type("x".repeat(1 << 20));
    assertThat(vm.messageProperty().get()).contains("4,000");
    assertThat(patientQueries).doesNotContain("x".repeat(1 << 20));

    for (String q :
        List.of(
            "asthma AND (\"wheez*\" OR -cough) ~2 ^3 [a TO z] field:value /re.*/",
            "糖尿病 和 哮喘",
            "मधुमेह",
            "\u0000\u0001\uFFFF",
            "\\\\\\")) {
      type(q);
      assertThat(vm.items().isEmpty() ? vm.messageProperty().get() : "results").as(q).isNotBlank();
    }
    type("zzqqxx nonsense");
    assertThat(vm.items()).isEmpty();
    assertThat(vm.messageProperty().get()).isEqualTo(i18n.get("search.none"));
  }

  @Test
  void keyboardSelectionSkipsHeadersAndStopsAtTheEnds() {
    patients = List.of(patient("Ann", "Lee", "M-1"), patient("Bob", "Lee", "M-2"));
    type("shortness of breath");
    List<Integer> selectable = new ArrayList<>();
    for (int i = 0; i < vm.items().size(); i++) {
      if (vm.items().get(i).selectable()) {
        selectable.add(i);
      }
    }
    assertThat(selectable).hasSizeGreaterThan(3);
    assertThat(vm.selectedIndexProperty().get()).isEqualTo(selectable.get(0));
    vm.selectPrevious();
    assertThat(vm.selectedIndexProperty().get()).isEqualTo(selectable.get(0));
    List<Integer> visited = new ArrayList<>(List.of(vm.selectedIndexProperty().get()));
    for (int i = 1; i < selectable.size() + 2; i++) {
      vm.selectNext();
      visited.add(vm.selectedIndexProperty().get());
    }
    assertThat(visited.stream().distinct().toList()).isEqualTo(selectable);
    vm.selectPrevious();
    assertThat(vm.selectedIndexProperty().get()).isEqualTo(selectable.get(selectable.size() - 2));
    vm.select(0);
    assertThat(vm.selectedIndexProperty().get())
        .as("a header cannot be selected")
        .isEqualTo(selectable.get(selectable.size() - 2));

    vm.activate();
    assertThat(opened).hasSize(1).first().isInstanceOf(SearchResultItem.PatientHit.class);
    assertThat(vm.showingProperty().get()).isFalse();
  }

  @Test
  void escapeHidesResultsAndDropsASearchStillRunning() {
    type("asthma");
    vm.dismiss();
    assertThat(vm.showingProperty().get()).isFalse();

    List<CompletableFuture<Object>> pending = new ArrayList<>();
    TaskExecutor later =
        new TaskExecutor() {
          @Override
          @SuppressWarnings("unchecked")
          public <T> CompletableFuture<T> submit(String title, BackgroundTask<T> task) {
            CompletableFuture<Object> f = new CompletableFuture<>();
            pending.add(f);
            return f.thenApply(
                x -> {
                  try {
                    return task.run(ProgressListener.NONE);
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                });
          }
        };
    vm = model(kb, later);
    type("diabetes");
    assertThat(vm.busyProperty().get()).isTrue();
    vm.dismiss();
    pending.forEach(f -> f.complete(null));
    assertThat(vm.showingProperty().get()).isFalse();
    assertThat(vm.items()).isEmpty();
  }

  @Test
  void aKnowledgeBaseStillLoadingOrAFailingPatientSearchBecomesAMessage() {
    KnowledgeIndex loading =
        new KnowledgeIndex() {
          @Override
          public State state() {
            return State.LOADING;
          }

          @Override
          public boolean semantic() {
            return false;
          }

          @Override
          public SearchResult search(SearchRequest request) {
            throw new AssertionError("not ready");
          }
        };
    vm =
        new GlobalSearchViewModel(
            loading,
            (q, limit) -> {
              throw new AccessDeniedException("The session is locked.");
            },
            TaskExecutor.sameThread(),
            debouncer,
            i18n,
            opened::add);
    type("asthma");
    assertThat(vm.items()).isEmpty();
    assertThat(vm.messageProperty().get())
        .contains(i18n.get("search.kb.loading"))
        .contains(i18n.get("search.patients.failed"));
  }
}
