package org.meditwin.search.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.meditwin.inference.embedding.EmbeddingService;

class InferenceEmbedderTest {
  /** Records what the encoder was asked to embed. */
  private static final class Recording implements EmbeddingService {
    final List<String> seen = new ArrayList<>();

    @Override
    public String modelName() {
      return "bge-small-en-v1.5";
    }

    @Override
    public int dimension() {
      return 2;
    }

    @Override
    public float[] embed(String text) {
      seen.add(text);
      return new float[] {1, 0};
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
      seen.addAll(texts);
      return texts.stream().map(t -> new float[] {0, 1}).toList();
    }
  }

  @Test
  void theQueryFormChangesOnlyQueriesNotTheDocumentSideModelId() {
    Recording service = new Recording();
    InferenceEmbedder plain = InferenceEmbedder.plain(service);
    InferenceEmbedder instructed = InferenceEmbedder.withQueryInstruction(service);
    assertThat(plain.modelId()).isEqualTo(instructed.modelId()).isEqualTo("bge-small-en-v1.5");
    plain.embedQuery("signs of gout");
    instructed.embedQuery("signs of gout");
    instructed.embed(List.of("Gout is arthritis."));
    assertThat(service.seen)
        .containsExactly(
            "signs of gout",
            InferenceEmbedder.BGE_QUERY_INSTRUCTION + "signs of gout",
            "Gout is arthritis.");
    assertThat(plain.queryForm()).isEqualTo("plain");
    assertThat(instructed.queryForm()).isEqualTo("query-instruction");
  }

  @Test
  void theShippedFormIsTheOneTheEvaluationChose() {
    Recording service = new Recording();
    InferenceEmbedder.shipped(service).embedQuery("q");
    assertThat(service.seen)
        .containsExactly(
            InferenceEmbedder.SHIPPED_QUERY_INSTRUCTION
                ? InferenceEmbedder.BGE_QUERY_INSTRUCTION + "q"
                : "q");
  }
}
