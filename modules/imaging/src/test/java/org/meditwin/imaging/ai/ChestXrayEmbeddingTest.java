package org.meditwin.imaging.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Penultimate-layer embeddings of the shipped chest model and the dataset reader behind them. */
class ChestXrayEmbeddingTest {
  private static ChestXrayModel model;
  private static List<ChestXrayDataset.Sample> val;

  @BeforeAll
  static void load() throws Exception {
    model = ChestXrayModel.load(ChestXrayModelTest.MODELS);
    val =
        ChestXrayDataset.load(
            ChestXrayModelTest.DATA.resolve("imaging/pneumoniamnist-trainval.npz"), "val");
  }

  @AfterAll
  static void close() {
    model.close();
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  @Test
  void embeddingHas128UnitNormDimensions() {
    float[] v = model.embedGrey(List.of(val.get(0).pixels()), 28, 28)[0];
    assertThat(v).hasSize(ChestXrayModel.EMBEDDING_DIMENSION).hasSize(128);
    assertThat(dot(v, v)).isCloseTo(1.0, offset(1e-5));
    for (float x : v) {
      assertThat(x).isGreaterThanOrEqualTo(0f); // average of ReLU outputs
    }
  }

  @Test
  void sameImageGivesTheSameVectorAloneOrInABatch() {
    float[] pixels = val.get(3).pixels();
    float[] once = model.embedGrey(List.of(pixels), 28, 28)[0];
    float[] again = model.embedGrey(List.of(pixels), 28, 28)[0];
    float[][] batch = model.embedGrey(List.of(val.get(1).pixels(), pixels), 28, 28);
    assertThat(again).containsExactly(once);
    assertThat(batch[1]).containsExactly(once, offset(1e-5f));
    assertThat(dot(batch[0], once)).isLessThan(0.9999);
  }

  @Test
  void frameEmbeddingGoesThroughTheViewerRenderingPath() {
    float[] pixels = val.get(5).pixels();
    float[] p01 = new float[pixels.length];
    for (int i = 0; i < pixels.length; i++) {
      p01[i] = pixels[i] / 255f;
    }
    float[] viaFrame = model.embed(ChestXrayModelTest.image28(), ChestXrayModelTest.frame(p01));
    float[] direct = model.embedGrey(List.of(pixels), 28, 28)[0];
    assertThat(viaFrame).hasSize(128);
    assertThat(dot(viaFrame, direct)).isGreaterThan(0.99);
  }

  @Test
  void largerImagesAreAreaResizedToTheModelInput() {
    float[] small = val.get(7).pixels();
    float[] big = new float[56 * 56];
    for (int y = 0; y < 56; y++) {
      for (int x = 0; x < 56; x++) {
        big[y * 56 + x] = small[(y / 2) * 28 + x / 2];
      }
    }
    float[] a = model.embedGrey(List.of(small), 28, 28)[0];
    float[] b = model.embedGrey(List.of(big), 56, 56)[0];
    assertThat(dot(a, b)).isCloseTo(1.0, offset(1e-4));
    assertThatThrownBy(() -> model.embedGrey(List.of(small), 56, 56))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void datasetSplitsHaveTheDocumentedSizesAndLabels() throws Exception {
    List<ChestXrayDataset.Sample> train =
        ChestXrayDataset.load(
            ChestXrayModelTest.DATA.resolve("imaging/pneumoniamnist-trainval.npz"), "train");
    assertThat(train).hasSize(2428);
    assertThat(val).hasSize(270);
    assertThat(train.stream().map(ChestXrayDataset.Sample::labelName).distinct())
        .containsExactlyInAnyOrder("normal", "pneumonia");
    assertThat(val.get(0).pixels()).hasSize(28 * 28);
    assertThat(isChest("CR", "CHEST")).isTrue();
    assertThat(isChest("DX", "")).isTrue();
    assertThat(isChest("CT", "CHEST")).isFalse();
    assertThat(isChest("CR", "HAND")).isFalse();
  }

  private static boolean isChest(String modality, String bodyPart) {
    return ChestXrayModel.isChestRadiograph(ChestXrayModelTest.info(modality, bodyPart));
  }
}
