package org.meditwin.app.timeline;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javafx.css.PseudoClass;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import org.meditwin.app.theme.Styles;
import org.meditwin.record.ClinicalEvent;
import org.meditwin.record.EventStatus;
import org.meditwin.record.EventType;

/**
 * Events over time with one lane per type, drawn on a Canvas (thousands of events stay cheap).
 * Zoom: mouse wheel (around the pointer) or +/-; pan: drag or ←/→; 0 resets. Keyboard-focusable.
 */
final class EventLaneChartView extends Region {
  private static final double LABEL_W = 160;
  private static final double AXIS_H = 24;
  private static final Color[] PALETTE = {
    Color.web("#d1495b"), Color.web("#edae49"), Color.web("#00798c"), Color.web("#30638e"),
    Color.web("#66a182"), Color.web("#8e6c8a"), Color.web("#e07a5f"), Color.web("#3d85c6"),
    Color.web("#9c6644"), Color.web("#c44536"), Color.web("#5b8e7d")
  };

  private final Canvas canvas = new Canvas();
  private final Function<EventType, String> typeName;
  private List<ClinicalEvent> events = List.of();
  private long minDay;
  private long maxDay;
  private double viewStart;
  private double viewEnd;
  private double dragX = Double.NaN;

  EventLaneChartView(Function<EventType, String> typeName) {
    this.typeName = typeName;
    getChildren().add(canvas);
    setFocusTraversable(true);
    setMinSize(300, 160);
    setPrefHeight(360);
    addEventHandler(ScrollEvent.SCROLL, this::onScroll);
    addEventHandler(
        MouseEvent.MOUSE_PRESSED,
        e -> {
          requestFocus();
          dragX = e.getX();
        });
    addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onDrag);
    addEventHandler(MouseEvent.MOUSE_RELEASED, e -> dragX = Double.NaN);
    addEventHandler(KeyEvent.KEY_PRESSED, this::onKey);
    focusedProperty().addListener((o, a, b) -> draw());
  }

  void setEvents(List<ClinicalEvent> list) {
    this.events = List.copyOf(list);
    if (events.isEmpty()) {
      minDay = LocalDate.now().minusYears(1).toEpochDay();
      maxDay = LocalDate.now().toEpochDay();
    } else {
      minDay = events.stream().mapToLong(e -> e.date().toEpochDay()).min().orElse(0);
      maxDay = events.stream().mapToLong(e -> e.date().toEpochDay()).max().orElse(0);
    }
    resetZoom();
  }

  void resetZoom() {
    double pad = Math.max(15, (maxDay - minDay) * 0.03);
    viewStart = minDay - pad;
    viewEnd = maxDay + pad;
    draw();
  }

  /** Zooms by {@code factor} (&lt; 1 zooms in) around the fraction {@code at} of the width. */
  void zoom(double factor, double at) {
    double span = viewEnd - viewStart;
    double newSpan = Math.max(7, Math.min(span * factor, (maxDay - minDay + 60) * 4.0));
    double anchor = viewStart + span * at;
    viewStart = anchor - newSpan * at;
    viewEnd = viewStart + newSpan;
    draw();
  }

  void pan(double fraction) {
    double d = (viewEnd - viewStart) * fraction;
    viewStart += d;
    viewEnd += d;
    draw();
  }

  /** The visible date range (for tests and the status line). */
  LocalDate[] visibleRange() {
    return new LocalDate[] {
      LocalDate.ofEpochDay((long) Math.floor(viewStart)),
      LocalDate.ofEpochDay((long) Math.ceil(viewEnd))
    };
  }

  private void onScroll(ScrollEvent e) {
    double w = Math.max(1, getWidth() - LABEL_W);
    double at = Math.min(1, Math.max(0, (e.getX() - LABEL_W) / w));
    zoom(e.getDeltaY() > 0 ? 0.8 : 1.25, at);
    e.consume();
  }

  private void onDrag(MouseEvent e) {
    if (Double.isNaN(dragX)) {
      return;
    }
    double w = Math.max(1, getWidth() - LABEL_W);
    pan(-(e.getX() - dragX) / w);
    dragX = e.getX();
  }

  private void onKey(KeyEvent e) {
    KeyCode c = e.getCode();
    switch (c) {
      case PLUS, EQUALS, ADD -> zoom(0.8, 0.5);
      case MINUS, SUBTRACT -> zoom(1.25, 0.5);
      case LEFT -> pan(-0.1);
      case RIGHT -> pan(0.1);
      case DIGIT0, NUMPAD0, HOME -> resetZoom();
      default -> {
        return;
      }
    }
    e.consume();
  }

  @Override
  protected void layoutChildren() {
    canvas.setWidth(getWidth());
    canvas.setHeight(getHeight());
    draw();
  }

  private boolean dark() {
    return getScene() != null
        && getScene()
            .getRoot()
            .getPseudoClassStates()
            .contains(PseudoClass.getPseudoClass(Styles.DARK_PSEUDO_CLASS));
  }

  void draw() {
    double w = canvas.getWidth();
    double h = canvas.getHeight();
    if (w <= 0 || h <= 0) {
      return;
    }
    boolean dark = dark();
    Color fg = dark ? Color.web("#e6edf3") : Color.web("#1f2328");
    Color muted = dark ? Color.web("#8b949e") : Color.web("#656d76");
    Color grid = dark ? Color.web("#30363d") : Color.web("#d0d7de");
    Color laneBg = dark ? Color.web("#161b22") : Color.web("#f6f8fa");
    GraphicsContext g = canvas.getGraphicsContext2D();
    g.clearRect(0, 0, w, h);
    g.setFont(Font.font(12));

    List<EventType> lanes = new ArrayList<>();
    Map<EventType, List<ClinicalEvent>> byType = new EnumMap<>(EventType.class);
    for (ClinicalEvent e : events) {
      byType.computeIfAbsent(e.type(), k -> new ArrayList<>()).add(e);
    }
    lanes.addAll(byType.keySet());
    int n = Math.max(1, lanes.size());
    double laneH = Math.max(18, (h - AXIS_H) / n);
    double plotW = Math.max(1, w - LABEL_W);
    double span = Math.max(1, viewEnd - viewStart);

    for (int i = 0; i < lanes.size(); i++) {
      double y = i * laneH;
      if (i % 2 == 0) {
        g.setFill(laneBg);
        g.fillRect(0, y, w, laneH);
      }
      g.setFill(fg);
      g.fillText(
          typeName.apply(lanes.get(i)) + " (" + byType.get(lanes.get(i)).size() + ")",
          6,
          y + laneH / 2 + 4);
    }
    // time axis: years, or months when zoomed in
    g.setStroke(grid);
    g.setFill(muted);
    LocalDate a = LocalDate.ofEpochDay((long) viewStart);
    LocalDate b = LocalDate.ofEpochDay((long) viewEnd);
    boolean months = ChronoUnit.DAYS.between(a, b) < 2 * 366;
    int yearStep = (int) Math.max(1, Math.ceil((b.getYear() - a.getYear()) / (plotW / 70)));
    LocalDate tick = months ? a.withDayOfMonth(1) : LocalDate.of(a.getYear(), 1, 1);
    while (!tick.isAfter(b)) {
      double x = LABEL_W + (tick.toEpochDay() - viewStart) / span * plotW;
      if (x >= LABEL_W) {
        g.strokeLine(x, 0, x, h - AXIS_H);
        g.fillText(
            months
                ? tick.getYear() + "-" + String.format("%02d", tick.getMonthValue())
                : String.valueOf(tick.getYear()),
            x + 2,
            h - 8);
      }
      tick = months ? tick.plusMonths(1) : tick.plusYears(yearStep);
    }
    // events
    for (int i = 0; i < lanes.size(); i++) {
      Color c = PALETTE[lanes.get(i).ordinal() % PALETTE.length];
      double cy = i * laneH + laneH / 2;
      for (ClinicalEvent e : byType.get(lanes.get(i))) {
        double d = e.date().toEpochDay();
        if (d < viewStart || d > viewEnd) {
          continue;
        }
        double x = LABEL_W + (d - viewStart) / span * plotW;
        if (e.endDate().isPresent()) {
          double x2 =
              LABEL_W
                  + (Math.min(viewEnd, e.endDate().get().toEpochDay()) - viewStart) / span * plotW;
          g.setFill(c.deriveColor(0, 1, 1, 0.35));
          g.fillRect(x, cy - 3, Math.max(1, x2 - x), 6);
        }
        g.setFill(e.status() == EventStatus.ENTERED_IN_ERROR ? muted : c);
        g.fillOval(x - 3.5, cy - 3.5, 7, 7);
      }
    }
    g.setStroke(isFocused() ? Color.web("#0969da") : grid);
    g.strokeRect(0.5, 0.5, w - 1, h - 1);
  }
}
