package org.meditwin.search;

import java.util.Objects;

/**
 * Index and retrieval settings.
 *
 * @param candidates how many candidates each retriever returns before fusion and how many
 *     neighbours the HNSW search explores before keeping the top k (oversampling: HNSW recall@10 at
 *     k=10 is only ~0.76 on 100k vectors, ~0.99 when searching 50 and keeping 10)
 * @param bm25Weight weight of the normalised BM25 score in {@link FusionMethod#WEIGHTED}, {@link
 *     FusionMethod#ZSCORE} and {@link FusionMethod#MAX_NORMALISED}
 */
public record SearchConfig(
    Chunker chunker,
    VectorFormat vectorFormat,
    FusionMethod fusion,
    float bm25Weight,
    int candidates,
    int hnswMaxConnections,
    int hnswBeamWidth,
    float titleBoost) {

  public SearchConfig {
    Objects.requireNonNull(chunker, "chunker");
    Objects.requireNonNull(vectorFormat, "vectorFormat");
    Objects.requireNonNull(fusion, "fusion");
    if (bm25Weight < 0 || bm25Weight > 1) {
      throw new IllegalArgumentException("bm25Weight must be in [0,1]");
    }
    if (candidates < 10) {
      throw new IllegalArgumentException("candidates must be >= 10");
    }
  }

  /**
   * Shipped defaults: max-normalised fusion with w_BM25 = 0.05, chosen on the dev halves of the
   * MedQuAD paraphrase and exact-term sets together at the app's candidate depth (ADR 0067; it
   * replaces ADR 0062's min-max 0.1).
   */
  public static SearchConfig defaults() {
    return new SearchConfig(
        Chunker.standard(),
        VectorFormat.HNSW_FLOAT32,
        FusionMethod.MAX_NORMALISED,
        0.05f,
        100,
        16,
        100,
        1.5f);
  }

  public SearchConfig withVectorFormat(VectorFormat format) {
    return new SearchConfig(
        chunker,
        format,
        fusion,
        bm25Weight,
        candidates,
        hnswMaxConnections,
        hnswBeamWidth,
        titleBoost);
  }

  public SearchConfig withFusion(FusionMethod method, float weight) {
    return new SearchConfig(
        chunker,
        vectorFormat,
        method,
        weight,
        candidates,
        hnswMaxConnections,
        hnswBeamWidth,
        titleBoost);
  }

  public SearchConfig withCandidates(int n) {
    return new SearchConfig(
        chunker,
        vectorFormat,
        fusion,
        bm25Weight,
        n,
        hnswMaxConnections,
        hnswBeamWidth,
        titleBoost);
  }

  public SearchConfig withChunker(Chunker c) {
    return new SearchConfig(
        c,
        vectorFormat,
        fusion,
        bm25Weight,
        candidates,
        hnswMaxConnections,
        hnswBeamWidth,
        titleBoost);
  }
}
