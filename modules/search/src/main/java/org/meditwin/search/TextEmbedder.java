package org.meditwin.search;

import java.util.List;

/**
 * Dense text encoder seam. The shipped implementation adapts bge-small-en-v1.5 from {@code
 * modules/inference}; vectors must be L2-normalised (the index uses cosine similarity).
 */
public interface TextEmbedder {
  /** Vector length (384 for bge-small-en-v1.5). */
  int dimension();

  /** Embeds passages, one vector per input, in order. */
  float[][] embed(List<String> texts);

  /**
   * Embeds a search query. Encoders trained with a query instruction (bge) override this; the
   * default embeds the text as a passage.
   */
  default float[] embedQuery(String query) {
    return embed(List.of(query))[0];
  }

  /**
   * Stable identifier of the model and its passage preprocessing, recorded in index manifests: it
   * must change exactly when stored document vectors would change (the query form is not part of it
   * — queries are embedded at search time, ADR 0069).
   */
  String modelId();
}
