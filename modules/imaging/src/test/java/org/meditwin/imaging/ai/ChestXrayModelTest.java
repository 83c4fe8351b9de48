package org.meditwin.imaging.ai;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.meditwin.imaging.DicomInfo;
import org.meditwin.imaging.Frame;
import org.meditwin.imaging.ImageDescription;
import org.meditwin.imaging.VoiFunction;
import org.meditwin.imaging.render.RenderedImage;

/**
 * The shipped chest X-ray model (models/chest-xray-pneumonia) through the same path as the viewer
 * and the CLI: PneumoniaMNIST validation images wrapped as 8-bit CR frames.
 */
class ChestXrayModelTest {
  static final Path DATA =
      Path.of(System.getenv().getOrDefault("MEDITWIN_DATA_DIR", "../../../shared/data"))
          .toAbsolutePath()
          .normalize();
  static final Path MODELS = Path.of("../../models").toAbsolutePath().normalize();

  private static ChestXrayModel model;
  private static ChestXrayTrainer.Split val;

  @BeforeAll
  static void load() throws Exception {
    model = ChestXrayModel.load(MODELS);
    Map<String, Npz.Array> arrays = Npz.read(DATA.resolve("imaging/pneumoniamnist-trainval.npz"));
    val = ChestXrayTrainer.split(arrays, "val");
  }

  @AfterAll
  static void close() {
    model.close();
  }

  static ImageDescription image28() {
    return new ImageDescription(
        28,
        28,
        1,
        1,
        8,
        8,
        7,
        false,
        "MONOCHROME2",
        0,
        1,
        0,
        "",
        Optional.empty(),
        List.of(new org.meditwin.imaging.Window(128, 256, "")),
        List.of(),
        VoiFunction.LINEAR,
        Optional.empty(),
        List.of(),
        Optional.empty());
  }

  static DicomInfo info(String modality, String bodyPart) {
    return new DicomInfo(
        "1.2.840.10008.1.2.1",
        "",
        "",
        "",
        "1.2.3",
        modality,
        "",
        "",
        "",
        "",
        "1.2",
        "",
        "",
        "",
        "",
        "1.2.3.4",
        1,
        "",
        1,
        bodyPart,
        "",
        Optional.empty(),
        Optional.empty(),
        0,
        Optional.of(image28()));
  }

  static Frame frame(float[] pixels01) {
    int[] v = new int[pixels01.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = Math.round(pixels01[i] * 255);
    }
    return new Frame(28, 28, 1, "MONOCHROME2", v);
  }

  @Test
  void validationAccuracyThroughTheViewerPathMatchesTheModelCard() {
    int correct = 0;
    double[] scores = new double[val.y().length];
    for (int i = 0; i < val.y().length; i++) {
      ChestXrayModel.Analysis a = model.analyze(info("CR", "CHEST"), image28(), frame(val.x()[i]));
      scores[i] = a.probability();
      if ((a.probability() >= 0.5 ? 1 : 0) == val.y()[i]) {
        correct++;
      }
    }
    double accuracy = (double) correct / val.y().length;
    double auc = ChestXrayTrainer.auc(scores, val.y());
    double reported = ((Number) model.descriptor().metrics().get("accuracy")).doubleValue();
    assertThat(accuracy).isCloseTo(reported, org.assertj.core.data.Offset.offset(0.02));
    assertThat(auc).isGreaterThan(0.85);
  }

  @Test
  void gradCamHeatmapCoversTheImageAndIsNormalised() {
    int positive = -1;
    for (int i = 0; i < val.y().length && positive < 0; i++) {
      if (val.y()[i] == 1) {
        positive = i;
      }
    }
    ChestXrayModel.Analysis a =
        model.analyze(info("DX", "CHEST"), image28(), frame(val.x()[positive]));
    assertThat(a.heatmap()).hasSize(28 * 28);
    float max = 0;
    for (float v : a.heatmap()) {
      assertThat(v).isBetween(0f, 1f);
      max = Math.max(max, v);
    }
    assertThat(max).isGreaterThan(0.9f); // bilinear samples fall between the 7x7 cell centres
    assertThat(a.applicable()).isTrue();
    RenderedImage base = new RenderedImage(28, 28, false, new int[28 * 28]);
    RenderedImage blended = ChestXrayModel.overlay(base, a, 1.0, ColorMap.JET);
    assertThat(blended.color()).isTrue();
    assertThat(java.util.Arrays.stream(blended.rgb()).anyMatch(rgb -> rgb != 0)).isTrue();
    assertThat(ChestXrayModel.overlay(base, a, 0.0, ColorMap.HOT).rgb()).containsOnly(0);
  }

  @Test
  void warnsWhenTheImageIsNotAChestRadiograph() {
    ChestXrayModel.Analysis a = model.analyze(info("CT", "HEAD"), image28(), frame(val.x()[0]));
    assertThat(a.applicable()).isFalse();
    assertThat(a.impression()).contains("not a chest radiograph").contains("Decision support only");
  }

  @Test
  void npzReaderAndAucAreRight() throws Exception {
    Map<String, Npz.Array> arrays = Npz.read(DATA.resolve("imaging/pneumoniamnist-trainval.npz"));
    assertThat(arrays.get("train_images").shape()).containsExactly(2428, 28, 28);
    assertThat(arrays.get("val_labels").shape()).containsExactly(270, 1);
    assertThat(ChestXrayTrainer.auc(new double[] {0.1, 0.4, 0.35, 0.8}, new int[] {0, 0, 1, 1}))
        .isEqualTo(0.75);
    assertThat(Files.exists(MODELS.resolve("chest-xray-pneumonia/MODEL.md"))).isTrue();
  }
}
