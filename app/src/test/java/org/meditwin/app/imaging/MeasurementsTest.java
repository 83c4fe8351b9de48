package org.meditwin.app.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.meditwin.imaging.Frame;
import org.meditwin.imaging.ImageDescription;
import org.meditwin.imaging.VoiFunction;

/** Area and statistics of rectangle, ellipse and freehand polygon regions, computed by hand. */
class MeasurementsTest {
  /** 100×100 CT-like image: stored value x (column), rescale 2·v - 1000, spacing 0.5 × 0.25 mm. */
  static ImageDescription image(boolean spacing) {
    return new ImageDescription(
        100,
        100,
        1,
        1,
        16,
        12,
        11,
        false,
        "MONOCHROME2",
        0,
        2,
        -1000,
        "HU",
        Optional.empty(),
        List.of(),
        List.of(),
        VoiFunction.LINEAR,
        Optional.empty(),
        List.of(),
        spacing ? Optional.of(new ImageDescription.PixelSpacing(0.5, 0.25)) : Optional.empty());
  }

  static Frame ramp() {
    int[] v = new int[100 * 100];
    for (int i = 0; i < v.length; i++) {
      v[i] = i % 100;
    }
    return new Frame(100, 100, 1, "MONOCHROME2", v);
  }

  static Measurements.Point p(double x, double y) {
    return new Measurements.Point(x, y);
  }

  @Test
  void rectangleHasModalityMeanSdMinMaxAndAreaInMm2() {
    var s = Measurements.roi(image(true), ramp(), "CT", 10, 20, 20, 30).orElseThrow();
    // columns 10..19 → stored 10..19 → HU 2v-1000: -980..-962, mean -971
    assertThat(s.pixels()).isEqualTo(100);
    assertThat(s.mean()).isCloseTo(-971, offset(1e-9));
    assertThat(s.min()).isEqualTo(-980);
    assertThat(s.max()).isEqualTo(-962);
    // SD of 2·(10..19) with n-1: 2 · sqrt(var(0..9) · 10/9) over 10 rows of the same values
    double var = 0;
    for (int x = 10; x < 20; x++) {
      var += Math.pow(2 * x - 1000 + 971, 2) * 10;
    }
    assertThat(s.sd()).isCloseTo(Math.sqrt(var / 99), offset(1e-9));
    assertThat(s.areaMm2()).contains(100 * 0.5 * 0.25);
    assertThat(s.unit()).isEqualTo("HU");
    assertThat(s.label()).contains("mean -971.0 HU").contains("min -980").contains("12.5 mm²");
  }

  @Test
  void ellipseAreaIsPiABAndItsPixelsAreThoseWhoseCentresAreInside() {
    var s = Measurements.ellipse(image(true), ramp(), "CT", 20, 30, 60, 50).orElseThrow();
    // a = 20, b = 10 px
    assertThat(s.areaPx2()).isCloseTo(Math.PI * 200, offset(1e-9));
    assertThat(s.areaMm2().orElseThrow()).isCloseTo(Math.PI * 200 * 0.125, offset(1e-9));
    int expected = 0;
    for (int y = 0; y < 100; y++) {
      for (int x = 0; x < 100; x++) {
        double dx = (x + 0.5 - 40) / 20;
        double dy = (y + 0.5 - 40) / 10;
        if (dx * dx + dy * dy <= 1) {
          expected++;
        }
      }
    }
    assertThat(s.pixels()).isEqualTo(expected);
    assertThat((double) s.pixels()).isCloseTo(Math.PI * 200, offset(Math.PI * 200 * 0.03));
    // symmetric about column 40 (stored 39.5 on average) → mean HU 2·39.5 - 1000
    assertThat(s.mean()).isCloseTo(-921, offset(1e-9));
    assertThat(s.min()).isEqualTo(2 * 20 - 1000);
    assertThat(s.max()).isEqualTo(2 * 59 - 1000);
  }

  @Test
  void polygonAreaUsesTheShoelaceFormulaInEitherDirection() {
    List<Measurements.Point> triangle = List.of(p(0, 0), p(10, 0), p(0, 10));
    var s = Measurements.polygon(image(true), ramp(), "CT", triangle).orElseThrow();
    assertThat(s.areaPx2()).isEqualTo(50);
    assertThat(s.areaMm2()).contains(50 * 0.125);
    // centres (x+.5, y+.5) with x + y + 1 < 10 → x + y <= 8: 9 + 8 + ... + 1 = 45 pixels
    assertThat(s.pixels()).isEqualTo(45);
    assertThat(Measurements.polygon(image(true), ramp(), "CT", triangle.reversed()).orElseThrow())
        .isEqualTo(s);
    assertThat(s.min()).isEqualTo(-1000);
    assertThat(s.max()).isEqualTo(2 * 8 - 1000);
  }

  @Test
  void freehandOutlineOfASquareMatchesTheRectangle() {
    List<Measurements.Point> outline = new java.util.ArrayList<>();
    for (int i = 0; i <= 20; i++) {
      outline.add(p(30 + i, 30)); // many points per side, like a mouse drag
    }
    for (int i = 1; i <= 20; i++) {
      outline.add(p(50, 30 + i));
    }
    for (int i = 1; i <= 20; i++) {
      outline.add(p(50 - i, 50));
    }
    for (int i = 1; i < 20; i++) {
      outline.add(p(30, 50 - i));
    }
    var polygon = Measurements.polygon(image(false), ramp(), "CT", outline).orElseThrow();
    var rectangle = Measurements.roi(image(false), ramp(), "CT", 30, 30, 50, 50).orElseThrow();
    assertThat(polygon.pixels()).isEqualTo(rectangle.pixels());
    assertThat(polygon.mean()).isEqualTo(rectangle.mean());
    assertThat(polygon.areaPx2()).isEqualTo(400);
    assertThat(polygon.areaMm2()).isEmpty();
    assertThat(polygon.label()).contains("400 px²");
  }

  @Test
  void degenerateShapesHaveNoStatistics() {
    assertThat(Measurements.polygon(image(true), ramp(), "CT", List.of(p(1, 1), p(5, 5))))
        .isEmpty();
    assertThat(Measurements.polygon(image(true), ramp(), "CT", List.of(p(1, 1), p(5, 5), p(9, 9))))
        .isEmpty();
    assertThat(Measurements.ellipse(image(true), ramp(), "CT", 5, 5, 5, 20)).isEmpty();
    // entirely outside the image
    assertThat(Measurements.ellipse(image(true), ramp(), "CT", 200, 200, 220, 220)).isEmpty();
  }
}
