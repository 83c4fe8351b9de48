package org.meditwin.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class FusionTest {
  private static Fusion.Scored s(int doc, float score) {
    return new Fusion.Scored(doc, score);
  }

  @Test
  void rrfSumsReciprocalRanksWithK60() {
    // list A: 1, 2, 3 ; list B: 3, 4
    List<Fusion.Scored> fused =
        Fusion.rrf(List.of(s(1, 9), s(2, 8), s(3, 7)), List.of(s(3, 0.9f), s(4, 0.8f)), 10);
    // doc 3: 1/63 + 1/61 ; doc 1: 1/61 ; doc 2: 1/62 ; doc 4: 1/62
    assertThat(fused).extracting(Fusion.Scored::doc).containsExactly(3, 1, 2, 4);
    assertThat(fused.get(0).score()).isCloseTo((float) (1.0 / 63 + 1.0 / 61), within(1e-7f));
    assertThat(fused.get(1).score()).isCloseTo((float) (1.0 / 61), within(1e-7f));
    assertThat(fused.get(2).score()).isCloseTo(fused.get(3).score(), within(1e-9f));
  }

  @Test
  void weightedBlendNormalisesEachListToUnitRange() {
    // A: 10 -> 1.0, 5 -> 0.0 ; B: 0.9 -> 1.0, 0.7 -> 0.5, 0.5 -> 0.0
    List<Fusion.Scored> fused =
        Fusion.weighted(
            List.of(s(1, 10), s(2, 5)), List.of(s(2, 0.9f), s(3, 0.7f), s(1, 0.5f)), 0.3f, 10);
    // doc1 = 0.3*1 + 0.7*0 = 0.3 ; doc2 = 0.3*0 + 0.7*1 = 0.7 ; doc3 = 0.7*0.5 = 0.35
    assertThat(fused).extracting(Fusion.Scored::doc).containsExactly(2, 3, 1);
    assertThat(fused.get(0).score()).isCloseTo(0.7f, within(1e-6f));
    assertThat(fused.get(1).score()).isCloseTo(0.35f, within(1e-6f));
    assertThat(fused.get(2).score()).isCloseTo(0.3f, within(1e-6f));
  }

  @Test
  void zscoreBlendStandardisesEachListAndGivesMissingDocsTheListMinimum() {
    // A: 10, 5 -> mean 7.5, sd 2.5 -> z 1, -1 ; B: 0.9, 0.7, 0.5 -> mean 0.7, sd 0.1633 -> z
    // 1.2247, 0, -1.2247
    List<Fusion.Scored> fused =
        Fusion.zscore(
            List.of(s(1, 10), s(2, 5)), List.of(s(2, 0.9f), s(3, 0.7f), s(1, 0.5f)), 0.3f, 10);
    double zb = Math.sqrt(1.5);
    // doc1 = 0.3*1 + 0.7*(-zb) ; doc2 = 0.3*(-1) + 0.7*zb ; doc3 = 0.3*(-1, missing) + 0.7*0
    assertThat(fused).extracting(Fusion.Scored::doc).containsExactly(2, 3, 1);
    assertThat(fused.get(0).score()).isCloseTo((float) (-0.3 + 0.7 * zb), within(1e-5f));
    assertThat(fused.get(1).score()).isCloseTo(-0.3f, within(1e-5f));
    assertThat(fused.get(2).score()).isCloseTo((float) (0.3 - 0.7 * zb), within(1e-5f));
  }

  @Test
  void zscoreOfAConstantListIsZeroAndAnEmptyListKeepsTheOtherOrder() {
    assertThat(Fusion.zscore(List.of(s(5, 3), s(6, 3)), List.of(), 0.5f, 10))
        .extracting(Fusion.Scored::score)
        .containsExactly(0f, 0f);
    assertThat(Fusion.zscore(List.of(), List.of(s(7, 0.9f), s(8, 0.1f)), 0.5f, 10))
        .extracting(Fusion.Scored::doc)
        .containsExactly(7, 8);
  }

  @Test
  void maxNormalisedBlendDividesByTheTopScoreAndGivesMissingDocsTheListMinimum() {
    // A: 10, 5 -> 1.0, 0.5 ; B: 0.9, 0.6 -> 1.0, 0.6667
    List<Fusion.Scored> fused =
        Fusion.maxNormalised(List.of(s(1, 10), s(2, 5)), List.of(s(2, 0.9f), s(3, 0.6f)), 0.2f, 10);
    // doc1 = 0.2*1 + 0.8*0.6667 (missing in B -> B min) = 0.7333 ; doc2 = 0.2*0.5 + 0.8*1 = 0.9 ;
    // doc3 = 0.2*0.5 (missing in A -> A min) + 0.8*0.6667 = 0.6333
    assertThat(fused).extracting(Fusion.Scored::doc).containsExactly(2, 1, 3);
    assertThat(fused.get(0).score()).isCloseTo(0.9f, within(1e-5f));
    assertThat(fused.get(1).score()).isCloseTo(0.2f + 0.8f * 0.6f / 0.9f, within(1e-5f));
    assertThat(fused.get(2).score()).isCloseTo(0.1f + 0.8f * 0.6f / 0.9f, within(1e-5f));
  }

  @Test
  void maxNormalisedScoresOfListedResultsDoNotDependOnListDepth() {
    List<Fusion.Scored> a = List.of(s(1, 8), s(2, 6));
    List<Fusion.Scored> b = List.of(s(1, 0.9f), s(2, 0.95f));
    List<Fusion.Scored> deeperA = List.of(s(1, 8), s(2, 6), s(9, 0.1f));
    List<Fusion.Scored> deeperB = List.of(s(1, 0.9f), s(2, 0.95f), s(9, 0.2f));
    List<Fusion.Scored> shallow = Fusion.maxNormalised(a, b, 0.3f, 2);
    List<Fusion.Scored> deep = Fusion.maxNormalised(deeperA, deeperB, 0.3f, 2);
    assertThat(deep).isEqualTo(shallow);
  }

  @Test
  void fusionKeepsOnlyTheTopK() {
    assertThat(Fusion.rrf(List.of(s(1, 1), s(2, 1)), List.of(s(3, 1)), 2)).hasSize(2);
  }

  @Test
  void fusingWithAnEmptyListKeepsTheOtherOrder() {
    assertThat(Fusion.weighted(List.of(s(5, 3), s(6, 2)), List.of(), 0.5f, 10))
        .extracting(Fusion.Scored::doc)
        .containsExactly(5, 6);
  }
}
