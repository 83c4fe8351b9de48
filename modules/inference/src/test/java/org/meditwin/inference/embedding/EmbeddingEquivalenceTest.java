package org.meditwin.inference.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.embedding.onnx.bgesmallenv15.BgeSmallEnV15EmbeddingModel;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.meditwin.inference.SharedModels;

class EmbeddingEquivalenceTest {
  static final List<String> SENTENCES =
      List.of(
          "The patient reports crushing chest pain radiating to the left arm.",
          "Audiogram shows bilateral sensorineural hearing loss worse at 4 kHz.",
          "MRI of the lumbar spine demonstrates an L4-L5 disc herniation.",
          "She has had intermittent migraines with visual aura for ten years.",
          "Blood pressure 142/90, heart rate 88, afebrile.",
          "Continue metformin 500 mg twice daily and recheck HbA1c in three months.",
          "Tinnitus",
          "What are the symptoms of atrial fibrillation?");

  @Test
  void matchesLangchain4jReferenceWithCosineAtLeast0999() {
    BgeEncoder ours = SharedModels.encoder(); // initialises ONNX Runtime through DJL first
    BgeSmallEnV15EmbeddingModel reference = new BgeSmallEnV15EmbeddingModel();
    float[][] batch = ours.embedBatch(SENTENCES);
    for (int i = 0; i < SENTENCES.size(); i++) {
      float[] ref = reference.embed(SENTENCES.get(i)).content().vector();
      assertThat(EmbeddingService.cosine(batch[i], ref))
          .as(SENTENCES.get(i))
          .isGreaterThanOrEqualTo(0.999);
      assertThat(norm(batch[i])).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
    }
  }

  @Test
  void batchingDoesNotChangeFullPrecisionEmbeddings() {
    BgeEncoder ours = SharedModels.encoder();
    float[][] batch = ours.embedBatch(SENTENCES);
    for (int i = 0; i < SENTENCES.size(); i++) {
      float[] single = ours.embedBatch(List.of(SENTENCES.get(i)))[0];
      assertThat(EmbeddingService.cosine(batch[i], single)).isGreaterThan(0.99999);
    }
  }

  @Test
  void similarMeaningsAreCloserThanUnrelatedOnes() {
    EmbeddingService e = new CachingEmbeddingService(SharedModels.encoder(), 8, 100);
    float[] q = e.embed("heart attack symptoms");
    double related = EmbeddingService.cosine(q, e.embed("signs of myocardial infarction"));
    double unrelated = EmbeddingService.cosine(q, e.embed("how to treat an ear infection"));
    assertThat(related).isGreaterThan(unrelated);
  }

  @Test
  void cacheReturnsEqualVectorsByContentHash() {
    CachingEmbeddingService e = new CachingEmbeddingService(SharedModels.encoder(), 8, 100);
    float[] first = e.embed("Knee effusion after a fall.");
    float[] again = e.embedAll(List.of("Knee effusion after a fall.")).get(0);
    assertThat(again).containsExactly(first);
    assertThat(e.stats()).containsExactly(1L, 1L);
  }

  @Test
  void truncationKeepsTheSeparatorLikeTheTokenizer() {
    BgeEncoder ours = SharedModels.encoder();
    String longText = "pain ".repeat(600);
    assertThat(ours.tokenCount(longText)).isEqualTo(ours.maxTokens());
    // [CLS] + 30 x "pain" + [SEP] either way
    float[] cut = ours.embedBatch(List.of(longText), 32)[0];
    float[] exact = ours.embedBatch(List.of("pain ".repeat(30)))[0];
    assertThat(EmbeddingService.cosine(cut, exact)).isGreaterThan(0.99999);
  }

  private static double norm(float[] v) {
    double s = 0;
    for (float x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }
}
