package org.meditwin.app.imaging.models;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.meditwin.app.i18n.I18n;
import org.meditwin.core.task.BackgroundTask;
import org.meditwin.imaging.DicomInfo;
import org.meditwin.imaging.DicomSource;
import org.meditwin.imaging.Frame;
import org.meditwin.imaging.ImageDescription;
import org.meditwin.imaging.ai.ImageAnalysis;
import org.meditwin.imaging.ai.ImageModelRunner;
import org.meditwin.imaging.ai.ModelCatalog;
import org.meditwin.imaging.output.Derivation;
import org.meditwin.imaging.output.DerivedObjects;
import org.meditwin.imaging.render.RenderedImage;

/**
 * Image models for the imaging pane without a screen: the catalog read in the background, the
 * models that apply to the shown image (all usable ones, flagged, when none applies), the chosen
 * model, runners loaded once and kept, and the DICOM outputs of a result (ADR 0128, 0129).
 */
public final class ImageModelsViewModel implements AutoCloseable {
  /** Submits long work with a PHI-free title. */
  public interface Tasks {
    <T> CompletableFuture<T> submit(String title, BackgroundTask<T> task);
  }

  /** A model in the chooser: the entry and whether it applies to the shown image. */
  public record Choice(ModelCatalog.Entry entry, boolean applicable) {
    public String name() {
      return entry.name();
    }
  }

  /** The DICOM objects a result can be saved as. */
  public enum Output {
    SECONDARY_CAPTURE,
    PARAMETRIC_MAP,
    SEGMENTATION
  }

  private final I18n i18n;
  private final Path modelsDir;
  private final Tasks tasks;
  private final Clock clock;
  private final Function<ModelCatalog.Entry, ImageModelRunner> opener;
  private final ObservableList<Choice> choices = FXCollections.observableArrayList();
  private final ObjectProperty<Optional<Choice>> selected =
      new SimpleObjectProperty<>(Optional.empty());
  private final Map<String, ImageModelRunner> runners = new HashMap<>();
  private Optional<ModelCatalog> catalog = Optional.empty();
  private Optional<DicomInfo> shown = Optional.empty();

  public ImageModelsViewModel(I18n i18n, Path modelsDir, Tasks tasks, Clock clock) {
    this(i18n, modelsDir, tasks, clock, ImageModelRunner::open);
  }

  ImageModelsViewModel(
      I18n i18n,
      Path modelsDir,
      Tasks tasks,
      Clock clock,
      Function<ModelCatalog.Entry, ImageModelRunner> opener) {
    this.i18n = i18n;
    this.modelsDir = modelsDir;
    this.tasks = tasks;
    this.clock = clock;
    this.opener = opener;
  }

  public ObservableList<Choice> choices() {
    return choices;
  }

  public ObjectProperty<Optional<Choice>> selectedProperty() {
    return selected;
  }

  public Optional<ModelCatalog> catalog() {
    return catalog;
  }

  /** Reads and verifies the models folder in the background. */
  public CompletableFuture<ModelCatalog> refresh() {
    return tasks
        .submit(i18n.get("imaging.models.task.scan"), progress -> ModelCatalog.scan(modelsDir))
        .whenComplete(
            (c, error) -> {
              if (c != null) {
                setCatalog(c);
              }
            });
  }

  void setCatalog(ModelCatalog c) {
    catalog = Optional.of(c);
    update();
  }

  /** The image now shown in the active viewport (empty: nothing shown). */
  public void showFor(Optional<DicomInfo> info) {
    shown = info;
    update();
  }

  private void update() {
    List<Choice> list = new ArrayList<>();
    List<ModelCatalog.Entry> usable =
        catalog
            .map(c -> c.entries().stream().filter(ModelCatalog.Entry::usable).toList())
            .orElse(List.of());
    for (ModelCatalog.Entry e : usable) {
      boolean applies = shown.map(i -> e.applicability(i).applicable()).orElse(true);
      if (applies) {
        list.add(new Choice(e, true));
      }
    }
    if (list.isEmpty()) {
      usable.forEach(e -> list.add(new Choice(e, false)));
    }
    Optional<String> before = selected.get().map(Choice::name);
    choices.setAll(list);
    selected.set(
        before
            .flatMap(n -> list.stream().filter(c -> c.name().equals(n)).findFirst())
            .or(() -> list.stream().findFirst()));
  }

  /** The label shown for a choice in the chooser. */
  public String label(Choice c) {
    String base = c.name();
    return c.applicable() ? base : i18n.get("imaging.models.notApplicable", base);
  }

  /**
   * Runs the chosen model (loaded on first use and kept) on one frame; call from a background task.
   *
   * @throws IllegalStateException when no model is chosen
   */
  public ImageAnalysis run(DicomInfo info, ImageDescription image, Frame frame) {
    Choice c =
        selected
            .get()
            .orElseThrow(() -> new IllegalStateException(i18n.get("imaging.models.none")));
    ImageModelRunner runner;
    synchronized (runners) {
      runner = runners.computeIfAbsent(c.name(), n -> opener.apply(c.entry()));
    }
    return runner.analyze(info, image, frame);
  }

  /** Whether a result can be saved as {@code output}. */
  public static boolean supports(ImageAnalysis a, Output output) {
    return switch (output) {
      case SECONDARY_CAPTURE -> true;
      case PARAMETRIC_MAP -> a.heatmap().isPresent();
      case SEGMENTATION -> a.labelMap().isPresent();
    };
  }

  /** A suggested file name (no PHI: the model and the kind of object). */
  public static String fileName(ImageAnalysis a, Output output) {
    String kind =
        switch (output) {
          case SECONDARY_CAPTURE -> "sc";
          case PARAMETRIC_MAP -> "pmap";
          case SEGMENTATION -> "seg";
        };
    return a.model() + "-" + kind + ".dcm";
  }

  /**
   * The DICOM bytes of {@code output} for a result on {@code frame} (0-based) of {@code source};
   * {@code burnedIn} is the image as shown with the overlay (Secondary Capture only).
   */
  public byte[] encode(
      Output output, DicomSource source, int frame, ImageAnalysis a, RenderedImage burnedIn) {
    Derivation d = Derivation.of(a, clock);
    return switch (output) {
      case SECONDARY_CAPTURE -> DerivedObjects.secondaryCapture(source, frame, burnedIn, d);
      case PARAMETRIC_MAP -> DerivedObjects.parametricMap(source, frame, a, d);
      case SEGMENTATION -> DerivedObjects.segmentation(source, frame, a, d);
    };
  }

  /**
   * Stores an encoded object in the patient's encrypted imaging archive (origin {@code
   * ai:<model>}); audited by the archive. Call from a background task.
   */
  public org.meditwin.imaging.archive.ImportResult archive(
      org.meditwin.core.service.UserSession session,
      String patientId,
      ImageAnalysis a,
      byte[] dicom) {
    return new org.meditwin.imaging.archive.ImagingArchive(
            session.clinicalStore(), org.meditwin.imaging.DicomReader.standard())
        .importBytes(patientId, "ai:" + a.model(), dicom);
  }

  @Override
  public void close() {
    synchronized (runners) {
      runners.values().forEach(ImageModelRunner::close);
      runners.clear();
    }
  }
}
