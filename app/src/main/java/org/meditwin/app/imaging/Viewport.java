package org.meditwin.app.imaging;

import java.util.List;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.meditwin.imaging.Catalog;
import org.meditwin.imaging.Frame;
import org.meditwin.imaging.ImageDescription;
import org.meditwin.imaging.Window;
import org.meditwin.imaging.render.RenderedImage;

/**
 * One image cell of the layout: which series and slice it shows, its window, geometry (zoom, pan,
 * quarter turns, flips), inversion, measurements, and the last rendered image.
 */
public final class Viewport {
  /**
   * A measurement in image pixel coordinates, with its result text: a distance, a rectangle or an
   * ellipse between (x1,y1) and (x2,y2), or a freehand polygon through {@code points}.
   */
  public record Measurement(
      Kind kind,
      double x1,
      double y1,
      double x2,
      double y2,
      String label,
      List<Measurements.Point> points) {
    public enum Kind {
      DISTANCE,
      ROI,
      ELLIPSE,
      POLYGON
    }

    public Measurement {
      points = List.copyOf(points);
    }

    public Measurement(Kind kind, double x1, double y1, double x2, double y2, String label) {
      this(kind, x1, y1, x2, y2, label, List.of());
    }
  }

  /** What was rendered and from which slice (for annotations and statistics). */
  public record Rendered(
      RenderedImage image,
      Frame frame,
      ImageDescription description,
      Catalog.SliceRef slice,
      Window window) {}

  final ObjectProperty<Optional<Catalog.Series>> series =
      new SimpleObjectProperty<>(Optional.empty());
  final IntegerProperty slice = new SimpleIntegerProperty(0);
  final ObjectProperty<Optional<Window>> window = new SimpleObjectProperty<>(Optional.empty());
  final DoubleProperty zoom = new SimpleDoubleProperty(1);
  final DoubleProperty panX = new SimpleDoubleProperty(0);
  final DoubleProperty panY = new SimpleDoubleProperty(0);
  final IntegerProperty rotation = new SimpleIntegerProperty(0);
  final BooleanProperty flipHorizontal = new SimpleBooleanProperty(false);
  final BooleanProperty flipVertical = new SimpleBooleanProperty(false);
  final BooleanProperty invert = new SimpleBooleanProperty(false);
  final ObservableList<Measurement> measurements = FXCollections.observableArrayList();
  final ObjectProperty<Optional<Rendered>> rendered = new SimpleObjectProperty<>(Optional.empty());
  final StringProperty error = new SimpleStringProperty("");

  /** The AI analysis of one slice (shown as a heat map while that slice is displayed). */
  final ObjectProperty<Optional<AiResult>> analysis = new SimpleObjectProperty<>(Optional.empty());

  /** An analysis and the slice it belongs to. */
  public record AiResult(
      Catalog.SliceRef slice, org.meditwin.imaging.ai.ChestXrayModel.Analysis analysis) {}

  /** The result of any catalog image model on one slice (heat map or segmentation overlay). */
  final ObjectProperty<Optional<ModelResult>> modelResult =
      new SimpleObjectProperty<>(Optional.empty());

  /** A generic model result and the slice (and frame) it belongs to. */
  public record ModelResult(
      Catalog.SliceRef slice, org.meditwin.imaging.ai.ImageAnalysis analysis) {}

  public ObjectProperty<Optional<ModelResult>> modelResultProperty() {
    return modelResult;
  }

  List<Catalog.SliceRef> slices = List.of();
  final java.util.concurrent.atomic.AtomicLong generation =
      new java.util.concurrent.atomic.AtomicLong();

  public ObjectProperty<Optional<Catalog.Series>> seriesProperty() {
    return series;
  }

  public IntegerProperty sliceProperty() {
    return slice;
  }

  public ObjectProperty<Optional<Window>> windowProperty() {
    return window;
  }

  public DoubleProperty zoomProperty() {
    return zoom;
  }

  public DoubleProperty panXProperty() {
    return panX;
  }

  public DoubleProperty panYProperty() {
    return panY;
  }

  public IntegerProperty rotationProperty() {
    return rotation;
  }

  public BooleanProperty flipHorizontalProperty() {
    return flipHorizontal;
  }

  public BooleanProperty flipVerticalProperty() {
    return flipVertical;
  }

  public BooleanProperty invertProperty() {
    return invert;
  }

  public ObservableList<Measurement> measurements() {
    return measurements;
  }

  public ObjectProperty<Optional<Rendered>> renderedProperty() {
    return rendered;
  }

  public ObjectProperty<Optional<AiResult>> analysisProperty() {
    return analysis;
  }

  public StringProperty errorProperty() {
    return error;
  }

  public int sliceCount() {
    return slices.size();
  }

  public Optional<Catalog.SliceRef> currentSlice() {
    int i = slice.get();
    return i >= 0 && i < slices.size() ? Optional.of(slices.get(i)) : Optional.empty();
  }
}
