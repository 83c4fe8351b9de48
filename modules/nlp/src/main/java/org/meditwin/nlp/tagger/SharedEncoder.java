package org.meditwin.nlp.tagger;

import org.meditwin.inference.embedding.BgeEncoder;
import org.meditwin.nlp.text.AnalyzedText;

/**
 * The encoder shared by the NLP heads, remembering the features of the last text so that
 * de-identification and clinical NER of the same note encode it once. Features live in memory only.
 */
public final class SharedEncoder {
  private final BgeEncoder encoder;
  private AnalyzedText lastText;
  private float[][] lastFeatures;

  public SharedEncoder(BgeEncoder encoder) {
    this.encoder = encoder;
  }

  public String modelName() {
    return encoder.variant().modelName();
  }

  /** Word features of {@code text} (one row per token). */
  public synchronized float[][] features(AnalyzedText text) {
    if (lastText != null && lastText.text().equals(text.text())) {
      return lastFeatures;
    }
    float[][] f = WordFeatures.compute(encoder, text.words(), text.sentences());
    lastText = text;
    lastFeatures = f;
    return f;
  }

  /** Forgets the cached features (call when a note is closed). */
  public synchronized void clear() {
    lastText = null;
    lastFeatures = null;
  }
}
