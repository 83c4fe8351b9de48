package org.meditwin.app.imaging;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.meditwin.app.i18n.I18n;
import org.meditwin.core.MediTwinException;
import org.meditwin.core.task.BackgroundTask;
import org.meditwin.imaging.Anonymizer;
import org.meditwin.imaging.Catalog;
import org.meditwin.imaging.DicomAttribute;
import org.meditwin.imaging.DicomReadException;
import org.meditwin.imaging.DicomScanner;
import org.meditwin.imaging.Frame;
import org.meditwin.imaging.FrameStore;
import org.meditwin.imaging.ImageDescription;
import org.meditwin.imaging.Window;
import org.meditwin.imaging.ai.ChestXrayModel;
import org.meditwin.imaging.ai.ColorMap;
import org.meditwin.imaging.render.RenderOptions;
import org.meditwin.imaging.render.RenderedImage;
import org.meditwin.imaging.render.Renderer;

/**
 * The imaging pane's logic without a screen: opening files/folders/archives in the background, the
 * series list and per-file problems, up to four viewports (slice, window, geometry, measurements),
 * presets and exports. Rendering runs on {@code background} and lands on {@code ui}; tests pass
 * same-thread executors.
 */
public final class ImagingViewModel {
  /** The mouse tool of the left button. */
  public enum Tool {
    WINDOW,
    PAN,
    ZOOM,
    DISTANCE,
    ROI,
    ELLIPSE,
    POLYGON
  }

  /** Viewport layouts. */
  public enum Layout {
    ONE(1, 1),
    ONE_BY_TWO(1, 2),
    TWO_BY_TWO(2, 2);

    public final int rows;
    public final int columns;

    Layout(int rows, int columns) {
      this.rows = rows;
      this.columns = columns;
    }

    public int cells() {
      return rows * columns;
    }
  }

  /** Submits long work with a PHI-free title (the UI task executor in the app). */
  public interface Tasks {
    <T> CompletableFuture<T> submit(String title, BackgroundTask<T> task);
  }

  private final I18n i18n;
  private final DicomScanner scanner;
  private final FrameStore store;
  private final Tasks tasks;
  private final Executor background;
  private final Executor ui;
  private final List<Viewport> viewports =
      List.of(new Viewport(), new Viewport(), new Viewport(), new Viewport());
  private final ObservableList<Catalog.Series> series = FXCollections.observableArrayList();
  private final ObservableList<Catalog.FileProblem> problems = FXCollections.observableArrayList();
  private final ObservableList<DicomAttribute> attributes = FXCollections.observableArrayList();
  private final ObjectProperty<Tool> tool = new SimpleObjectProperty<>(Tool.WINDOW);
  private final ObjectProperty<Layout> layout = new SimpleObjectProperty<>(Layout.ONE);
  private final IntegerProperty active = new SimpleIntegerProperty(0);
  private final StringProperty status = new SimpleStringProperty("");
  private final BooleanProperty busy = new SimpleBooleanProperty(false);
  private Optional<Catalog> catalog = Optional.empty();
  private final javafx.beans.property.DoubleProperty heatOpacity =
      new javafx.beans.property.SimpleDoubleProperty(0.5);
  private final ObjectProperty<ColorMap> colorMap = new SimpleObjectProperty<>(ColorMap.JET);
  private final StringProperty aiResult = new SimpleStringProperty("");
  private final java.util.function.Supplier<ChestXrayModel> models;
  private ChestXrayModel chestModel;
  private Optional<org.meditwin.app.imaging.models.ImageModelsViewModel> imageModels =
      Optional.empty();

  public ImagingViewModel(
      I18n i18n,
      DicomScanner scanner,
      FrameStore store,
      Tasks tasks,
      Executor background,
      Executor ui,
      java.util.function.Supplier<ChestXrayModel> models) {
    this.models = models;
    this.i18n = i18n;
    heatOpacity.addListener((o, a, b) -> viewports.forEach(this::renderIfAnalysed));
    colorMap.addListener((o, a, b) -> viewports.forEach(this::renderIfAnalysed));
    this.scanner = scanner;
    this.store = store;
    this.tasks = tasks;
    this.background = background;
    this.ui = ui;
    status.set(i18n.get("imaging.status.empty"));
  }

  public ObservableList<Catalog.Series> series() {
    return series;
  }

  public ObservableList<Catalog.FileProblem> problems() {
    return problems;
  }

  public ObservableList<DicomAttribute> attributes() {
    return attributes;
  }

  public ObjectProperty<Tool> toolProperty() {
    return tool;
  }

  public ObjectProperty<Layout> layoutProperty() {
    return layout;
  }

  public IntegerProperty activeProperty() {
    return active;
  }

  public StringProperty statusProperty() {
    return status;
  }

  public BooleanProperty busyProperty() {
    return busy;
  }

  public javafx.beans.property.DoubleProperty heatOpacityProperty() {
    return heatOpacity;
  }

  public ObjectProperty<ColorMap> colorMapProperty() {
    return colorMap;
  }

  /** The last AI impression ("" before any analysis). */
  public StringProperty aiResultProperty() {
    return aiResult;
  }

  private void renderIfAnalysed(Viewport v) {
    if (v.analysis.get().isPresent() || v.modelResult.get().isPresent()) {
      render(v);
    }
  }

  /** Lets the user choose among the catalog's image models (ADR 0128); analyze() runs it. */
  public void attachModels(org.meditwin.app.imaging.models.ImageModelsViewModel models) {
    this.imageModels = Optional.of(models);
  }

  /**
   * Runs the chosen image model (the chest X-ray model when no model chooser is attached) on the
   * active viewport's slice in the background; its heat map or segmentation is then blended over
   * that slice.
   */
  public CompletableFuture<?> analyze() {
    if (imageModels.isPresent() && imageModels.get().selectedProperty().get().isPresent()) {
      return analyzeWith(imageModels.get());
    }
    return analyzeChest();
  }

  private CompletableFuture<org.meditwin.imaging.ai.ImageAnalysis> analyzeWith(
      org.meditwin.app.imaging.models.ImageModelsViewModel models) {
    Viewport v = activeViewport();
    Optional<Viewport.Rendered> r = v.rendered.get();
    if (r.isEmpty()) {
      return CompletableFuture.failedFuture(
          new IllegalStateException(i18n.get("imaging.export.none")));
    }
    Viewport.Rendered shown = r.get();
    busy.set(true);
    return tasks
        .submit(
            i18n.get("imaging.task.analyze"),
            progress -> {
              progress.progress(-1, -1, i18n.get("imaging.task.analyze"));
              return models.run(
                  shown.slice().instance().info(), shown.description(), shown.frame());
            })
        .whenComplete(
            (a, error) -> {
              busy.set(false);
              if (error != null) {
                Throwable cause = error.getCause() == null ? error : error.getCause();
                aiResult.set(i18n.get("imaging.ai.failed", message(cause)));
                return;
              }
              v.modelResult.set(Optional.of(new Viewport.ModelResult(shown.slice(), a)));
              // the chest model's result also in its own form, for the report pane
              v.analysis.set(
                  ChestXrayModel.Analysis.from(a)
                      .map(c -> new Viewport.AiResult(shown.slice(), c)));
              aiResult.set(a.impression());
              render(v);
            });
  }

  private CompletableFuture<ChestXrayModel.Analysis> analyzeChest() {
    Viewport v = activeViewport();
    Optional<Viewport.Rendered> r = v.rendered.get();
    if (r.isEmpty()) {
      return CompletableFuture.failedFuture(
          new IllegalStateException(i18n.get("imaging.export.none")));
    }
    Viewport.Rendered shown = r.get();
    busy.set(true);
    return tasks
        .submit(
            i18n.get("imaging.task.analyze"),
            progress -> {
              progress.progress(-1, -1, i18n.get("imaging.task.analyze"));
              synchronized (this) {
                if (chestModel == null) {
                  chestModel = models.get();
                }
              }
              return chestModel.analyze(
                  shown.slice().instance().info(), shown.description(), shown.frame());
            })
        .whenComplete(
            (a, error) -> {
              busy.set(false);
              if (error != null) {
                Throwable cause = error.getCause() == null ? error : error.getCause();
                aiResult.set(i18n.get("imaging.ai.failed", message(cause)));
                return;
              }
              v.analysis.set(Optional.of(new Viewport.AiResult(shown.slice(), a)));
              aiResult.set(a.impression());
              render(v);
            });
  }

  public void clearAnalysis() {
    Viewport v = activeViewport();
    v.analysis.set(Optional.empty());
    v.modelResult.set(Optional.empty());
    aiResult.set("");
    render(v);
  }

  public List<Viewport> viewports() {
    return viewports;
  }

  public Viewport activeViewport() {
    return viewports.get(Math.min(active.get(), layout.get().cells() - 1));
  }

  public Optional<Catalog> catalog() {
    return catalog;
  }

  /** Opens a file, folder, DICOMDIR or zip archive in the background. */
  public CompletableFuture<Catalog> open(Path path) {
    busy.set(true);
    status.set(i18n.get("imaging.status.reading"));
    return tasks
        .submit(
            i18n.get("imaging.task.open"),
            progress -> scanner.scan(path, progress, new AtomicBoolean()))
        .whenComplete(
            (result, error) -> {
              busy.set(false);
              if (error != null) {
                Throwable cause =
                    error instanceof java.util.concurrent.CompletionException
                        ? error.getCause()
                        : error;
                status.set(i18n.get("imaging.status.failed", message(cause)));
                return;
              }
              show(result);
            });
  }

  static String message(Throwable t) {
    if (t instanceof MediTwinException m) {
      return m.userMessage();
    }
    return t.getClass().getSimpleName();
  }

  /** Shows a catalog read elsewhere (e.g. the patient's imaging archive) as if it was opened. */
  public void showCatalog(Catalog result) {
    show(result);
  }

  void show(Catalog result) {
    catalog = Optional.of(result);
    series.setAll(result.allSeries().stream().filter(Catalog.Series::hasImages).toList());
    problems.setAll(result.problems());
    status.set(
        i18n.get(
            "imaging.status.opened",
            result.instanceCount(),
            series.size(),
            result.problems().size()));
    for (int i = 0; i < viewports.size(); i++) {
      Viewport v = viewports.get(i);
      if (i < series.size()) {
        showSeries(v, series.get(i));
      } else {
        v.series.set(Optional.empty());
        v.slices = List.of();
        v.rendered.set(Optional.empty());
        v.measurements.clear();
      }
    }
    active.set(0);
    refreshAttributes();
  }

  /** Shows {@code s} in the active viewport, at its middle slice. */
  public void showSeries(Catalog.Series s) {
    showSeries(activeViewport(), s);
    refreshAttributes();
  }

  private void showSeries(Viewport v, Catalog.Series s) {
    v.series.set(Optional.of(s));
    v.slices = s.slices().stream().filter(r -> r.instance().info().hasPixelData()).toList();
    v.window.set(Optional.empty());
    v.zoom.set(1);
    v.panX.set(0);
    v.panY.set(0);
    v.rotation.set(0);
    v.flipHorizontal.set(false);
    v.flipVertical.set(false);
    v.invert.set(false);
    v.measurements.clear();
    v.slice.set(0);
    render(v);
  }

  public void scroll(int delta) {
    Viewport v = activeViewport();
    setSlice(v, v.slice.get() + delta);
  }

  public void firstSlice() {
    setSlice(activeViewport(), 0);
  }

  public void lastSlice() {
    Viewport v = activeViewport();
    setSlice(v, v.sliceCount() - 1);
  }

  /** Cine: the next slice, wrapping at the end. */
  public void nextFrameLooping() {
    Viewport v = activeViewport();
    if (v.sliceCount() > 0) {
      setSlice(v, (v.slice.get() + 1) % v.sliceCount());
    }
  }

  private void setSlice(Viewport v, int index) {
    if (v.sliceCount() == 0) {
      return;
    }
    int clamped = Math.max(0, Math.min(v.sliceCount() - 1, index));
    if (clamped != v.slice.get() || v.rendered.get().isEmpty()) {
      v.slice.set(clamped);
      v.measurements.clear();
      render(v);
      if (v == activeViewport()) {
        refreshAttributes();
      }
    }
  }

  /** Window/level drag: horizontal changes the width, vertical the centre (as most viewers). */
  public void dragWindow(double dx, double dy) {
    Viewport v = activeViewport();
    v.rendered
        .get()
        .ifPresent(
            r -> {
              double scale = Math.max(1, r.window().width() / 256);
              v.window.set(Optional.of(r.window().adjusted(dy * scale, dx * scale)));
              render(v);
            });
  }

  public void applyWindow(Window w) {
    Viewport v = activeViewport();
    v.window.set(Optional.of(w));
    render(v);
  }

  /** Presets for the active viewport's modality, then the header's windows. */
  public List<Window> presets() {
    Viewport v = activeViewport();
    List<Window> list = new ArrayList<>();
    v.series.get().ifPresent(s -> list.addAll(WindowPresets.forModality(s.modality())));
    v.rendered.get().ifPresent(r -> list.addAll(r.description().windows()));
    v.rendered.get().ifPresent(r -> list.add(Renderer.minMaxWindow(r.description(), r.frame())));
    return list;
  }

  public void zoomBy(double factor) {
    Viewport v = activeViewport();
    v.zoom.set(Math.max(0.1, Math.min(20, v.zoom.get() * factor)));
  }

  public void pan(double dx, double dy) {
    Viewport v = activeViewport();
    v.panX.set(v.panX.get() + dx);
    v.panY.set(v.panY.get() + dy);
  }

  public void rotate() {
    Viewport v = activeViewport();
    v.rotation.set((v.rotation.get() + 90) % 360);
  }

  public void flipHorizontal() {
    Viewport v = activeViewport();
    v.flipHorizontal.set(!v.flipHorizontal.get());
  }

  public void flipVertical() {
    Viewport v = activeViewport();
    v.flipVertical.set(!v.flipVertical.get());
  }

  public void toggleInvert() {
    Viewport v = activeViewport();
    v.invert.set(!v.invert.get());
    render(v);
  }

  public void reset() {
    Viewport v = activeViewport();
    v.zoom.set(1);
    v.panX.set(0);
    v.panY.set(0);
    v.rotation.set(0);
    v.flipHorizontal.set(false);
    v.flipVertical.set(false);
    v.invert.set(false);
    v.window.set(Optional.empty());
    v.measurements.clear();
    render(v);
  }

  public void activate(int index) {
    if (index >= 0 && index < layout.get().cells()) {
      active.set(index);
      refreshAttributes();
    }
  }

  /** Adds a distance measurement between two image points (mm when Pixel Spacing is known). */
  public Optional<Viewport.Measurement> measureDistance(
      double x1, double y1, double x2, double y2) {
    Viewport v = activeViewport();
    return v.rendered
        .get()
        .map(
            r -> {
              String label =
                  Measurements.distance(r.description(), x1, y1, x2, y2)
                      .map(mm -> String.format(Locale.ROOT, "%.1f mm", mm))
                      .orElseGet(
                          () ->
                              String.format(Locale.ROOT, "%.1f px", Math.hypot(x2 - x1, y2 - y1)));
              Viewport.Measurement m =
                  new Viewport.Measurement(
                      Viewport.Measurement.Kind.DISTANCE, x1, y1, x2, y2, label);
              v.measurements.add(m);
              return m;
            });
  }

  /** Adds a rectangular ROI with mean/SD in modality units and its area. */
  public Optional<Viewport.Measurement> measureRoi(double x1, double y1, double x2, double y2) {
    Viewport v = activeViewport();
    return v.rendered
        .get()
        .flatMap(
            r ->
                Measurements.roi(
                    r.description(),
                    r.frame(),
                    r.slice().instance().info().modality(),
                    x1,
                    y1,
                    x2,
                    y2))
        .map(
            stats -> {
              Viewport.Measurement m =
                  new Viewport.Measurement(
                      Viewport.Measurement.Kind.ROI, x1, y1, x2, y2, stats.label());
              v.measurements.add(m);
              return m;
            });
  }

  /** Adds an elliptical ROI inscribed in the rectangle (x1,y1)-(x2,y2). */
  public Optional<Viewport.Measurement> measureEllipse(double x1, double y1, double x2, double y2) {
    Viewport v = activeViewport();
    return v.rendered
        .get()
        .flatMap(
            r ->
                Measurements.ellipse(
                    r.description(),
                    r.frame(),
                    r.slice().instance().info().modality(),
                    x1,
                    y1,
                    x2,
                    y2))
        .map(
            stats -> {
              Viewport.Measurement m =
                  new Viewport.Measurement(
                      Viewport.Measurement.Kind.ELLIPSE, x1, y1, x2, y2, stats.label());
              v.measurements.add(m);
              return m;
            });
  }

  /** Adds a freehand polygon ROI through {@code points} (closed automatically). */
  public Optional<Viewport.Measurement> measurePolygon(List<Measurements.Point> points) {
    Viewport v = activeViewport();
    if (points.size() < 3) {
      return Optional.empty();
    }
    double x2 = points.stream().mapToDouble(Measurements.Point::x).max().orElseThrow();
    double y2 = points.stream().mapToDouble(Measurements.Point::y).max().orElseThrow();
    double x1 = points.stream().mapToDouble(Measurements.Point::x).min().orElseThrow();
    double y1 = points.stream().mapToDouble(Measurements.Point::y).min().orElseThrow();
    return v.rendered
        .get()
        .flatMap(
            r ->
                Measurements.polygon(
                    r.description(), r.frame(), r.slice().instance().info().modality(), points))
        .map(
            stats -> {
              Viewport.Measurement m =
                  new Viewport.Measurement(
                      Viewport.Measurement.Kind.POLYGON, x1, y1, x2, y2, stats.label(), points);
              v.measurements.add(m);
              return m;
            });
  }

  /** Renders the viewport's current slice in the background; the newest request wins. */
  void render(Viewport v) {
    Optional<Catalog.SliceRef> ref = v.currentSlice();
    if (ref.isEmpty()) {
      v.rendered.set(Optional.empty());
      return;
    }
    long id = v.generation.incrementAndGet();
    Catalog.SliceRef slice = ref.get();
    Optional<Window> window = v.window.get();
    boolean invert = v.invert.get();
    Optional<ChestXrayModel.Analysis> heat =
        v.analysis.get().filter(a -> a.slice().equals(slice)).map(Viewport.AiResult::analysis);
    Optional<org.meditwin.imaging.ai.ImageAnalysis> generic =
        v.modelResult
            .get()
            .filter(m -> m.slice().equals(slice))
            .map(Viewport.ModelResult::analysis);
    double opacity = heatOpacity.get();
    ColorMap map = colorMap.get();
    CompletableFuture.supplyAsync(
            () -> {
              if (id != v.generation.get()) {
                return null; // a newer request for this viewport is queued
              }
              ImageDescription image = slice.instance().info().image().orElseThrow();
              Frame frame = store.frame(slice.instance().source(), slice.frame());
              Window used = window.orElseGet(() -> Renderer.defaultWindow(image, frame));
              RenderOptions options = RenderOptions.defaults().withInvert(invert);
              if (frame.samplesPerPixel() == 1
                  && (window.isPresent()
                      || image.voiLuts().isEmpty()
                      || !image.windows().isEmpty())) {
                options = options.withWindow(used);
              }
              RenderedImage image8 = Renderer.render(image, frame, slice.frame(), options);
              if (generic.isPresent()
                  && generic.get().width() == image8.width()
                  && generic.get().height() == image8.height()) {
                image8 =
                    org.meditwin.imaging.ai.ImageAnalysis.overlay(
                        image8, generic.get(), opacity, map);
              } else if (heat.isPresent()
                  && heat.get().width() == image8.width()
                  && heat.get().height() == image8.height()) {
                image8 = ChestXrayModel.overlay(image8, heat.get(), opacity, map);
              }
              return new Viewport.Rendered(image8, frame, image, slice, used);
            },
            background)
        .whenCompleteAsync(
            (rendered, error) -> {
              if (error != null) {
                Throwable cause = error.getCause() == null ? error : error.getCause();
                v.error.set(
                    i18n.get(
                        "imaging.error.file",
                        slice.instance().source().displayName(),
                        cause instanceof DicomReadException d ? d.getMessage() : message(cause)));
                v.rendered.set(Optional.empty());
                return;
              }
              if (rendered != null && id == v.generation.get()) {
                v.error.set("");
                v.rendered.set(Optional.of(rendered));
              }
            },
            ui);
  }

  private void refreshAttributes() {
    Viewport v = activeViewport();
    Optional<Catalog.SliceRef> ref = v.currentSlice();
    if (ref.isEmpty()) {
      attributes.clear();
      return;
    }
    CompletableFuture.supplyAsync(
            () -> store.object(ref.get().instance().source()).attributes(), background)
        .whenCompleteAsync(
            (list, error) -> {
              if (error == null) {
                attributes.setAll(list);
              } else {
                attributes.clear();
              }
            },
            ui);
  }

  /** Writes the active viewport's series, de-identified, into {@code folder}. */
  public CompletableFuture<Integer> exportAnonymised(Path folder) {
    Viewport v = activeViewport();
    Optional<Catalog.Series> s = v.series.get();
    if (s.isEmpty()) {
      return CompletableFuture.failedFuture(
          new IllegalStateException(i18n.get("imaging.export.none")));
    }
    var sources = s.get().instances().stream().map(Catalog.Instance::source).toList();
    String pseudonym =
        "ANON-" + Integer.toHexString(s.get().uid().hashCode() & 0xFFFFFF).toUpperCase(Locale.ROOT);
    return tasks.submit(
        i18n.get("imaging.task.export"),
        progress -> Anonymizer.basicProfile().export(sources, folder, pseudonym).size());
  }

  public FrameStore store() {
    return store;
  }
}
