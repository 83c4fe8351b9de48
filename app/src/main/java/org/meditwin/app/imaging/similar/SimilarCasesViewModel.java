package org.meditwin.app.imaging.similar;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
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
import org.meditwin.core.task.ProgressListener;
import org.meditwin.core.task.TaskExecutor;
import org.meditwin.imaging.DicomInfo;
import org.meditwin.imaging.Frame;
import org.meditwin.imaging.ImageDescription;
import org.meditwin.imaging.similar.ReferenceLibrary;
import org.meditwin.imaging.similar.SimilarCaseService;
import org.meditwin.imaging.similar.SimilarRequest;
import org.meditwin.imaging.similar.SimilarResult;
import org.meditwin.search.cases.CaseHit;
import org.meditwin.search.cases.CaseSource;

/**
 * "Find similar" in the imaging pane: opens the similar-case service in the background at first use
 * (loading the chest model, building the reference library once with progress), queries it for the
 * frame shown and exposes ranked rows — reference cases and the current patient's own studies only
 * (ADR 0130). No scene-graph code: the view binds to the properties.
 */
public final class SimilarCasesViewModel {
  /** Hits shown. */
  public static final int K = 12;

  /** What the viewer shows: one frame of one object, and the patient of the pane, if any. */
  public record Shown(
      DicomInfo info, ImageDescription image, Frame frame, Optional<String> patientId) {
    public Shown {
      Objects.requireNonNull(info, "info");
      Objects.requireNonNull(image, "image");
      Objects.requireNonNull(frame, "frame");
      Objects.requireNonNull(patientId, "patientId");
    }
  }

  /** One ranked case as the list shows it. */
  public record Row(
      int rank,
      String id,
      byte[] thumbnailPng,
      double similarity,
      String similarityText,
      String label,
      String impression,
      String source,
      boolean ownStudy,
      Optional<LocalDate> date) {}

  /**
   * Supplies the service (model + index); called on a background thread, once. Its owner closes it
   * ({@link SimilarCaseIndexing} in the app).
   */
  @FunctionalInterface
  public interface ServiceFactory {
    SimilarCaseService open() throws Exception;
  }

  private final ServiceFactory factory;
  private final TaskExecutor tasks;
  private final Executor ui;
  private final I18n i18n;
  private final ObservableList<Row> rows = FXCollections.observableArrayList();
  private final StringProperty status = new SimpleStringProperty("");
  private final StringProperty message = new SimpleStringProperty("");
  private final BooleanProperty busy = new SimpleBooleanProperty(false);
  private final DoubleProperty progress = new SimpleDoubleProperty(0);
  private final ObjectProperty<Optional<Row>> selected =
      new SimpleObjectProperty<>(Optional.empty());
  private final AtomicBoolean cancel = new AtomicBoolean();
  private SimilarCaseService service;

  public SimilarCasesViewModel(ServiceFactory factory, TaskExecutor tasks, Executor ui, I18n i18n) {
    this.factory = factory;
    this.tasks = tasks;
    this.ui = ui;
    this.i18n = i18n;
    status.set(i18n.get("imaging.similar.hint"));
  }

  public ObservableList<Row> rows() {
    return rows;
  }

  public StringProperty statusProperty() {
    return status;
  }

  /** Not-applicable or error text; empty otherwise. */
  public StringProperty messageProperty() {
    return message;
  }

  public BooleanProperty busyProperty() {
    return busy;
  }

  /** 0..1 while the library builds, -1 when indeterminate. */
  public DoubleProperty progressProperty() {
    return progress;
  }

  public ObjectProperty<Optional<Row>> selectedProperty() {
    return selected;
  }

  /** Source and licence of the reference library (shown under the list). */
  public String citation() {
    return i18n.get("imaging.similar.citation", ReferenceLibrary.CITATION);
  }

  /** Cancels a library build in progress (the previous library, if any, stays). */
  public void cancel() {
    cancel.set(true);
  }

  /**
   * Finds cases similar to {@code shown} (empty = nothing displayed: a message, no query). Builds
   * the library first when needed, reporting progress.
   */
  public CompletableFuture<List<Row>> findSimilar(Optional<Shown> shown) {
    if (shown.isEmpty()) {
      message.set(i18n.get("imaging.similar.noImage"));
      return CompletableFuture.completedFuture(List.of());
    }
    if (busy.get()) {
      return CompletableFuture.completedFuture(List.copyOf(rows));
    }
    Shown s = shown.get();
    busy.set(true);
    cancel.set(false);
    message.set("");
    progress.set(-1);
    status.set(i18n.get("imaging.similar.searching"));
    return tasks
        .submit(i18n.get("imaging.similar.task"), p -> run(s))
        .handle(
            (result, error) -> {
              List<Row> out = error == null ? result : List.of();
              ui.execute(() -> finish(result, error));
              return out;
            });
  }

  private List<Row> run(Shown s) throws Exception {
    SimilarCaseService svc;
    synchronized (this) {
      if (service == null) {
        service = factory.open();
      }
      svc = service;
    }
    if (!svc.libraryReady()) {
      ui.execute(() -> status.set(i18n.get("imaging.similar.building")));
      ProgressListener p =
          (done, total, text) ->
              ui.execute(
                  () -> {
                    progress.set(total > 0 ? (double) done / total : -1);
                    status.set(
                        total > 0
                            ? i18n.get("imaging.similar.buildingPercent", done * 100 / total)
                            : i18n.get("imaging.similar.building"));
                  });
      if (!svc.ensureLibrary(p, cancel::get)) {
        throw new java.util.concurrent.CancellationException();
      }
    }
    SimilarRequest request = SimilarRequest.of(s.info(), s.image(), s.frame(), K);
    if (s.patientId().isPresent()) {
      String uid = s.info().studyInstanceUid();
      request =
          request.forPatient(
              s.patientId().get(), uid.isBlank() ? Optional.empty() : Optional.of(uid));
    }
    SimilarResult result = svc.findSimilar(request);
    if (!result.applicable()) {
      String modality = s.info().modality().isBlank() ? "?" : s.info().modality();
      throw new NotApplicable(i18n.get("imaging.similar.notApplicable", modality));
    }
    return rows(result.hits());
  }

  /** Raised inside the task when the model does not apply to the image. */
  static final class NotApplicable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotApplicable(String message) {
      super(message);
    }
  }

  List<Row> rows(List<CaseHit> hits) {
    List<Row> out = new java.util.ArrayList<>();
    int rank = 0;
    for (CaseHit h : hits) {
      rank++;
      boolean own = h.source() == CaseSource.CLINIC;
      out.add(
          new Row(
              rank,
              h.id(),
              h.thumbnailPng(),
              h.imageSimilarity(),
              String.format(Locale.ROOT, "%.1f %%", Math.max(0, h.imageSimilarity()) * 100),
              label(h.label()),
              h.impression(),
              i18n.get(own ? "imaging.similar.source.own" : "imaging.similar.source.reference"),
              own,
              h.date()));
    }
    return List.copyOf(out);
  }

  private String label(String raw) {
    String key = "imaging.similar.label." + raw.toLowerCase(Locale.ROOT);
    return i18n.has(key) ? i18n.get(key) : raw;
  }

  private void finish(List<Row> result, Throwable error) {
    busy.set(false);
    progress.set(0);
    if (error == null) {
      rows.setAll(result);
      selected.set(result.isEmpty() ? Optional.empty() : Optional.of(result.get(0)));
      status.set(
          result.isEmpty()
              ? i18n.get("imaging.similar.none")
              : i18n.get("imaging.similar.found", result.size()));
      return;
    }
    Throwable cause =
        error instanceof java.util.concurrent.CompletionException && error.getCause() != null
            ? error.getCause()
            : error;
    rows.clear();
    selected.set(Optional.empty());
    if (cause instanceof NotApplicable n) {
      message.set(n.getMessage());
      status.set("");
    } else if (cause instanceof java.util.concurrent.CancellationException) {
      status.set(i18n.get("imaging.similar.cancelled"));
    } else {
      message.set(
          i18n.get(
              "imaging.similar.failed",
              cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()));
      status.set("");
    }
  }

  public void select(Optional<Row> row) {
    selected.set(row);
  }
}
