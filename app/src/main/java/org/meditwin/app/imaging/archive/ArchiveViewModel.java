package org.meditwin.app.imaging.archive;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.meditwin.app.common.ErrorReporter;
import org.meditwin.app.i18n.I18n;
import org.meditwin.core.domain.Patient;
import org.meditwin.core.task.TaskExecutor;
import org.meditwin.imaging.Catalog;
import org.meditwin.imaging.DicomSource;
import org.meditwin.imaging.archive.ArchivedStudy;
import org.meditwin.imaging.archive.ImagingArchive;
import org.meditwin.imaging.archive.ImportResult;
import org.meditwin.record.TimelineService;

/**
 * The patient's imaging archive in the imaging pane: "Add to patient record" for the study shown,
 * the list of the current patient's archived studies, and opening one in the viewer. A newly
 * archived study gets an IMAGING event on the patient's timeline (provenance imaging/&lt;study
 * id&gt;; its record link is {@code imaging:<study id>}).
 */
public final class ArchiveViewModel {
  private final ImagingArchive archive;
  private final TimelineService timeline;
  private final TaskExecutor tasks;
  private final I18n i18n;
  private final ErrorReporter errors;
  private final Supplier<LocalDate> today;
  private final java.util.function.Function<org.meditwin.core.domain.PatientId, Optional<Patient>>
      patients;
  private final ObservableList<ArchivedStudy> studies = FXCollections.observableArrayList();
  private final StringProperty status = new SimpleStringProperty("");
  private final BooleanProperty busy = new SimpleBooleanProperty(false);
  private final AtomicBoolean cancel = new AtomicBoolean();
  private Optional<Patient> patient = Optional.empty();
  private java.util.function.Consumer<ImportResult> onImported = r -> {};

  public ArchiveViewModel(
      ImagingArchive archive,
      TimelineService timeline,
      TaskExecutor tasks,
      I18n i18n,
      ErrorReporter errors,
      java.time.Clock clock,
      ZoneId zone,
      java.util.function.Function<org.meditwin.core.domain.PatientId, Optional<Patient>> patients) {
    this.archive = archive;
    this.timeline = timeline;
    this.tasks = tasks;
    this.i18n = i18n;
    this.errors = errors;
    this.today = () -> LocalDate.ofInstant(clock.instant(), zone);
    this.patients = patients;
  }

  public ObservableList<ArchivedStudy> studies() {
    return studies;
  }

  public StringProperty statusProperty() {
    return status;
  }

  public BooleanProperty busyProperty() {
    return busy;
  }

  public Optional<Patient> patient() {
    return patient;
  }

  public ImagingArchive archive() {
    return archive;
  }

  /** Switches to a patient and lists their archived studies. */
  public CompletableFuture<List<ArchivedStudy>> setPatient(Optional<Patient> p) {
    patient = p;
    studies.clear();
    if (p.isEmpty()) {
      status.set(i18n.get("imaging.archive.status.noPatient"));
      return CompletableFuture.completedFuture(List.of());
    }
    return refresh();
  }

  /** Reloads the current patient's archived studies (and says how many). */
  public CompletableFuture<List<ArchivedStudy>> refresh() {
    return refresh(true);
  }

  private CompletableFuture<List<ArchivedStudy>> refresh(boolean announce) {
    if (patient.isEmpty()) {
      return CompletableFuture.completedFuture(List.of());
    }
    String pid = patient.get().id().value();
    return tasks
        .submit(i18n.get("imaging.archive.task.list"), p -> archive.studies(pid))
        .whenComplete(
            (list, error) -> {
              if (error != null) {
                status.set(errors.message(error));
                return;
              }
              if (patient.map(x -> x.id().value()).equals(Optional.of(pid))) {
                studies.setAll(list);
                if (announce) {
                  status.set(i18n.get("imaging.archive.status.count", list.size()));
                }
              }
            });
  }

  /**
   * Archives the objects of the study shown in the viewer for the current patient (duplicates are
   * skipped, unreadable objects reported), then adds a timeline event for each new study.
   */
  public CompletableFuture<ImportResult> addToRecord(List<Catalog.Instance> instances) {
    if (patient.isEmpty()) {
      status.set(i18n.get("imaging.archive.status.noPatient"));
      return CompletableFuture.failedFuture(new IllegalStateException("no patient"));
    }
    if (instances.isEmpty()) {
      status.set(i18n.get("imaging.archive.status.nothing"));
      return CompletableFuture.failedFuture(new IllegalStateException("no study"));
    }
    String pid = patient.get().id().value();
    List<DicomSource> sources = instances.stream().map(Catalog.Instance::source).toList();
    cancel.set(false);
    busy.set(true);
    status.set(i18n.get("imaging.archive.status.importing", sources.size()));
    return tasks
        .submit(
            i18n.get("imaging.archive.task.import"),
            p -> {
              ImportResult r = archive.importSources(pid, "file", sources, p, cancel::get);
              addTimelineEvents(pid, r);
              return r;
            })
        .whenComplete(
            (r, error) -> {
              busy.set(false);
              if (error != null) {
                status.set(errors.message(error));
                return;
              }
              status.set(
                  i18n.get(
                      r.cancelled()
                          ? "imaging.archive.status.cancelled"
                          : "imaging.archive.status.imported",
                      r.importedCount(),
                      r.duplicates(),
                      r.problems().size()));
              refresh(false);
              if (r.importedCount() > 0) {
                onImported.accept(r);
              }
            });
  }

  /** Called (FX thread) after each import that stored objects, e.g. to index them elsewhere. */
  public void setOnImported(java.util.function.Consumer<ImportResult> listener) {
    onImported = java.util.Objects.requireNonNull(listener, "listener");
  }

  /** Stops an import after the object being stored (what was stored stays). */
  public void cancel() {
    cancel.set(true);
  }

  private void addTimelineEvents(String pid, ImportResult r) {
    ImagingTimelineEvents.addFor(archive, timeline, pid, r, today.get());
  }

  /** The archived study as a catalog of in-memory sources, for the viewer. */
  public CompletableFuture<Catalog> open(ArchivedStudy study) {
    String pid = study.patientId();
    busy.set(true);
    return tasks
        .submit(
            i18n.get("imaging.archive.task.open"),
            p -> archive.catalog(pid, study.studyInstanceUid()))
        .whenComplete(
            (c, error) -> {
              busy.set(false);
              status.set(
                  error != null
                      ? errors.message(error)
                      : i18n.get("imaging.archive.status.opened", c.instanceCount()));
            });
  }

  /** The view model for a pane: the session's archive, timeline and patients. */
  public static ArchiveViewModel create(org.meditwin.app.common.PaneContext context) {
    org.meditwin.core.service.UserSession session = context.session();
    return new ArchiveViewModel(
        new ImagingArchive(session.clinicalStore(), org.meditwin.imaging.DicomReader.standard()),
        TimelineService.of(session),
        context.tasks(),
        context.i18n(),
        context.errors(),
        context.clock(),
        context.zone(),
        id -> session.patients().find(id));
  }

  /** What a record link ({@code imaging:<id>}) points at. */
  public record Found(
      Optional<org.meditwin.imaging.report.ImagingReport> report,
      Optional<ArchivedStudy> study,
      Optional<Patient> patient) {}

  /**
   * Resolves a record link: {@code id} is a report id (its study is opened with it) or an archived
   * study id; the patient is looked up so the pane can switch to them.
   */
  public CompletableFuture<Found> resolve(
      String patientId,
      String id,
      java.util.function.Function<String, Optional<org.meditwin.imaging.report.ImagingReport>>
          reports) {
    return tasks.submit(
        i18n.get("imaging.archive.task.open"),
        p -> {
          Optional<org.meditwin.imaging.report.ImagingReport> r = reports.apply(id);
          Optional<ArchivedStudy> study =
              r.isPresent()
                  ? r.get()
                      .archiveStudyId()
                      .flatMap(archive::studyById)
                      .or(() -> archive.study(r.get().studyInstanceUid()))
                  : archive.studyById(id);
          Optional<Patient> patient =
              patients.apply(new org.meditwin.core.domain.PatientId(patientId));
          return new Found(r, study, patient);
        });
  }

  /** "CT · 2024-01-02 · 3 series, 120 images · file" for the list. */
  public static String describe(ArchivedStudy s, I18n i18n) {
    String date = s.date().map(LocalDate::toString).orElse("—");
    return i18n.get(
        "imaging.archive.study.line",
        s.modality().isBlank() ? "?" : s.modality().toUpperCase(Locale.ROOT),
        date,
        s.description().isBlank()
            ? i18n.get("imaging.archive.study.noDescription")
            : s.description(),
        s.seriesCount(),
        s.instanceCount(),
        s.origin());
  }
}
