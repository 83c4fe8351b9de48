package org.meditwin.app.imaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.transform.Affine;
import javafx.scene.transform.NonInvertibleTransformException;
import org.meditwin.app.i18n.I18n;
import org.meditwin.imaging.Catalog;
import org.meditwin.imaging.DicomInfo;
import org.meditwin.imaging.render.RenderedImage;

/** Draws one {@link Viewport}: the image with its geometry, measurements and corner annotations. */
final class ViewportView {
  private final ImagingViewModel model;
  private final Viewport viewport;
  private final int index;
  private final I18n i18n;
  private final StackPane root = new StackPane();
  private final Canvas canvas = new Canvas();
  private final Label topLeft = corner("tl");
  private final Label topRight = corner("tr");
  private final Label bottomLeft = corner("bl");
  private final Label bottomRight = corner("br");
  private final Label message = new Label();
  private WritableImage image;
  private RenderedImage imageSource;
  private Point2D pressScreen;
  private Point2D lastScreen;
  private Optional<Point2D> pressImage = Optional.empty();
  private Optional<Point2D> dragImage = Optional.empty();
  private List<Measurements.Point> freehand = new ArrayList<>();

  ViewportView(ImagingViewModel model, int index, I18n i18n) {
    this.model = model;
    this.viewport = model.viewports().get(index);
    this.index = index;
    this.i18n = i18n;
    root.setId("imaging-viewport-" + index);
    root.getStyleClass().add("mt-imaging-viewport");
    root.setMinSize(80, 80);
    Pane canvasHolder = new Pane(canvas);
    canvas.widthProperty().bind(root.widthProperty());
    canvas.heightProperty().bind(root.heightProperty());
    canvas.widthProperty().addListener((o, a, b) -> draw());
    canvas.heightProperty().addListener((o, a, b) -> draw());
    message.setId("imaging-viewport-message-" + index);
    message.setWrapText(true);
    message.getStyleClass().add("mt-imaging-message");
    message.textProperty().bind(viewport.errorProperty());
    message.visibleProperty().bind(viewport.errorProperty().isNotEmpty());
    root.getChildren().addAll(canvasHolder, topLeft, topRight, bottomLeft, bottomRight, message);
    StackPane.setAlignment(topLeft, Pos.TOP_LEFT);
    StackPane.setAlignment(topRight, Pos.TOP_RIGHT);
    StackPane.setAlignment(bottomLeft, Pos.BOTTOM_LEFT);
    StackPane.setAlignment(bottomRight, Pos.BOTTOM_RIGHT);
    viewport.renderedProperty().addListener((o, a, b) -> draw());
    viewport.zoomProperty().addListener((o, a, b) -> draw());
    viewport.panXProperty().addListener((o, a, b) -> draw());
    viewport.panYProperty().addListener((o, a, b) -> draw());
    viewport.rotationProperty().addListener((o, a, b) -> draw());
    viewport.flipHorizontalProperty().addListener((o, a, b) -> draw());
    viewport.flipVerticalProperty().addListener((o, a, b) -> draw());
    viewport
        .measurements()
        .addListener((javafx.collections.ListChangeListener<Viewport.Measurement>) c -> draw());
    model.activeProperty().addListener((o, a, b) -> draw());
    root.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
    root.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
    root.addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
    root.addEventHandler(ScrollEvent.SCROLL, this::scrolled);
  }

  private static Label corner(String where) {
    Label l = new Label();
    l.getStyleClass().add("mt-imaging-corner");
    l.setMouseTransparent(true);
    l.setId("imaging-corner-" + where);
    return l;
  }

  StackPane root() {
    return root;
  }

  /** Image → screen transform for the current geometry (empty without an image). */
  Optional<Affine> transform() {
    if (imageSource == null) {
      return Optional.empty();
    }
    double cw = canvas.getWidth();
    double ch = canvas.getHeight();
    double iw = imageSource.width();
    double ih = imageSource.height();
    boolean quarter = viewport.rotationProperty().get() % 180 != 0;
    double fit = Math.min(cw / (quarter ? ih : iw), ch / (quarter ? iw : ih));
    double s = fit * viewport.zoomProperty().get();
    Affine a = new Affine();
    a.appendTranslation(
        cw / 2 + viewport.panXProperty().get(), ch / 2 + viewport.panYProperty().get());
    a.appendRotation(viewport.rotationProperty().get());
    a.appendScale(
        viewport.flipHorizontalProperty().get() ? -s : s,
        viewport.flipVerticalProperty().get() ? -s : s);
    a.appendTranslation(-iw / 2, -ih / 2);
    return Optional.of(a);
  }

  void draw() {
    GraphicsContext g = canvas.getGraphicsContext2D();
    g.setTransform(new Affine());
    g.setFill(Color.BLACK);
    g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
    Optional<Viewport.Rendered> rendered = viewport.renderedProperty().get();
    if (rendered.isEmpty()) {
      imageSource = null;
      annotate(Optional.empty());
      outline(g);
      return;
    }
    RenderedImage r = rendered.get().image();
    if (r != imageSource) {
      imageSource = r;
      image = toFx(r);
    }
    Affine a = transform().orElseThrow();
    g.setTransform(a);
    g.setImageSmoothing(viewport.zoomProperty().get() < 2);
    g.drawImage(image, 0, 0);
    double scale = Math.hypot(a.getMxx(), a.getMyx());
    g.setLineWidth(1.5 / scale);
    for (Viewport.Measurement m : viewport.measurements()) {
      if (m.kind() == Viewport.Measurement.Kind.POLYGON) {
        drawPolygon(g, a, m.points(), m.label());
      } else {
        drawMeasurement(g, a, m.kind(), m.x1(), m.y1(), m.x2(), m.y2(), m.label());
      }
    }
    if (pressImage.isPresent() && dragImage.isPresent()) {
      ImagingViewModel.Tool tool = model.toolProperty().get();
      Point2D p = pressImage.get();
      Point2D q = dragImage.get();
      switch (tool) {
        case DISTANCE, ROI, ELLIPSE ->
            drawMeasurement(
                g,
                a,
                tool == ImagingViewModel.Tool.DISTANCE
                    ? Viewport.Measurement.Kind.DISTANCE
                    : tool == ImagingViewModel.Tool.ROI
                        ? Viewport.Measurement.Kind.ROI
                        : Viewport.Measurement.Kind.ELLIPSE,
                p.getX(),
                p.getY(),
                q.getX(),
                q.getY(),
                "");
        case POLYGON -> drawPolygon(g, a, freehand, "");
        default -> {}
      }
    }
    g.setTransform(new Affine());
    annotate(rendered);
    outline(g);
  }

  private void outline(GraphicsContext g) {
    if (model.activeProperty().get() == index && model.layoutProperty().get().cells() > 1) {
      g.setStroke(Color.web("#4f9cff"));
      g.setLineWidth(2);
      g.strokeRect(1, 1, canvas.getWidth() - 2, canvas.getHeight() - 2);
    }
  }

  private void drawMeasurement(
      GraphicsContext g,
      Affine a,
      Viewport.Measurement.Kind kind,
      double x1,
      double y1,
      double x2,
      double y2,
      String label) {
    g.setStroke(Color.web("#ffd400"));
    if (kind == Viewport.Measurement.Kind.DISTANCE) {
      g.strokeLine(x1, y1, x2, y2);
    } else if (kind == Viewport.Measurement.Kind.ELLIPSE) {
      g.strokeOval(Math.min(x1, x2), Math.min(y1, y2), Math.abs(x2 - x1), Math.abs(y2 - y1));
    } else {
      g.strokeRect(Math.min(x1, x2), Math.min(y1, y2), Math.abs(x2 - x1), Math.abs(y2 - y1));
    }
    if (!label.isEmpty()) {
      Point2D at = a.transform(Math.max(x1, x2), Math.max(y1, y2));
      g.save();
      g.setTransform(new Affine());
      g.setFill(Color.web("#ffd400"));
      g.fillText(label, at.getX() + 4, at.getY() + 14);
      g.restore();
    }
  }

  private void drawPolygon(
      GraphicsContext g, Affine a, List<Measurements.Point> points, String label) {
    if (points.size() < 2) {
      return;
    }
    g.setStroke(Color.web("#ffd400"));
    double[] xs = points.stream().mapToDouble(Measurements.Point::x).toArray();
    double[] ys = points.stream().mapToDouble(Measurements.Point::y).toArray();
    if (label.isEmpty()) {
      g.strokePolyline(xs, ys, xs.length);
    } else {
      g.strokePolygon(xs, ys, xs.length);
      double maxX = java.util.Arrays.stream(xs).max().orElse(0);
      double maxY = java.util.Arrays.stream(ys).max().orElse(0);
      Point2D at = a.transform(maxX, maxY);
      g.save();
      g.setTransform(new Affine());
      g.setFill(Color.web("#ffd400"));
      g.fillText(label, at.getX() + 4, at.getY() + 14);
      g.restore();
    }
  }

  private void annotate(Optional<Viewport.Rendered> rendered) {
    if (rendered.isEmpty()) {
      topLeft.setText("");
      topRight.setText("");
      bottomLeft.setText(viewport.sliceCount() == 0 ? "" : i18n.get("imaging.loading"));
      bottomRight.setText("");
      return;
    }
    Viewport.Rendered r = rendered.get();
    DicomInfo info = r.slice().instance().info();
    topLeft.setText(
        join(info.patientName().replace('^', ' '), info.patientId(), info.patientBirthDate()));
    topRight.setText(
        join(
            info.studyDate(),
            info.studyDescription(),
            info.modality() + (info.seriesNumber() > 0 ? " #" + info.seriesNumber() : ""),
            info.seriesDescription()));
    Catalog.SliceRef slice = r.slice();
    String frame =
        info.frames() > 1
            ? i18n.get("imaging.annotation.frame", slice.frame() + 1, info.frames())
            : "";
    bottomLeft.setText(
        join(
            i18n.get(
                "imaging.annotation.slice",
                viewport.sliceProperty().get() + 1,
                viewport.sliceCount()),
            frame,
            String.format(Locale.ROOT, "W %.0f  L %.0f", r.window().width(), r.window().center())));
    String spacing =
        r.description()
            .pixelSpacing()
            .map(s -> String.format(Locale.ROOT, "%.3f × %.3f mm", s.row(), s.column()))
            .orElse("");
    bottomRight.setText(
        join(
            r.description().columns() + " × " + r.description().rows(),
            String.format(Locale.ROOT, "%.0f %%", viewport.zoomProperty().get() * 100),
            viewport.rotationProperty().get() == 0 ? "" : viewport.rotationProperty().get() + "°",
            spacing));
  }

  private static String join(String... parts) {
    StringBuilder sb = new StringBuilder();
    for (String p : parts) {
      if (p != null && !p.isBlank()) {
        if (!sb.isEmpty()) {
          sb.append('\n');
        }
        sb.append(p.strip());
      }
    }
    return sb.toString();
  }

  static WritableImage toFx(RenderedImage r) {
    WritableImage w = new WritableImage(r.width(), r.height());
    int[] argb = new int[r.rgb().length];
    for (int i = 0; i < argb.length; i++) {
      argb[i] = 0xFF000000 | r.rgb()[i];
    }
    w.getPixelWriter()
        .setPixels(
            0, 0, r.width(), r.height(), PixelFormat.getIntArgbInstance(), argb, 0, r.width());
    return w;
  }

  private Optional<Point2D> toImage(double x, double y) {
    return transform()
        .flatMap(
            a -> {
              try {
                return Optional.of(a.inverseTransform(x, y));
              } catch (NonInvertibleTransformException e) {
                return Optional.empty();
              }
            });
  }

  private void pressed(MouseEvent e) {
    model.activate(index);
    root.requestFocus();
    pressScreen = new Point2D(e.getX(), e.getY());
    lastScreen = pressScreen;
    pressImage = toImage(e.getX(), e.getY());
    dragImage = Optional.empty();
    freehand = new ArrayList<>();
    pressImage.ifPresent(p -> freehand.add(new Measurements.Point(p.getX(), p.getY())));
  }

  private void dragged(MouseEvent e) {
    if (lastScreen == null) {
      return;
    }
    double dx = e.getX() - lastScreen.getX();
    double dy = e.getY() - lastScreen.getY();
    lastScreen = new Point2D(e.getX(), e.getY());
    ImagingViewModel.Tool tool =
        e.getButton() == MouseButton.SECONDARY
            ? ImagingViewModel.Tool.WINDOW
            : e.getButton() == MouseButton.MIDDLE
                ? ImagingViewModel.Tool.PAN
                : model.toolProperty().get();
    switch (tool) {
      case WINDOW -> model.dragWindow(dx, dy);
      case PAN -> model.pan(dx, dy);
      case ZOOM -> model.zoomBy(Math.exp(-dy / 100));
      case DISTANCE, ROI, ELLIPSE -> {
        dragImage = toImage(e.getX(), e.getY());
        draw();
      }
      case POLYGON -> {
        dragImage = toImage(e.getX(), e.getY());
        dragImage.ifPresent(p -> freehand.add(new Measurements.Point(p.getX(), p.getY())));
        draw();
      }
    }
  }

  private void released(MouseEvent e) {
    ImagingViewModel.Tool tool = model.toolProperty().get();
    Optional<Point2D> end = toImage(e.getX(), e.getY());
    if (e.getButton() == MouseButton.PRIMARY
        && pressImage.isPresent()
        && end.isPresent()
        && pressScreen.distance(e.getX(), e.getY()) > 3) {
      Point2D p = pressImage.get();
      Point2D q = end.get();
      if (tool == ImagingViewModel.Tool.DISTANCE) {
        model.measureDistance(p.getX(), p.getY(), q.getX(), q.getY());
      } else if (tool == ImagingViewModel.Tool.ROI) {
        model.measureRoi(p.getX(), p.getY(), q.getX(), q.getY());
      } else if (tool == ImagingViewModel.Tool.ELLIPSE) {
        model.measureEllipse(p.getX(), p.getY(), q.getX(), q.getY());
      } else if (tool == ImagingViewModel.Tool.POLYGON) {
        model.measurePolygon(List.copyOf(freehand));
      }
    }
    pressImage = Optional.empty();
    dragImage = Optional.empty();
    lastScreen = null;
    draw();
  }

  private void scrolled(ScrollEvent e) {
    model.activate(index);
    if (e.isControlDown()) {
      model.zoomBy(e.getDeltaY() > 0 ? 1.1 : 1 / 1.1);
    } else if (e.getDeltaY() != 0) {
      model.scroll(e.getDeltaY() > 0 ? -1 : 1);
    }
    e.consume();
  }
}
