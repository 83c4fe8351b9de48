package org.meditwin.app.soap;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.util.StringConverter;
import org.meditwin.app.i18n.I18n;
import org.meditwin.soap.Audiogram;

/**
 * An audiogram as a JavaFX line chart: frequency on an octave axis (250 Hz … 8 kHz), hearing level
 * downwards (−10 dB HL at the top, 130 at the bottom, as audiologists draw it). Right ear red
 * circles, left ear blue crosses; bone conduction as dashed lines with bracket markers. The y axis
 * plots −dB and labels it back, since JavaFX axes cannot be inverted.
 */
final class AudiogramChartView {
  private final LineChart<Number, Number> chart;
  private final I18n i18n;

  AudiogramChartView(I18n i18n) {
    this.i18n = i18n;
    NumberAxis x = new NumberAxis(0, 5, 1);
    x.setLabel(i18n.get("soap.audiogram.frequency"));
    x.setMinorTickVisible(false);
    x.setTickLabelFormatter(
        new StringConverter<>() {
          @Override
          public String toString(Number n) {
            double hz = 250 * Math.pow(2, n.doubleValue());
            return hz >= 1000 ? Math.round(hz / 1000) + "k" : Long.toString(Math.round(hz));
          }

          @Override
          public Number fromString(String s) {
            return 0;
          }
        });
    NumberAxis y = new NumberAxis(-130, 10, 10);
    y.setLabel(i18n.get("soap.audiogram.level"));
    y.setMinorTickVisible(false);
    y.setTickLabelFormatter(
        new StringConverter<>() {
          @Override
          public String toString(Number n) {
            return Long.toString(Math.round(-n.doubleValue()));
          }

          @Override
          public Number fromString(String s) {
            return 0;
          }
        });
    chart = new LineChart<>(x, y);
    chart.setId("soap-audiogram-chart");
    chart.setAnimated(false);
    chart.setCreateSymbols(true);
    chart.setLegendVisible(true);
    chart.setPrefHeight(280);
    chart.setMinHeight(240);
    chart.getStyleClass().add("mt-audiogram");
    chart.setFocusTraversable(false);
    chart.setVerticalZeroLineVisible(false);
  }

  LineChart<Number, Number> node() {
    return chart;
  }

  /** Octave position of a frequency: 250 Hz → 0, 500 → 1, … 8000 → 5. */
  static double octave(String hz) {
    return Math.log(Double.parseDouble(hz) / 250) / Math.log(2);
  }

  void show(Optional<Audiogram> audiogram) {
    chart.getData().clear();
    if (audiogram.isEmpty()) {
      return;
    }
    Audiogram a = audiogram.get();
    List<XYChart.Series<Number, Number>> all = new java.util.ArrayList<>();
    List<String> classes = new java.util.ArrayList<>();
    add(all, classes, "soap.audiogram.rightAir", a.rightAir(), "mt-ag-right-air");
    add(all, classes, "soap.audiogram.leftAir", a.leftAir(), "mt-ag-left-air");
    add(all, classes, "soap.audiogram.rightBone", a.rightBone(), "mt-ag-right-bone");
    add(all, classes, "soap.audiogram.leftBone", a.leftBone(), "mt-ag-left-bone");
    chart.getData().setAll(all);
    // XYChart resets the style classes of every series when the list changes: style afterwards
    for (int i = 0; i < all.size(); i++) {
      XYChart.Series<Number, Number> series = all.get(i);
      String styleClass = classes.get(i);
      if (series.getNode() != null) {
        series.getNode().getStyleClass().add(styleClass);
      }
      for (XYChart.Data<Number, Number> d : series.getData()) {
        if (d.getNode() != null) {
          d.getNode().getStyleClass().add(styleClass + "-symbol");
        }
      }
    }
    chart.applyCss();
    for (javafx.scene.Node legend : chart.lookupAll(".chart-legend-item")) {
      if (legend instanceof javafx.scene.control.Label l && l.getGraphic() != null) {
        for (int i = 0; i < all.size(); i++) {
          if (all.get(i).getName().equals(l.getText())) {
            l.getGraphic().getStyleClass().add(classes.get(i) + "-symbol");
          }
        }
      }
    }
  }

  private void add(
      List<XYChart.Series<Number, Number>> all,
      List<String> classes,
      String key,
      Map<String, Integer> values,
      String styleClass) {
    if (values.isEmpty()) {
      return;
    }
    XYChart.Series<Number, Number> series = new XYChart.Series<>();
    series.setName(i18n.get(key));
    for (Map.Entry<String, Integer> e : values.entrySet()) {
      series.getData().add(new XYChart.Data<>(octave(e.getKey()), -e.getValue()));
    }
    all.add(series);
    classes.add(styleClass);
  }

  static List<String> seriesKeys() {
    return SoapViewModel.SERIES;
  }
}
