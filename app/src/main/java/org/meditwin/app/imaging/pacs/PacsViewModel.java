package org.meditwin.app.imaging.pacs;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.meditwin.app.i18n.I18n;
import org.meditwin.core.domain.Patient;
import org.meditwin.core.task.ProgressListener;
import org.meditwin.imaging.DicomSource;
import org.meditwin.pacs.PacsMatch;
import org.meditwin.pacs.PacsNode;
import org.meditwin.pacs.PacsQuery;
import org.meditwin.pacs.RetrieveRequest;
import org.meditwin.pacs.StoreResult;

/**
 * The PACS dialog's state and actions: node list and edit form (AE ≤ 16 characters, ports 1–65535),
 * echo, study query (patient id/name, modality, accession, date range; C-FIND or QIDO-RS), the
 * selected study's series, retrieve into the current patient's record with progress and cancel, and
 * sending the study open in the viewer. Long work runs on {@code background}; state changes are
 * posted to {@code ui}. Messages never show PHI beyond what the user queried.
 */
public final class PacsViewModel {
  private final I18n i18n;
  private final PacsService service;
  private final Executor background;
  private final Executor ui;
  private final Supplier<Optional<Patient>> patient;
  private final Supplier<List<DicomSource>> openStudy;
  private final Consumer<String> archivedStudyOpened;

  private final ObservableList<PacsNode> nodes = FXCollections.observableArrayList();
  private final ObjectProperty<PacsNode> selectedNode = new SimpleObjectProperty<>();
  private final StringProperty name = new SimpleStringProperty("");
  private final StringProperty calledAe = new SimpleStringProperty("");
  private final StringProperty host = new SimpleStringProperty("");
  private final StringProperty port = new SimpleStringProperty("104");
  private final StringProperty callingAe = new SimpleStringProperty("MEDITWIN");
  private final StringProperty dicomWeb = new SimpleStringProperty("");
  private final StringProperty scpPort = new SimpleStringProperty("");
  private final StringProperty formError = new SimpleStringProperty("");

  private final StringProperty patientId = new SimpleStringProperty("");
  private final StringProperty patientName = new SimpleStringProperty("");
  private final StringProperty modality = new SimpleStringProperty("");
  private final StringProperty accession = new SimpleStringProperty("");
  private final ObjectProperty<LocalDate> dateFrom = new SimpleObjectProperty<>();
  private final ObjectProperty<LocalDate> dateTo = new SimpleObjectProperty<>();
  private final BooleanProperty web = new SimpleBooleanProperty(false);
  private final ObjectProperty<PacsService.Method> method =
      new SimpleObjectProperty<>(PacsService.Method.C_GET);

  private final ObservableList<PacsMatch> studies = FXCollections.observableArrayList();
  private final ObservableList<PacsMatch> series = FXCollections.observableArrayList();
  private final ObjectProperty<PacsMatch> selectedStudy = new SimpleObjectProperty<>();
  private final ObjectProperty<PacsMatch> selectedSeries = new SimpleObjectProperty<>();

  private final StringProperty status = new SimpleStringProperty("");
  private final BooleanProperty error = new SimpleBooleanProperty(false);
  private final BooleanProperty busy = new SimpleBooleanProperty(false);
  private final DoubleProperty progress = new SimpleDoubleProperty(0);
  private volatile AtomicBoolean cancel = new AtomicBoolean();

  public PacsViewModel(
      I18n i18n,
      PacsService service,
      Executor background,
      Executor ui,
      Supplier<Optional<Patient>> patient,
      Supplier<List<DicomSource>> openStudy,
      Consumer<String> archivedStudyOpened) {
    this.i18n = i18n;
    this.service = service;
    this.background = background;
    this.ui = ui;
    this.patient = patient;
    this.openStudy = openStudy;
    this.archivedStudyOpened = archivedStudyOpened;
    selectedNode.addListener((o, a, n) -> fill(n));
    selectedStudy.addListener((o, a, s) -> loadSeries(s));
  }

  // ------------------------------------------------------------------ properties

  public ObservableList<PacsNode> nodes() {
    return nodes;
  }

  public ObjectProperty<PacsNode> selectedNodeProperty() {
    return selectedNode;
  }

  public StringProperty nameProperty() {
    return name;
  }

  public StringProperty calledAeProperty() {
    return calledAe;
  }

  public StringProperty hostProperty() {
    return host;
  }

  public StringProperty portProperty() {
    return port;
  }

  public StringProperty callingAeProperty() {
    return callingAe;
  }

  public StringProperty dicomWebProperty() {
    return dicomWeb;
  }

  public StringProperty scpPortProperty() {
    return scpPort;
  }

  public StringProperty formErrorProperty() {
    return formError;
  }

  public StringProperty patientIdProperty() {
    return patientId;
  }

  public StringProperty patientNameProperty() {
    return patientName;
  }

  public StringProperty modalityProperty() {
    return modality;
  }

  public StringProperty accessionProperty() {
    return accession;
  }

  public ObjectProperty<LocalDate> dateFromProperty() {
    return dateFrom;
  }

  public ObjectProperty<LocalDate> dateToProperty() {
    return dateTo;
  }

  public BooleanProperty webProperty() {
    return web;
  }

  public ObjectProperty<PacsService.Method> methodProperty() {
    return method;
  }

  public ObservableList<PacsMatch> studies() {
    return studies;
  }

  public ObservableList<PacsMatch> series() {
    return series;
  }

  public ObjectProperty<PacsMatch> selectedStudyProperty() {
    return selectedStudy;
  }

  public ObjectProperty<PacsMatch> selectedSeriesProperty() {
    return selectedSeries;
  }

  public StringProperty statusProperty() {
    return status;
  }

  public BooleanProperty errorProperty() {
    return error;
  }

  public BooleanProperty busyProperty() {
    return busy;
  }

  public DoubleProperty progressProperty() {
    return progress;
  }

  // ------------------------------------------------------------------ nodes

  /** Reloads the node list (selects the first node when none is selected). */
  public void refreshNodes() {
    run(
        service::nodes,
        list -> {
          PacsNode keep = selectedNode.get();
          nodes.setAll(list);
          if (keep != null) {
            list.stream()
                .filter(n -> n.name().equalsIgnoreCase(keep.name()))
                .findFirst()
                .ifPresentOrElse(selectedNode::set, () -> selectedNode.set(null));
          } else if (!list.isEmpty()) {
            selectedNode.set(list.getFirst());
          }
          if (!busy.get()) {
            say("", false);
          }
        });
  }

  /** Clears the form for a new node. */
  public void newNode() {
    selectedNode.set(null);
    fill(null);
  }

  private void fill(PacsNode n) {
    name.set(n == null ? "" : n.name());
    calledAe.set(n == null ? "" : n.calledAe());
    host.set(n == null ? "" : n.host());
    port.set(n == null ? "104" : Integer.toString(n.port()));
    callingAe.set(n == null ? "MEDITWIN" : n.callingAe());
    dicomWeb.set(n == null ? "" : n.dicomWebUrl().map(URI::toString).orElse(""));
    scpPort.set(
        n == null || n.storeScpPort().isEmpty()
            ? ""
            : Integer.toString(n.storeScpPort().getAsInt()));
    formError.set("");
  }

  /** The node the form describes, or empty with {@link #formErrorProperty()} saying why. */
  public Optional<PacsNode> formNode() {
    OptionalInt p = number(port.get());
    if (p.isEmpty() || PacsNode.portProblem(p.getAsInt()).isPresent()) {
      formError.set(i18n.get("imaging.pacs.error.port"));
      return Optional.empty();
    }
    OptionalInt scp = OptionalInt.empty();
    if (!scpPort.get().isBlank()) {
      scp = number(scpPort.get());
      if (scp.isEmpty() || PacsNode.portProblem(scp.getAsInt()).isPresent()) {
        formError.set(i18n.get("imaging.pacs.error.port"));
        return Optional.empty();
      }
    }
    Optional<String> aeProblem =
        PacsNode.aeProblem(calledAe.get()).or(() -> PacsNode.aeProblem(callingAe.get()));
    if (aeProblem.isPresent()) {
      formError.set(i18n.get("imaging.pacs.error.ae"));
      return Optional.empty();
    }
    try {
      PacsNode n =
          new PacsNode(
              name.get(),
              calledAe.get(),
              host.get(),
              p.getAsInt(),
              callingAe.get(),
              dicomWeb.get().isBlank()
                  ? Optional.empty()
                  : Optional.of(URI.create(dicomWeb.get().strip())),
              scp);
      formError.set("");
      return Optional.of(n);
    } catch (IllegalArgumentException e) {
      formError.set(e.getMessage());
      return Optional.empty();
    }
  }

  private static OptionalInt number(String s) {
    try {
      return OptionalInt.of(Integer.parseInt(s.strip()));
    } catch (NumberFormatException e) {
      return OptionalInt.empty();
    }
  }

  /** Saves the form's node (adds it or replaces the one with the same name). */
  public void saveNode() {
    Optional<PacsNode> n = formNode();
    if (n.isEmpty()) {
      return;
    }
    run(
        () -> {
          service.save(n.get());
          return service.nodes();
        },
        list -> {
          nodes.setAll(list);
          list.stream()
              .filter(x -> x.name().equalsIgnoreCase(n.get().name()))
              .findFirst()
              .ifPresent(selectedNode::set);
          say(i18n.get("imaging.pacs.status.saved", n.get().name()), false);
        });
  }

  /** Removes the selected node. */
  public void removeSelected() {
    PacsNode n = selectedNode.get();
    if (n == null) {
      say(i18n.get("imaging.pacs.error.noNode"), true);
      return;
    }
    run(
        () -> {
          service.remove(n.name());
          return service.nodes();
        },
        list -> {
          selectedNode.set(null);
          nodes.setAll(list);
          fill(null);
          say(i18n.get("imaging.pacs.status.removed", n.name()), false);
        });
  }

  // ------------------------------------------------------------------ network

  /** C-ECHO the node in the form. */
  public void echo() {
    Optional<PacsNode> n = formNode();
    if (n.isEmpty()) {
      return;
    }
    run(
        () -> service.echo(n.get()),
        r ->
            say(
                i18n.get("imaging.pacs.status.echo", n.get().calledAe(), r.roundTrip().toMillis()),
                false));
  }

  /** Searches studies with the query form. */
  public void search() {
    Optional<PacsNode> n = formNode();
    if (n.isEmpty()) {
      return;
    }
    PacsQuery q;
    try {
      q =
          PacsQuery.studies()
              .withPatientId(patientId.get())
              .withPatientName(patientName.get())
              .withModality(modality.get())
              .withAccessionNumber(accession.get())
              .withStudyDates(
                  Optional.ofNullable(dateFrom.get()), Optional.ofNullable(dateTo.get()));
    } catch (IllegalArgumentException e) {
      say(e.getMessage(), true);
      return;
    }
    boolean useWeb = web.get();
    run(
        () -> service.find(n.get(), q, useWeb, 500),
        found -> {
          series.clear();
          selectedStudy.set(null);
          studies.setAll(found);
          say(i18n.get("imaging.pacs.status.found", found.size()), false);
        });
  }

  private void loadSeries(PacsMatch study) {
    series.clear();
    selectedSeries.set(null);
    if (study == null || study.studyInstanceUid().isEmpty()) {
      return;
    }
    Optional<PacsNode> n = formNode();
    if (n.isEmpty()) {
      return;
    }
    boolean useWeb = web.get();
    String uid = study.studyInstanceUid().get();
    run(
        () -> service.find(n.get(), PacsQuery.seriesOf(uid), useWeb, 1000),
        found -> {
          if (selectedStudy.get() == study) {
            series.setAll(found);
            say(i18n.get("imaging.pacs.status.series", found.size()), false);
          }
        });
  }

  /**
   * Retrieves the selected study (or only the selected series) into the current patient's record.
   */
  public void retrieve() {
    Optional<PacsNode> n = formNode();
    if (n.isEmpty()) {
      return;
    }
    Optional<Patient> p = patient.get();
    if (p.isEmpty()) {
      say(i18n.get("imaging.pacs.error.noPatient"), true);
      return;
    }
    PacsMatch study = selectedStudy.get();
    if (study == null || study.studyInstanceUid().isEmpty()) {
      say(i18n.get("imaging.pacs.error.noStudy"), true);
      return;
    }
    RetrieveRequest request =
        new RetrieveRequest(
            study.studyInstanceUid().get(),
            Optional.ofNullable(selectedSeries.get()).flatMap(PacsMatch::seriesInstanceUid));
    PacsService.Method how = method.get();
    AtomicBoolean stop = startCancellable();
    String patientIdValue = p.get().id().value();
    run(
        () ->
            service.retrieve(n.get(), request, how, patientIdValue, progressListener(), stop::get),
        r -> {
          say(
              r.result().cancelled()
                  ? i18n.get("imaging.pacs.status.cancelled")
                  : i18n.get("imaging.pacs.status.retrieved", r.result().received(), r.archived()),
              r.result().failed() > 0);
          r.archivedStudyId().ifPresent(archivedStudyOpened);
        });
  }

  /** Sends the study open in the viewer to the node (C-STORE, or STOW-RS with DICOMweb). */
  public void sendOpenStudy() {
    Optional<PacsNode> n = formNode();
    if (n.isEmpty()) {
      return;
    }
    List<DicomSource> sources = openStudy.get();
    if (sources.isEmpty()) {
      say(i18n.get("imaging.pacs.error.noOpenStudy"), true);
      return;
    }
    boolean useWeb = web.get();
    AtomicBoolean stop = startCancellable();
    run(
        () -> service.send(n.get(), sources, useWeb, progressListener(), stop::get),
        (StoreResult r) ->
            say(
                r.cancelled()
                    ? i18n.get("imaging.pacs.status.cancelled")
                    : i18n.get("imaging.pacs.status.sent", r.sent(), sources.size())
                        + (r.failures().isEmpty() ? "" : " " + r.failures().getFirst().reason()),
                !r.failures().isEmpty()));
  }

  /** Asks the running retrieve or send to stop (the PACS is told with C-CANCEL). */
  public void cancel() {
    cancel.set(true);
  }

  private AtomicBoolean startCancellable() {
    AtomicBoolean c = new AtomicBoolean();
    cancel = c;
    return c;
  }

  private ProgressListener progressListener() {
    return (done, total, message) ->
        ui.execute(
            () -> {
              progress.set(total > 0 ? (double) done / total : -1);
              status.set(message);
            });
  }

  // ------------------------------------------------------------------ plumbing

  @FunctionalInterface
  private interface Work<T> {
    T call() throws Exception;
  }

  private <T> void run(Work<T> work, Consumer<T> done) {
    busy.set(true);
    error.set(false);
    progress.set(-1);
    status.set(i18n.get("imaging.pacs.working"));
    background.execute(
        () -> {
          try {
            T result = work.call();
            ui.execute(
                () -> {
                  busy.set(false);
                  progress.set(0);
                  done.accept(result);
                });
          } catch (Exception e) {
            String message =
                e instanceof org.meditwin.core.MediTwinException m
                    ? m.userMessage()
                    : e instanceof IllegalArgumentException
                        ? e.getMessage()
                        : i18n.get("imaging.pacs.error.unexpected");
            ui.execute(
                () -> {
                  busy.set(false);
                  progress.set(0);
                  say(message, true);
                });
          }
        });
  }

  private void say(String message, boolean isError) {
    status.set(message);
    error.set(isError);
  }
}
