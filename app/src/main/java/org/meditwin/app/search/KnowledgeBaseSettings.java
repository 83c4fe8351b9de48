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

  /** Set to {@code false} to keep the knowledge base lexical (slow or busy workstations). */
  public static final String SEMANTIC_PROPERTY = "meditwin.kb.semantic";

  /**
   * The shipped MedQuAD data and the shipped bge encoder, unless {@code
   * -Dmeditwin.kb.semantic=false} keeps search lexical (no encoder load, no hybrid build).
   */
  public static KnowledgeBaseSettings shipped() {
    boolean semantic = !"false".equalsIgnoreCase(System.getProperty(SEMANTIC_PROPERTY, "true"));
    return new KnowledgeBaseSettings(
        KnowledgeBase.Source.shipped(),
        semantic ? EncoderLoader.shippedBge() : EncoderLoader.none());
  }
}
