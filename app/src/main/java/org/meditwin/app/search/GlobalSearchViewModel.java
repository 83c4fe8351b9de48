package org.meditwin.app.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.meditwin.app.common.KnowledgeIndex;
import org.meditwin.app.i18n.I18n;
import org.meditwin.core.domain.Patient;
import org.meditwin.core.task.TaskExecutor;
import org.meditwin.search.SearchFilter;
import org.meditwin.search.SearchHit;
import org.meditwin.search.SearchMode;
import org.meditwin.search.SearchRequest;
import org.meditwin.search.SearchResult;
import org.meditwin.search.SearchService;
import org.meditwin.search.patient.PatientRecordHit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The global search: debounced queries over the knowledge base, the patients and, while a patient
 * is selected, that patient's own records (notes, documents, imaging reports, timeline events);
 * results in labelled sections, and a keyboard selection that skips section headers. Any text is
 * accepted; problems become a message, never an exception.
 */
public final class GlobalSearchViewModel {
  /** Finds patients by name, MRN, phone or e-mail (the session's {@code PatientService}). */
  @FunctionalInterface
  public interface PatientFinder {
    List<Patient> find(String query, int limit);
  }

  /** Searches the selected patient's records (the session's patient-record index). */
  @FunctionalInterface
  public interface RecordFinder {
    /**
     * Records of {@code patientId} matching {@code query}, best first; empty while the index is not
     * open yet (or could not be opened).
     */
    Optional<List<PatientRecordHit>> find(String query, String patientId, int limit);
  }

  /** Records of the selected patient shown. */
  static final int RECORD_HITS = 6;

  /** Knowledge-base hits shown. */
  static final int KB_HITS = 8;

  /** Patients shown. */
  static final int PATIENT_HITS = 5;

  /** Longer text is not a patient name, MRN or contact: patients are not searched. */
  static final int MAX_PATIENT_QUERY = 200;

  private static final Logger LOG = LoggerFactory.getLogger(GlobalSearchViewModel.class);

  private final KnowledgeIndex knowledge;
  private final PatientFinder patients;
  private final RecordFinder records;
  private final Supplier<Optional<Patient>> currentPatient;
  private final TaskExecutor tasks;
  private final Debouncer debouncer;
  private final I18n i18n;
  private final Consumer<SearchResultItem> opener;

  private final StringProperty query = new SimpleStringProperty("");
  private final ObservableList<SearchResultItem> items = FXCollections.observableArrayList();
  private final ObservableList<SearchResultItem> readOnlyItems =
      FXCollections.unmodifiableObservableList(items);
  private final ReadOnlyIntegerWrapper selected = new ReadOnlyIntegerWrapper(-1);
  private final ReadOnlyStringWrapper header = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper showing = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
  private long generation;

  /** Without patient records (knowledge base and patients only). */
  public GlobalSearchViewModel(
      KnowledgeIndex knowledge,
      PatientFinder patients,
      TaskExecutor tasks,
      Debouncer debouncer,
      I18n i18n,
      Consumer<SearchResultItem> opener) {
    this(
        knowledge,
        patients,
        (q, p, n) -> Optional.of(List.of()),
        Optional::empty,
        tasks,
        debouncer,
        i18n,
        opener);
  }

  /**
   * @param records the selected patient's records
   * @param currentPatient the selected patient, read on the FX thread when a search starts
   */
  public GlobalSearchViewModel(
      KnowledgeIndex knowledge,
      PatientFinder patients,
      RecordFinder records,
      Supplier<Optional<Patient>> currentPatient,
      TaskExecutor tasks,
      Debouncer debouncer,
      I18n i18n,
      Consumer<SearchResultItem> opener) {
    this.knowledge = Objects.requireNonNull(knowledge, "knowledge");
    this.patients = Objects.requireNonNull(patients, "patients");
    this.records = Objects.requireNonNull(records, "records");
    this.currentPatient = Objects.requireNonNull(currentPatient, "currentPatient");
    this.tasks = Objects.requireNonNull(tasks, "tasks");
    this.debouncer = Objects.requireNonNull(debouncer, "debouncer");
    this.i18n = Objects.requireNonNull(i18n, "i18n");
    this.opener = Objects.requireNonNull(opener, "opener");
    query.addListener((o, a, b) -> debouncer.schedule(this::searchNow));
  }

  public StringProperty queryProperty() {
    return query;
  }

  public ObservableList<SearchResultItem> items() {
    return readOnlyItems;
  }

  /** Index into {@link #items()} of the selected hit, or -1. */
  public ReadOnlyIntegerProperty selectedIndexProperty() {
    return selected.getReadOnlyProperty();
  }

  /** Which search ran (hybrid or keyword) and how many hits. */
  public ReadOnlyStringProperty headerProperty() {
    return header.getReadOnlyProperty();
  }

  /** A notice (no results, knowledge base still being prepared, a problem). */
  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  /** True while the results panel should show. */
  public ReadOnlyBooleanProperty showingProperty() {
    return showing.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty busyProperty() {
    return busy.getReadOnlyProperty();
  }

  /** Runs the search for the current text now (Enter before the debounce fires, tests). */
  public void searchNow() {
    debouncer.cancel();
    String text = query.get() == null ? "" : query.get();
    long mine = ++generation;
    if (text.isBlank()) {
      items.clear();
      selected.set(-1);
      header.set("");
      message.set("");
      showing.set(false);
      busy.set(false);
      return;
    }
    showing.set(true);
    busy.set(true);
    Optional<Patient> patient = currentPatient.get();
    tasks
        .submit(i18n.get("task.search"), p -> run(text, patient))
        .whenComplete(
            (outcome, failure) -> {
              if (mine != generation) {
                return;
              }
              busy.set(false);
              if (failure != null) {
                LOG.warn("global search failed: {}", failure.getClass().getName());
                apply(new Outcome(List.of(), "", i18n.get("search.failed")));
              } else {
                apply(outcome);
              }
            });
  }

  private record Outcome(List<SearchResultItem> items, String header, String message) {}

  /** Background part: never throws for any text. */
  private Outcome run(String text, Optional<Patient> patient) {
    List<SearchResultItem> rows = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    String head = "";
    if (text.length() > SearchService.MAX_QUERY_CHARS) {
      notes.add(i18n.get("search.truncated", SearchService.MAX_QUERY_CHARS));
    }
    switch (knowledge.state()) {
      case LOADING -> notes.add(i18n.get("search.kb.loading"));
      case UNAVAILABLE -> notes.add(i18n.get("search.kb.unavailable"));
      case READY -> {
        try {
          SearchResult r =
              knowledge.search(
                  new SearchRequest(text, KB_HITS, SearchMode.HYBRID, SearchFilter.none()));
          boolean hybrid = r.modeUsed() == SearchMode.HYBRID && knowledge.semantic();
          head = i18n.get(hybrid ? "search.header.hybrid" : "search.header.bm25", r.hits().size());
          if (!r.hits().isEmpty()) {
            rows.add(new SearchResultItem.Header(i18n.get("search.section.kb")));
            for (SearchHit h : r.hits()) {
              rows.add(
                  new SearchResultItem.KnowledgeHit(
                      h.title(),
                      h.metadata().source(),
                      h.metadata().focus().orElse(""),
                      h.snippet(),
                      h.metadata().url(),
                      h.text()));
            }
          }
        } catch (Exception e) {
          LOG.warn("knowledge-base search failed: {}", e.getClass().getName());
          notes.add(i18n.get("search.kb.failed"));
        }
      }
    }
    String trimmed = text.strip();
    if (trimmed.length() <= MAX_PATIENT_QUERY) {
      try {
        List<Patient> found = patients.find(trimmed, PATIENT_HITS);
        if (!found.isEmpty()) {
          rows.add(new SearchResultItem.Header(i18n.get("search.section.patients")));
          for (Patient p : found) {
            rows.add(
                new SearchResultItem.PatientHit(
                    p.id(), p.displayName(), p.mrn(), i18n.get("search.patient.detail", p.mrn())));
          }
        }
      } catch (RuntimeException e) {
        LOG.warn("patient search failed: {}", e.getClass().getName());
        notes.add(i18n.get("search.patients.failed"));
      }
    }
    patient.ifPresent(p -> searchRecords(text, p, rows, notes));
    if (rows.isEmpty() && notes.isEmpty()) {
      notes.add(i18n.get("search.none"));
    }
    return new Outcome(rows, head, String.join(" ", notes));
  }

  private void searchRecords(
      String text, Patient patient, List<SearchResultItem> rows, List<String> notes) {
    try {
      Optional<List<PatientRecordHit>> found =
          records.find(text, patient.id().value(), RECORD_HITS);
      if (found.isEmpty()) {
        notes.add(i18n.get("search.records.loading"));
        return;
      }
      if (!found.get().isEmpty()) {
        rows.add(
            new SearchResultItem.Header(i18n.get("search.section.records", patient.displayName())));
        for (PatientRecordHit h : found.get()) {
          rows.add(SearchResultItem.RecordHit.of(h, kindLabel(h)));
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("patient-record search failed: {}", e.getClass().getName());
      notes.add(i18n.get("search.records.failed"));
    }
  }

  private String kindLabel(PatientRecordHit h) {
    return i18n.get("search.kind." + h.kind().name().toLowerCase(Locale.ROOT));
  }

  private void apply(Outcome outcome) {
    items.setAll(outcome.items());
    header.set(outcome.header());
    message.set(outcome.message());
    showing.set(true);
    selected.set(-1);
    selectNext();
  }

  /** Down: the next hit, skipping headers; stays on the last. */
  public void selectNext() {
    for (int i = selected.get() + 1; i < items.size(); i++) {
      if (items.get(i).selectable()) {
        selected.set(i);
        return;
      }
    }
  }

  /** Up: the previous hit, skipping headers; stays on the first. */
  public void selectPrevious() {
    for (int i = selected.get() - 1; i >= 0; i--) {
      if (items.get(i).selectable()) {
        selected.set(i);
        return;
      }
    }
  }

  /** Mouse selection of a row; headers are ignored. */
  public void select(int index) {
    if (index >= 0 && index < items.size() && items.get(index).selectable()) {
      selected.set(index);
    }
  }

  /** Enter: opens the selected hit (runs the search first when nothing is shown yet). */
  public void activate() {
    int i = selected.get();
    if (i < 0 || i >= items.size()) {
      if (!showing.get() || items.isEmpty()) {
        searchNow();
      }
      return;
    }
    SearchResultItem item = items.get(i);
    showing.set(false);
    opener.accept(item);
  }

  /** Escape: hides the results (the text stays for another try). */
  public void dismiss() {
    debouncer.cancel();
    generation++;
    busy.set(false);
    showing.set(false);
  }
}
