package org.meditwin.app.search;

import java.util.Objects;
import org.meditwin.search.KnowledgeBase;

/**
 * Where the knowledge base comes from and how queries are embedded.
 *
 * @param source gzip JSON lines in MedQuAD's layout (the shipped resource outside tests)
 * @param encoder dense query encoder, used only when the index was built with the same encoder
 */
public record KnowledgeBaseSettings(KnowledgeBase.Source source, EncoderLoader encoder) {
  public KnowledgeBaseSettings {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(encoder, "encoder");
  }

  /** The shipped MedQuAD data and the shipped bge encoder. */
  public static KnowledgeBaseSettings shipped() {
    return new KnowledgeBaseSettings(KnowledgeBase.Source.shipped(), EncoderLoader.shippedBge());
  }
}
