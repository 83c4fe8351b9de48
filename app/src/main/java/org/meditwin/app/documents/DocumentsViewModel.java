package org.meditwin.app.documents;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.meditwin.app.common.ErrorReporter;
import org.meditwin.app.i18n.I18n;
import org.meditwin.core.domain.Patient;
import org.meditwin.core.task.TaskExecutor;
import org.meditwin.documents.DocumentEntity;
import org.meditwin.documents.DocumentPage;
import org.meditwin.documents.DocumentService;
import org.meditwin.documents.DocumentStatus;
import org.meditwin.documents.DocumentSummary;
import org.meditwin.documents.FailureReason;
import org.meditwin.documents.ImportOutcome;
import org.meditwin.documents.JobProgress;
import org.meditwin.documents.ProposalEdit;
import org.meditwin.documents.ProposalStatus;
import org.meditwin.documents.ProposedEvent;

/**
 * Documents pane: the current patient's documents and their jobs (live progress from the service's
 * worker, cancel, retry, delete), imports (files refused at import stay in the list with their
 * reason for this session), the selected document's pages with highlighted entities, and its
 * proposed timeline events to confirm, edit or reject. Service calls run on the task executor;
 * results and progress land on the FX thread ({@code fxThread}).
 */
public final class DocumentsViewModel {
  /** Resolution the viewer renders PDF pages at. */
  static final int VIEW_DPI = 110;

  private final DocumentService docs;
  private final TaskExecutor tasks;
  private final Consumer<Runnable> fxThread;
  private final I18n i18n;
  private final ErrorReporter errors;
  private final Clock clock;

  private final ReadOnlyObjectWrapper<Optional<Patient>> patient =
      new ReadOnlyObjectWrapper<>(Optional.empty());
  private final ObservableList<JobRow> jobs = FXCollections.observableArrayList();
  private final ReadOnlyObjectWrapper<Optional<JobRow>> selected =
      new ReadOnlyObjectWrapper<>(Optional.empty());
  private final ReadOnlyObjectWrapper<Optional<PageView>> page =
      new ReadOnlyObjectWrapper<>(Optional.empty());
  private final ObservableList<ProposedEvent> proposals = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
  private final AtomicLong generation = new AtomicLong();
  private final AtomicLong refusedIds = new AtomicLong();
  private List<DocumentPage> pages = List.of();
  private List<DocumentEntity> entities = List.of();
  private final Consumer<JobProgress> listener;

  private Optional<String> pendingOpen = Optional.empty();

  public DocumentsViewModel(
      DocumentService docs,
      TaskExecutor tasks,
      Consumer<Runnable> fxThread,
      I18n i18n,
      ErrorReporter errors,
      Clock clock) {
    this.docs = Objects.requireNonNull(docs);
    this.tasks = Objects.requireNonNull(tasks);
    this.fxThread = Objects.requireNonNull(fxThread);
    this.i18n = Objects.requireNonNull(i18n);
    this.errors = Objects.requireNonNull(errors);
    this.clock = Objects.requireNonNull(clock);
    this.listener = p -> fxThread.accept(() -> onProgress(p));
    docs.addListener(listener);
  }

  // --- state ----------------------------------------------------------------------------------

  public ReadOnlyObjectProperty<Optional<Patient>> patientProperty() {
    return patient.getReadOnlyProperty();
  }

  public ObservableList<JobRow> jobs() {
    return FXCollections.unmodifiableObservableList(jobs);
  }

  public ReadOnlyObjectProperty<Optional<JobRow>> selectedProperty() {
    return selected.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<Optional<PageView>> pageProperty() {
    return page.getReadOnlyProperty();
  }

  public ObservableList<ProposedEvent> proposals() {
    return FXCollections.unmodifiableObservableList(proposals);
  }

  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty busyProperty() {
    return busy.getReadOnlyProperty();
  }

  /** A PHI-free, translated description of a row's state (status, reason, pages). */
  String describe(JobRow row) {
    if (row.refused()) {
      return i18n.get("documents.status.REFUSED") + ": " + reason(row.failure().orElseThrow());
    }
    DocumentStatus s = row.status().orElseThrow();
    StringBuilder sb = new StringBuilder(i18n.get("documents.status." + s.name()));
    if (row.duplicate()) {
      sb.append(" · ").append(i18n.get("documents.duplicate"));
    }
    if (s == DocumentStatus.FAILED) {
      row.failure().ifPresent(f -> sb.append(": ").append(reason(f)));
    } else if (s == DocumentStatus.DONE) {
      sb.append(" · ").append(i18n.get("documents.pages", row.pages(), row.ocrPages()));
      if (row.textChars() == 0) {
        sb.append(" · ").append(i18n.get("documents.noText"));
      }
    }
    return sb.toString();
  }

  String reason(FailureReason r) {
    return i18n.get("documents.reason." + r.name());
  }

  // --- patient and list -----------------------------------------------------------------------

  /** Follows the clinician's current patient; reloads the list. */
  public void setPatient(Optional<Patient> p) {
    if (!p.map(Patient::id).equals(patient.get().map(Patient::id))) {
      pendingOpen = Optional.empty();
    }
    patient.set(p);
    jobs.clear();
    clearSelection();
    refresh();
  }

  /** Reloads the current patient's documents (refused rows of this patient stay). */
  public void refresh() {
    Optional<Patient> p = patient.get();
    if (p.isEmpty()) {
      status.set(i18n.get("documents.noPatient"));
      return;
    }
    long gen = generation.incrementAndGet();
    String pid = p.get().id().value();
    tasks
        .submit(i18n.get("documents.task.load"), pr -> docs.documents(pid))
        .whenComplete(
            (list, failure) ->
                fxThread.accept(
                    () -> {
                      if (gen != generation.get()) {
                        return;
                      }
                      if (failure != null) {
                        status.set(errors.message(failure));
                        return;
                      }
                      List<JobRow> rows = new ArrayList<>();
                      jobs.stream().filter(JobRow::refused).forEach(rows::add);
                      for (DocumentSummary d : list) {
                        JobRow r = JobRow.of(d);
                        Optional<JobProgress> live = docs.progress(d.id());
                        if (live.isPresent() && r.running()) {
                          r = r.withProgress(live.get().status(), live.get().fraction());
                        }
                        rows.add(r);
                      }
                      jobs.setAll(rows);
                      status.set(i18n.get("documents.count", list.size()));
                      selected.get().ifPresent(s -> reselect(s.id()));
                      pendingOpen.ifPresent(this::openWhenLoaded);
                    }));
  }

  /**
   * Selects the document with this id and shows it in the viewer, now when the current patient's
   * list holds it, else once the list has loaded (a request from the global search or a citation).
   */
  public void openWhenLoaded(String documentId) {
    Optional<JobRow> row = jobs.stream().filter(r -> r.id().equals(documentId)).findFirst();
    if (row.isPresent()) {
      pendingOpen = Optional.empty();
      select(row);
    } else {
      pendingOpen = Optional.of(documentId);
    }
  }

  private void reselect(String id) {
    jobs.stream()
        .filter(r -> r.id().equals(id))
        .findFirst()
        .ifPresent(r -> selected.set(Optional.of(r)));
  }

  // --- import ---------------------------------------------------------------------------------

  /**
   * Imports files for the current patient (each one independently: a refused or failing file never
   * stops the others) and queues their jobs.
   */
  public void importFiles(List<Path> files) {
    Optional<Patient> p = patient.get();
    if (p.isEmpty()) {
      status.set(i18n.get("documents.noPatient"));
      return;
    }
    if (files.isEmpty()) {
      return;
    }
    String pid = p.get().id().value();
    busy.set(true);
    tasks
        .submit(
            i18n.get("documents.task.import"),
            pr -> {
              List<Object[]> out = new ArrayList<>();
              int i = 0;
              for (Path f : files) {
                pr.progress(i++, files.size(), i18n.get("documents.task.import"));
                String name = f.getFileName() == null ? "?" : f.getFileName().toString();
                try {
                  out.add(new Object[] {name, docs.importFile(pid, f)});
                } catch (RuntimeException e) {
                  out.add(new Object[] {name, e});
                }
              }
              return out;
            })
        .whenComplete(
            (results, failure) ->
                fxThread.accept(
                    () -> {
                      busy.set(false);
                      if (failure != null) {
                        status.set(errors.message(failure));
                        return;
                      }
                      onImported(results);
                    }));
  }

  private void onImported(List<Object[]> results) {
    int queued = 0;
    int refused = 0;
    int duplicates = 0;
    Optional<String> lastError = Optional.empty();
    for (Object[] r : results) {
      String name = (String) r[0];
      if (r[1] instanceof RuntimeException e) {
        lastError = Optional.of(errors.message(e));
        refused++;
        continue;
      }
      ImportOutcome o = (ImportOutcome) r[1];
      if (o.refused().isPresent()) {
        refused++;
        jobs.addFirst(
            JobRow.refused(
                "refused:" + refusedIds.incrementAndGet(),
                name,
                o.refused().get(),
                clock.instant()));
        continue;
      }
      DocumentSummary d = o.document().orElseThrow();
      JobRow row = o.duplicate() ? JobRow.of(d).asDuplicate() : JobRow.of(d);
      if (o.duplicate()) {
        duplicates++;
      } else {
        queued++;
      }
      jobs.removeIf(j -> j.id().equals(d.id()));
      jobs.addFirst(row);
    }
    String summary = i18n.get("documents.imported", queued, duplicates, refused);
    status.set(lastError.map(e -> summary + " · " + e).orElse(summary));
  }

  private void onProgress(JobProgress p) {
    for (int i = 0; i < jobs.size(); i++) {
      JobRow r = jobs.get(i);
      if (!r.id().equals(p.documentId())) {
        continue;
      }
      if (p.status() == DocumentStatus.DONE || p.status() == DocumentStatus.FAILED) {
        refreshRow(r.id());
      } else {
        JobRow updated = r.withProgress(p.status(), p.fraction());
        jobs.set(i, updated);
        if (selected.get().map(s -> s.id().equals(r.id())).orElse(false)) {
          selected.set(Optional.of(updated));
        }
      }
      return;
    }
  }

  private void refreshRow(String id) {
    tasks
        .submit(i18n.get("documents.task.load"), pr -> docs.document(id))
        .whenComplete(
            (d, failure) ->
                fxThread.accept(
                    () -> {
                      if (failure != null || d == null || d.isEmpty()) {
                        return;
                      }
                      for (int i = 0; i < jobs.size(); i++) {
                        if (jobs.get(i).id().equals(id)) {
                          JobRow row = JobRow.of(d.get());
                          jobs.set(i, jobs.get(i).duplicate() ? row.asDuplicate() : row);
                          if (selected.get().map(s -> s.id().equals(id)).orElse(false)) {
                            select(Optional.of(jobs.get(i)));
                          }
                          return;
                        }
                      }
                    }));
  }

  // --- job actions ----------------------------------------------------------------------------

  public void cancel(JobRow row) {
    run("documents.task.cancel", () -> docs.cancel(row.id()), ok -> {});
  }

  public void retry(JobRow row) {
    run(
        "documents.task.retry",
        () -> {
          docs.retry(row.id());
          return true;
        },
        ok -> refreshRow(row.id()));
  }

  /** Deletes a stored document, or forgets a refused row. */
  public void delete(JobRow row) {
    if (row.refused()) {
      jobs.remove(row);
      clearSelection();
      return;
    }
    run(
        "documents.task.delete",
        () -> docs.delete(row.id()),
        ok -> {
          jobs.removeIf(j -> j.id().equals(row.id()));
          if (selected.get().map(s -> s.id().equals(row.id())).orElse(false)) {
            clearSelection();
          }
        });
  }

  private <T> void run(String title, java.util.concurrent.Callable<T> work, Consumer<T> after) {
    tasks
        .submit(i18n.get(title), pr -> work.call())
        .whenComplete(
            (r, failure) ->
                fxThread.accept(
                    () -> {
                      if (failure != null) {
                        status.set(errors.message(failure));
                        return;
                      }
                      after.accept(r);
                    }));
  }

  // --- viewer ---------------------------------------------------------------------------------

  private void clearSelection() {
    selected.set(Optional.empty());
    page.set(Optional.empty());
    proposals.clear();
    pages = List.of();
    entities = List.of();
  }

  /** Shows a row: a finished document's first page, entities and proposals. */
  public void select(Optional<JobRow> row) {
    long gen = generation.incrementAndGet();
    selected.set(row);
    page.set(Optional.empty());
    proposals.clear();
    pages = List.of();
    entities = List.of();
    if (row.isEmpty() || !row.get().done()) {
      return;
    }
    String id = row.get().id();
    tasks
        .submit(
            i18n.get("documents.task.open"),
            pr ->
                new Object[] {docs.pages(id), docs.entities(id), docs.proposals(id), image(id, 1)})
        .whenComplete(
            (r, failure) ->
                fxThread.accept(
                    () -> {
                      if (gen != generation.get()) {
                        return;
                      }
                      if (failure != null) {
                        status.set(errors.message(failure));
                        return;
                      }
                      @SuppressWarnings("unchecked")
                      List<DocumentPage> ps = (List<DocumentPage>) r[0];
                      @SuppressWarnings("unchecked")
                      List<DocumentEntity> es = (List<DocumentEntity>) r[1];
                      @SuppressWarnings("unchecked")
                      List<ProposedEvent> props = (List<ProposedEvent>) r[2];
                      @SuppressWarnings("unchecked")
                      Optional<java.awt.image.BufferedImage> img =
                          (Optional<java.awt.image.BufferedImage>) r[3];
                      pages = ps;
                      entities = es;
                      proposals.setAll(props);
                      if (!ps.isEmpty()) {
                        page.set(Optional.of(view(ps.getFirst(), img)));
                      }
                    }));
  }

  private Optional<java.awt.image.BufferedImage> image(String id, int pageNo) {
    try {
      return Optional.of(docs.pageImage(id, pageNo, VIEW_DPI));
    } catch (RuntimeException e) {
      // the text and entities are still worth showing without the picture
      return Optional.empty();
    }
  }

  private PageView view(DocumentPage p, Optional<java.awt.image.BufferedImage> img) {
    return new PageView(p, img, PageView.highlights(p, entities), pages.size());
  }

  /** Moves the viewer to page {@code n} (1-based) of the selected document. */
  public void showPage(int n) {
    Optional<JobRow> row = selected.get();
    if (row.isEmpty() || n < 1 || n > pages.size()) {
      return;
    }
    long gen = generation.get();
    DocumentPage p = pages.get(n - 1);
    String id = row.get().id();
    tasks
        .submit(i18n.get("documents.task.open"), pr -> image(id, n))
        .whenComplete(
            (img, failure) ->
                fxThread.accept(
                    () -> {
                      if (gen != generation.get()) {
                        return;
                      }
                      page.set(Optional.of(view(p, failure == null ? img : Optional.empty())));
                    }));
  }

  public int currentPage() {
    return page.get().map(v -> v.page().page()).orElse(0);
  }

  // --- proposals ------------------------------------------------------------------------------

  public void confirm(ProposedEvent e, Optional<ProposalEdit> edit) {
    decide(
        e,
        () -> {
          ProposedEvent confirmed = docs.confirm(e.id(), edit);
          afterConfirm.run();
          return confirmed;
        },
        "documents.confirmed");
  }

  private Runnable afterConfirm = () -> {};

  /**
   * Work to run on the background thread after a proposal became a timeline event (the pane drains
   * the search-index outbox there so the global search finds the new event).
   */
  public void onConfirmed(Runnable hook) {
    afterConfirm = java.util.Objects.requireNonNull(hook, "hook");
  }

  public void reject(ProposedEvent e) {
    decide(e, () -> docs.reject(e.id()), "documents.rejected");
  }

  /** Saves corrections without deciding. */
  public void edit(ProposedEvent e, ProposalEdit edit) {
    decide(e, () -> docs.edit(e.id(), edit), "documents.edited");
  }

  private void decide(
      ProposedEvent e, java.util.concurrent.Callable<ProposedEvent> work, String doneKey) {
    if (e.status() != ProposalStatus.PROPOSED) {
      status.set(i18n.get("documents.alreadyDecided"));
      return;
    }
    run(
        "documents.task.decide",
        work,
        updated -> {
          int i = indexOf(updated.id());
          if (i >= 0) {
            proposals.set(i, updated);
          }
          status.set(i18n.get(doneKey, updated.title()));
        });
  }

  private int indexOf(String proposalId) {
    for (int i = 0; i < proposals.size(); i++) {
      if (proposals.get(i).id().equals(proposalId)) {
        return i;
      }
    }
    return -1;
  }

  /** Stops listening to the service (the pane is closing). */
  public void dispose() {
    docs.removeListener(listener);
  }
}
