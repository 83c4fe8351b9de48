package org.meditwin.imaging.similar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

/** The evaluation's metric arithmetic on hand-computed rankings. */
class SimilarCaseEvaluationTest {
  @Test
  void precisionAtKCountsSameLabelHits() {
    int[] ranked = {1, 0, 1, 1, 0, 0, 1, 1, 1, 0};
    assertThat(SimilarCaseEvaluation.precision(ranked, 1, 5)).isEqualTo(0.6);
    assertThat(SimilarCaseEvaluation.precision(ranked, 0, 10)).isEqualTo(0.4);
    assertThat(SimilarCaseEvaluation.precision(new int[] {1, 1}, 1, 5)).isEqualTo(0.4);
  }

  @Test
  void averagePrecisionOverTheFullRanking() {
    // relevant at ranks 1, 3, 4: (1/1 + 2/3 + 3/4) / 3
    assertThat(SimilarCaseEvaluation.averagePrecision(new int[] {1, 0, 1, 1, 0}, 1))
        .isCloseTo((1 + 2.0 / 3 + 0.75) / 3, offset(1e-12));
    assertThat(SimilarCaseEvaluation.averagePrecision(new int[] {0, 0}, 1)).isZero();
  }

  @Test
  void majorityVoteAndTies() {
    assertThat(SimilarCaseEvaluation.majority(new int[] {1, 1, 0}, 3)).isEqualTo(1);
    assertThat(SimilarCaseEvaluation.majority(new int[] {0, 1, 1, 0}, 4)).isZero();
    assertThat(SimilarCaseEvaluation.majority(new int[] {1, 0, 0, 1}, 4)).isEqualTo(1);
  }

  @Test
  void rankingIsByDescendingDotProductThenIndex() {
    float[][] lib = {{1, 0}, {0, 1}, {0.7f, 0.7f}, {0, 1}};
    assertThat(SimilarCaseEvaluation.ranking(new float[] {0, 1}, lib)).containsExactly(1, 3, 2, 0);
  }

  @Test
  void nearestRankPercentiles() {
    double[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    assertThat(SimilarCaseEvaluation.percentile(sorted, 0.5)).isEqualTo(5);
    assertThat(SimilarCaseEvaluation.percentile(sorted, 0.95)).isEqualTo(10);
    assertThat(SimilarCaseEvaluation.latency(new double[] {3, 1, 2}).p50()).isEqualTo(2);
  }

  @Test
  void signFlipTestSeparatesConsistentFromNullDifferences() {
    double[] consistent = new double[40];
    java.util.Arrays.fill(consistent, 0.1);
    assertThat(SimilarCaseEvaluation.signFlipP(consistent, 1)).isLessThan(0.001);
    double[] noise = new double[40];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = i % 2 == 0 ? 0.1 : -0.1;
    }
    assertThat(SimilarCaseEvaluation.signFlipP(noise, 1)).isGreaterThan(0.9);
  }
}
