package org.meditwin.search.embed;

import java.util.List;
import java.util.Objects;
import org.meditwin.inference.embedding.EmbeddingService;
import org.meditwin.search.TextEmbedder;

/**
 * Adapts the shipped encoder ({@code org.meditwin.inference}, bge-small-en-v1.5, 384-d, unit
 * length) to {@link TextEmbedder}.
 *
 * <p>bge v1.5 was trained with an instruction prefix for short retrieval queries; {@link
 * #withQueryInstruction} adds it to queries only (passages are embedded as they are). Whether it
 * helps is measured on the MedQuAD dev half (module README), and the choice is part of {@link
 * #modelId()} so an index records it.
 */
public final class InferenceEmbedder implements TextEmbedder {
  /** bge-*-en-v1.5 query instruction from the model card. */
  public static final String BGE_QUERY_INSTRUCTION =
      "Represent this sentence for searching relevant passages: ";

  private final EmbeddingService service;
  private final boolean queryInstruction;

  private InferenceEmbedder(EmbeddingService service, boolean queryInstruction) {
    this.service = Objects.requireNonNull(service, "service");
    this.queryInstruction = queryInstruction;
  }

  /** Queries embedded exactly like passages. */
  public static InferenceEmbedder plain(EmbeddingService service) {
    return new InferenceEmbedder(service, false);
  }

  /** Queries prefixed with {@link #BGE_QUERY_INSTRUCTION}. */
  public static InferenceEmbedder withQueryInstruction(EmbeddingService service) {
    return new InferenceEmbedder(service, true);
  }

  @Override
  public int dimension() {
    return service.dimension();
  }

  @Override
  public float[][] embed(List<String> texts) {
    return service.embedAll(texts).toArray(float[][]::new);
  }

  @Override
  public float[] embedQuery(String query) {
    return service.embed(queryInstruction ? BGE_QUERY_INSTRUCTION + query : query);
  }

  @Override
  public String modelId() {
    return service.modelName() + (queryInstruction ? "+query-instruction" : "");
  }
}
