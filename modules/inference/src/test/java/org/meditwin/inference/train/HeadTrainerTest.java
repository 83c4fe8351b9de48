package org.meditwin.inference.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.core.task.ProgressListener;
import org.meditwin.inference.classify.ClassificationHead;

class HeadTrainerTest {
  static final List<String> LABELS = List.of("a", "b", "c");
  static final TrainingOptions FAST = new TrainingOptions(7, 16, 0.1f, 1e-2f, 0f, 8, 40, 10, true);

  /** Three noisy clusters in 24 dimensions. */
  static HeadTrainer.Rows clusters(int perClass, long seed) {
    Random r = new Random(seed);
    int n = perClass * 3;
    float[][] x = new float[n][24];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 3;
      for (int d = 0; d < 24; d++) {
        x[i][d] = (float) (r.nextGaussian() * 0.6 + (d % 3 == y[i] ? 1.5 : 0));
      }
    }
    return new HeadTrainer.Rows(x, y);
  }

  @Test
  void sameSeedAndDataGiveIdenticalWeights() {
    TrainedHead first =
        HeadTrainer.train(clusters(12, 1), clusters(6, 2), LABELS, FAST, ProgressListener.NONE);
    TrainedHead second =
        HeadTrainer.train(clusters(12, 1), clusters(6, 2), LABELS, FAST, ProgressListener.NONE);
    assertThat(second.parameters()).isEqualTo(first.parameters());
    assertThat(second.bestEpoch()).isEqualTo(first.bestEpoch());
    TrainedHead other =
        HeadTrainer.train(
            clusters(12, 1), clusters(6, 2), LABELS, FAST.withSeed(8), ProgressListener.NONE);
    assertThat(other.parameters()).isNotEqualTo(first.parameters());
  }

  @Test
  void learnsSeparableClassesAndReloadsFromItsWeightsFile(@TempDir Path dir) throws Exception {
    TrainedHead head =
        HeadTrainer.train(clusters(20, 3), clusters(10, 4), LABELS, FAST, ProgressListener.NONE);
    assertThat(head.devMacroF1()).isGreaterThan(0.9);
    Path file = dir.resolve("head.params");
    Files.write(file, head.parameters());
    HeadTrainer.Rows test = clusters(10, 5);
    try (ClassificationHead loaded = ClassificationHead.load(file, head.architecture())) {
      int[] pred = RouterTraining.argmax(loaded.probabilities(test.x()));
      assertThat(ClassificationMetrics.of(LABELS, test.y(), pred).macroF1()).isGreaterThan(0.9);
    }
  }

  @Test
  void earlyStoppingEndsBeforeTheEpochLimit() {
    TrainingOptions patient = FAST.withEpochs(500, 5);
    TrainedHead head =
        HeadTrainer.train(clusters(12, 1), clusters(6, 2), LABELS, patient, ProgressListener.NONE);
    assertThat(head.epochsRun()).isLessThan(500).isEqualTo(head.bestEpoch() + 5);
  }

  @Test
  void metricsComputeMacroF1AndConfusion() {
    ClassificationMetrics m =
        ClassificationMetrics.of(LABELS, new int[] {0, 0, 1, 2}, new int[] {0, 1, 1, 2});
    assertThat(m.confusion()[0]).containsExactly(1, 1, 0);
    assertThat(m.accuracy()).isEqualTo(0.75);
    // F1: a = 2/3, b = 2/3, c = 1
    assertThat(m.macroF1())
        .isCloseTo((2 / 3.0 + 2 / 3.0 + 1) / 3, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(m.toMarkdown()).contains("| a | 1 | 1 | 0 |");
  }
}
