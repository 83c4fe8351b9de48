package org.meditwin.search.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetrievalMetricsTest {
  // ranking: a b c d ; relevant: b (grade 2), d (grade 1), e (grade 1, never retrieved)
  private static final List<String> RANKED = List.of("a", "b", "c", "d");
  private static final Map<String, Integer> REL = Map.of("b", 2, "d", 1, "e", 1);

  @Test
  void ndcgMatchesAHandComputedValue() {
    double dcg = 2 / log2(3) + 1 / log2(5); // b at rank 2, d at rank 4
    double idcg = 2 / log2(2) + 1 / log2(3) + 1 / log2(4); // 2, 1, 1
    assertThat(RetrievalMetrics.ndcgAt(RANKED, REL, 10)).isCloseTo(dcg / idcg, within(1e-12));
    assertThat(dcg / idcg).isCloseTo(0.5406, within(1e-4));
  }

  @Test
  void ndcgCutsAtK() {
    assertThat(RetrievalMetrics.ndcgAt(RANKED, REL, 1)).isZero();
    assertThat(RetrievalMetrics.ndcgAt(List.of("b"), REL, 1)).isEqualTo(1.0);
  }

  @Test
  void recallCountsRelevantFoundOverAllRelevant() {
    assertThat(RetrievalMetrics.recallAt(RANKED, REL, 10)).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(RetrievalMetrics.recallAt(RANKED, REL, 2)).isCloseTo(1.0 / 3, within(1e-12));
  }

  @Test
  void mrrIsTheReciprocalRankOfTheFirstRelevant() {
    assertThat(RetrievalMetrics.mrrAt(RANKED, REL, 10)).isEqualTo(0.5);
    assertThat(RetrievalMetrics.mrrAt(RANKED, REL, 1)).isZero();
  }

  @Test
  void summaryAveragesOverQueries() {
    RetrievalMetrics.Summary s =
        RetrievalMetrics.Summary.of(
            List.of(List.of("x"), List.of("y")), List.of(Map.of("x", 1), Map.of("z", 1)));
    assertThat(s.queries()).isEqualTo(2);
    assertThat(s.mrr10()).isEqualTo(0.5);
    assertThat(s.ndcg10()).isEqualTo(0.5);
    assertThat(s.recall100()).isEqualTo(0.5);
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
