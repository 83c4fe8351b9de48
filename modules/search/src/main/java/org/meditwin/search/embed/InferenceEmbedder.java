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
 * #withQueryInstruction} adds it to queries only (passages are embedded as they are). Which form
 * the app and the evaluation use is {@link #shipped} (ADR 0069, measured on the MedQuAD dev
 * halves). The query form is <em>not</em> part of {@link #modelId()}: the id identifies the
 * document-side vectors an index stores, which do not depend on how queries are embedded, so
 * changing the query form never forces a re-index.
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

  /**
   * The query form the app, the CLI and the evaluation all use (ADR 0069): chosen on the dev halves
   * of the MedQuAD paraphrase and exact-term sets together with the fusion rule.
   */
  public static InferenceEmbedder shipped(EmbeddingService service) {
    return SHIPPED_QUERY_INSTRUCTION ? withQueryInstruction(service) : plain(service);
  }

  static final boolean SHIPPED_QUERY_INSTRUCTION = false;

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

  /** Document-side identity (model and passage preprocessing), recorded in index manifests. */
  @Override
  public String modelId() {
    return service.modelName();
  }

  /** {@code "query-instruction"} or {@code "plain"}: how queries are embedded (diagnostics). */
  public String queryForm() {
    return queryInstruction ? "query-instruction" : "plain";
  }
}
