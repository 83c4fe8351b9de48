package org.meditwin.imaging.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shipped chest model found by the catalog and run by the generic runner, Grad-CAM kept. */
class ChestModelThroughRunnerTest {

  @Test
  void catalogRunnerGivesTheSameProbabilityAndHeatMapAsTheChestModel() throws Exception {
    ModelCatalog catalog = ModelCatalog.scan(ChestXrayModelTest.MODELS);
    ModelCatalog.Entry entry = catalog.find("chest-xray-pneumonia").orElseThrow();
    assertThat(entry.status()).as(entry.detail()).isEqualTo(ModelCatalog.Status.READY);
    ImageModelDescriptor d = entry.descriptor().orElseThrow();
    assertThat(d.format()).isEqualTo(ImageModelDescriptor.Format.DJL_PARAMS);
    assertThat(d.input().normalisation().kind())
        .isEqualTo(ImageModelDescriptor.Normalisation.Kind.RENDERED);
    Map<String, Npz.Array> arrays =
        Npz.read(ChestXrayModelTest.DATA.resolve("imaging/pneumoniamnist-trainval.npz"));
    ChestXrayTrainer.Split val = ChestXrayTrainer.split(arrays, "val");
    try (ImageModelRunner runner = ImageModelRunner.open(entry);
        ChestXrayModel direct = ChestXrayModel.load(ChestXrayModelTest.MODELS)) {
      for (int i = 0; i < 5; i++) {
        var frame = ChestXrayModelTest.frame(val.x()[i]);
        var info = ChestXrayModelTest.info("CR", "CHEST");
        ImageAnalysis a = runner.analyze(info, ChestXrayModelTest.image28(), frame);
        ChestXrayModel.Analysis b = direct.analyze(info, ChestXrayModelTest.image28(), frame);
        assertThat(a.probability("pneumonia").orElseThrow())
            .isCloseTo(b.probability(), offset(1e-6));
        float[] heat = a.heatmap().orElseThrow();
        assertThat(heat).hasSize(b.heatmap().length);
        for (int p = 0; p < heat.length; p++) {
          assertThat(heat[p]).isCloseTo(b.heatmap()[p], offset(1e-5f));
        }
        assertThat(a.applicability().applicable()).isTrue();
      }
      ImageAnalysis ct =
          runner.analyze(
              ChestXrayModelTest.info("CT", "HEAD"),
              ChestXrayModelTest.image28(),
              ChestXrayModelTest.frame(val.x()[0]));
      assertThat(ct.applicability().applicable()).isFalse();
      assertThat(ct.impression()).contains("not meaningful").contains("Decision support only");
    }
    assertThat(catalog.applicableTo(ChestXrayModelTest.info("DX", "CHEST")))
        .extracting(ModelCatalog.Entry::name)
        .contains("chest-xray-pneumonia");
  }
}
