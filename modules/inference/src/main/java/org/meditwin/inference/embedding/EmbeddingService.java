package org.meditwin.inference.embedding;

import java.util.List;

/** Sentence embeddings for retrieval and similarity (unit-length vectors, cosine = dot product). */
public interface EmbeddingService {
  /** Registry name of the encoder, part of every cache key and index. */
  String modelName();

  int dimension();

  float[] embed(String text);

  /** Embeds many texts, batching the misses of the cache. Order is preserved. */
  List<float[]> embedAll(List<String> texts);

  static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return dot / Math.max(Math.sqrt(na) * Math.sqrt(nb), 1e-12);
  }
}
