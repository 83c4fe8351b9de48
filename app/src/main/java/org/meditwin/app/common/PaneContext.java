package org.meditwin.app.common;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.meditwin.app.i18n.I18n;
import org.meditwin.core.domain.Patient;
import org.meditwin.core.service.UserSession;
import org.meditwin.inference.engine.DeviceInfo;
import org.meditwin.search.patient.PatientRecordIndex;

/**
 * What every pane of the main window shares: the signed-in session, the UI services, where data and
 * models live, the knowledge base, the patient the clinician is working on, and the way to move to
 * another pane. One instance per signed-in window.
 */
public final class PaneContext {

  /** A pane of the main window, addressed without depending on the shell package. */
  public enum Pane {
    PATIENTS,
    CHAT,
    TIMELINE,
    IMAGING,
    SOAP,
    DOCUMENTS,
    ADMIN
  }

  /**
   * Context handed to the chat ("ask about this study/note"): a title shown to the user and a
   * PHI-bearing text that the chat masks before any provider sees it.
   */
  public record ChatHandoff(String title, String text) {}

  /**
   * A request to open one record of a patient in the pane of its kind: {@code recordId} is the
   * patient-record index id ({@code note:…}, {@code document:…}, {@code imaging:…}, {@code
   * event:…}). The pane of the record's kind consumes it once the patient's data is loaded.
   */
  public record RecordRequest(String patientId, String recordId) {
    public RecordRequest {
      java.util.Objects.requireNonNull(patientId, "patientId");
      java.util.Objects.requireNonNull(recordId, "recordId");
    }

    /** The pane that shows this record, from the id's prefix; empty for an unknown format. */
    public Optional<Pane> pane() {
      return paneOf(recordId);
    }

    /**
     * The pane of a record id ({@code note:}, {@code document:}, {@code imaging:}, {@code event:}).
     */
    public static Optional<Pane> paneOf(String recordId) {
      for (var e : PREFIXES.entrySet()) {
        if (recordId.startsWith(e.getKey()) && recordId.length() > e.getKey().length()) {
          return Optional.of(e.getValue());
        }
      }
      return Optional.empty();
    }

    /**
     * The id local to its pane's store (a note, document or event id) when it is of {@code pane}.
     */
    public Optional<String> localId(Pane pane) {
      for (var e : PREFIXES.entrySet()) {
        if (e.getValue() == pane
            && recordId.startsWith(e.getKey())
            && recordId.length() > e.getKey().length()) {
          return Optional.of(recordId.substring(e.getKey().length()));
        }
      }
      return Optional.empty();
    }

    private static final java.util.Map<String, Pane> PREFIXES =
        java.util.Map.of(
            "note:", Pane.SOAP,
            "document:", Pane.DOCUMENTS,
            "imaging:", Pane.IMAGING,
            "event:", Pane.TIMELINE);
  }

  private final UserSession session;
  private final UiTaskExecutor tasks;
  private final I18n i18n;
  private final ErrorReporter errors;
  private final DialogService dialogs;
  private final Clock clock;
  private final ZoneId zone;
  private final Path dataDirectory;
  private final Path modelsDir;
  private final Supplier<DeviceInfo> device;
  private final Supplier<Optional<KnowledgeIndex>> knowledge;
  private final Supplier<Optional<PatientRecordIndex>> patientRecords;
  private final Consumer<Pane> navigator;
  private final ObjectProperty<Optional<Patient>> currentPatient =
      new SimpleObjectProperty<>(Optional.empty());
  private final ObjectProperty<Optional<ChatHandoff>> chatHandoff =
      new SimpleObjectProperty<>(Optional.empty());
  private final ObjectProperty<Optional<RecordRequest>> recordRequest =
      new SimpleObjectProperty<>(Optional.empty());

  public PaneContext(
      UserSession session,
      UiTaskExecutor tasks,
      I18n i18n,
      ErrorReporter errors,
      DialogService dialogs,
      Clock clock,
      ZoneId zone,
      Path dataDirectory,
      Path modelsDir,
      Supplier<DeviceInfo> device,
      Supplier<Optional<KnowledgeIndex>> knowledge,
      Consumer<Pane> navigator) {
    this(
        session,
        tasks,
        i18n,
        errors,
        dialogs,
        clock,
        zone,
        dataDirectory,
        modelsDir,
        device,
        knowledge,
        Optional::empty,
        navigator);
  }

  /**
   * @param patientRecords the session's patient-record index once it has opened
   */
  public PaneContext(
      UserSession session,
      UiTaskExecutor tasks,
      I18n i18n,
      ErrorReporter errors,
      DialogService dialogs,
      Clock clock,
      ZoneId zone,
      Path dataDirectory,
      Path modelsDir,
      Supplier<DeviceInfo> device,
      Supplier<Optional<KnowledgeIndex>> knowledge,
      Supplier<Optional<PatientRecordIndex>> patientRecords,
      Consumer<Pane> navigator) {
    this.session = session;
    this.tasks = tasks;
    this.i18n = i18n;
    this.errors = errors;
    this.dialogs = dialogs;
    this.clock = clock;
    this.zone = zone;
    this.dataDirectory = dataDirectory;
    this.modelsDir = modelsDir;
    this.device = device;
    this.knowledge = knowledge;
    this.patientRecords = patientRecords;
    this.navigator = navigator;
  }

  public UserSession session() {
    return session;
  }

  public UiTaskExecutor tasks() {
    return tasks;
  }

  public I18n i18n() {
    return i18n;
  }

  public ErrorReporter errors() {
    return errors;
  }

  public DialogService dialogs() {
    return dialogs;
  }

  public Clock clock() {
    return clock;
  }

  public ZoneId zone() {
    return zone;
  }

  /** The workstation's data directory ({@code MEDITWIN_HOME}). */
  public Path dataDirectory() {
    return dataDirectory;
  }

  /** Where model folders live ({@code models/}). */
  public Path modelsDir() {
    return modelsDir;
  }

  public Supplier<DeviceInfo> device() {
    return device;
  }

  /** The shipped knowledge base once it has opened (it opens in the background after login). */
  public Optional<KnowledgeIndex> knowledge() {
    return knowledge.get();
  }

  /**
   * The session's patient-record index (notes, documents, imaging reports, timeline events of all
   * patients; encrypted, hybrid when the encoder is available), once it has opened in the
   * background after login; empty before that, after a failure and after sign-out. Panes upsert
   * their records into it ({@code upsert/delete} commit immediately) and search it with a patient
   * and kind filter; it is thread-safe, so call it from background tasks.
   */
  public Supplier<Optional<PatientRecordIndex>> patientRecords() {
    return patientRecords;
  }

  /**
   * The patient the clinician is working on: set by the Patients pane (selection) and by any pane
   * that opens a patient's item; the other panes follow it. Change it on the FX thread only.
   */
  public ObjectProperty<Optional<Patient>> currentPatientProperty() {
    return currentPatient;
  }

  public Optional<Patient> currentPatient() {
    return currentPatient.get();
  }

  /**
   * A request for the chat pane: set it and call {@link #show(Pane)} with {@link Pane#CHAT}; the
   * chat pane consumes it (and sets it back to empty).
   */
  public ObjectProperty<Optional<ChatHandoff>> chatHandoffProperty() {
    return chatHandoff;
  }

  /**
   * A request to open one record: the pane of its kind consumes it (and sets it back to empty) once
   * the patient's data is loaded. Set it through {@link #openRecord}.
   */
  public ObjectProperty<Optional<RecordRequest>> recordRequestProperty() {
    return recordRequest;
  }

  /**
   * Opens a record of a patient in {@code pane}: makes the patient current when it is not (looked
   * up in the background, an audited read), then sets the request and shows the pane. Call on the
   * FX thread. A patient that cannot be found reports an error and changes nothing.
   */
  public void openRecord(Pane pane, String patientId, String recordId) {
    RecordRequest request = new RecordRequest(patientId, recordId);
    if (currentPatient().map(p -> p.id().value().equals(patientId)).orElse(false)) {
      recordRequest.set(Optional.of(request));
      show(pane);
      return;
    }
    tasks
        .submit(
            i18n.get("task.patients.search"),
            p -> session.patients().find(new org.meditwin.core.domain.PatientId(patientId)))
        .whenComplete(
            (found, failure) -> {
              if (failure != null) {
                errors.show(failure);
              } else if (found.isPresent()) {
                currentPatient.set(found);
                recordRequest.set(Optional.of(request));
                show(pane);
              }
            });
  }

  /** Brings {@code pane} to the front. */
  public void show(Pane pane) {
    navigator.accept(pane);
  }

  private final java.util.List<Runnable> closers = new java.util.ArrayList<>();

  /** Registers what a pane must release when this window's session ends (workers, natives). */
  public void onClose(Runnable closer) {
    closers.add(closer);
  }

  /** Called by the shell when the window is discarded (sign-out, lock rebuild); runs once each. */
  public void close() {
    for (Runnable closer : closers) {
      try {
        closer.run();
      } catch (RuntimeException e) {
        org.slf4j.LoggerFactory.getLogger(PaneContext.class)
            .warn("closing a pane failed: {}", e.getClass().getName());
      }
    }
    closers.clear();
  }
}
