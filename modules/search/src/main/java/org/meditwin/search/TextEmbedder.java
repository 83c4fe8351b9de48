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

  /** Stable identifier of the model and its preprocessing, recorded in index manifests. */
  String modelId();
}
