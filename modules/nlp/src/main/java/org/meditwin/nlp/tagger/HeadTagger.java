package org.meditwin.nlp.tagger;

import java.nio.file.Path;
import java.util.List;
import org.meditwin.inference.classify.ClassificationHead;
import org.meditwin.inference.classify.HeadArchitecture;
import org.meditwin.inference.registry.ModelDescriptor;

/**
 * A trained token-classification head ({@code models/<name>/head.params}) with constrained BIO
 * decoding. Input: word features from {@link WordFeatures}; output: entity spans over words.
 */
public final class HeadTagger implements AutoCloseable {
  private final String name;
  private final String version;
  private final ClassificationHead head;
  private final BioDecoder decoder;
  private final String encoderName;
  private final int context;
  private volatile float outsideScale = 1f;

  private HeadTagger(
      String name,
      String version,
      ClassificationHead head,
      BioDecoder decoder,
      String encoder,
      int context) {
    this.name = name;
    this.version = version;
    this.head = head;
    this.decoder = decoder;
    this.encoderName = encoder;
    this.context = context;
  }

  /** Loads a verified descriptor's weights (the registry has checked the checksums). */
  public static HeadTagger load(ModelDescriptor d, Path folder) {
    HeadArchitecture arch =
        new HeadArchitecture(
            d.intParameter("inputDim", 384),
            d.intParameter("hiddenDim", 0),
            d.labels().size(),
            ((Number) d.parameters().getOrDefault("dropout", 0.0)).floatValue());
    ClassificationHead head = ClassificationHead.load(folder.resolve(d.primaryFile().path()), arch);
    return new HeadTagger(
        d.name(),
        d.version(),
        head,
        new BioDecoder(d.labels()),
        d.stringInput("encoder", "bge-small-en-v1.5-q"),
        d.intParameter("contextWords", 0));
  }

  /**
   * Multiplies the probability of {@code O} by {@code scale} before decoding: below 1 trades
   * precision for recall (de-identification wants recall).
   */
  public void setOutsideScale(float scale) {
    if (!(scale > 0 && scale <= 1)) {
      throw new IllegalArgumentException("outside scale must be in (0, 1]");
    }
    this.outsideScale = scale;
  }

  public String name() {
    return name;
  }

  public String version() {
    return version;
  }

  /** Registry name of the encoder the head was trained on. */
  public String encoderName() {
    return encoderName;
  }

  public List<String> labels() {
    return decoder.labels();
  }

  /** Entity spans over the words whose features are given (one row per word). */
  public List<BioDecoder.WordSpan> tag(float[][] features, List<int[]> sentences) {
    if (features.length == 0) {
      return List.of();
    }
    List<BioDecoder.WordSpan> out = new java.util.ArrayList<>();
    for (int[] s : sentences) {
      float[][] p = head.probabilities(withContext(features, s[0], s[1], context));
      int outside = decoder.labels().indexOf("O");
      if (outsideScale < 1f && outside >= 0) {
        for (float[] row : p) {
          row[outside] *= outsideScale;
        }
      }
      int[] decoded = decoder.decode(p);
      for (BioDecoder.WordSpan w : decoder.spans(decoded, p)) {
        out.add(new BioDecoder.WordSpan(w.from() + s[0], w.to() + s[0], w.type(), w.confidence()));
      }
    }
    return out;
  }

  /**
   * Rows for words {@code [from, to)}: each word's features followed by those of the {@code
   * context} words on either side within the sentence (zeros beyond its ends).
   */
  public static float[][] withContext(float[][] features, int from, int to, int context) {
    int dim = org.meditwin.inference.embedding.BgeEncoder.DIMENSION;
    float[][] out = new float[to - from][];
    for (int i = from; i < to; i++) {
      if (context == 0) {
        out[i - from] = features[i] != null ? features[i] : new float[dim];
        continue;
      }
      float[] row = new float[dim * (1 + 2 * context)];
      if (features[i] != null) {
        System.arraycopy(features[i], 0, row, 0, dim);
      }
      int slot = 1;
      for (int k = 1; k <= context; k++) {
        for (int j : new int[] {i - k, i + k}) {
          if (j >= from && j < to && features[j] != null) {
            System.arraycopy(features[j], 0, row, slot * dim, dim);
          }
          slot++;
        }
      }
      out[i - from] = row;
    }
    return out;
  }

  @Override
  public void close() {
    head.close();
  }
}
