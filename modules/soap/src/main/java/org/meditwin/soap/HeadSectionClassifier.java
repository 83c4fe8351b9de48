package org.meditwin.soap;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.meditwin.inference.classify.ClassificationHead;
import org.meditwin.inference.classify.HeadArchitecture;
import org.meditwin.inference.embedding.BgeEncoder;
import org.meditwin.inference.embedding.EncoderVariant;
import org.meditwin.inference.registry.ModelDescriptor;
import org.meditwin.inference.registry.ModelUnavailableException;

/**
 * The trained {@code soap-sections} head: bge-small CLS embedding of a sentence → S/O/A/P. Texts
 * are embedded one at a time when the encoder is the int8 build (its output depends on batch
 * padding), else in length-sorted batches.
 */
final class HeadSectionClassifier implements SectionClassifier {
  static final String MODEL = "soap-sections";

  private final BgeEncoder encoder;
  private final ClassificationHead head;
  private final int maxTokens;
  private final String name;

  private HeadSectionClassifier(
      BgeEncoder encoder, ClassificationHead head, int maxTokens, String name) {
    this.encoder = encoder;
    this.head = head;
    this.maxTokens = maxTokens;
    this.name = name;
  }

  static HeadSectionClassifier load(ModelDescriptor d, Path folder, Path encoderDir, int threads) {
    List<String> labels = d.labels();
    List<String> expected = java.util.Arrays.stream(Section.values()).map(Section::key).toList();
    if (!labels.equals(expected)) {
      throw new ModelUnavailableException(
          d.name(),
          d.name() + " has labels " + labels + ", expected " + expected,
          new IllegalStateException("label mismatch"));
    }
    EncoderVariant variant =
        EncoderVariant.byModelName(d.stringInput("encoder", EncoderVariant.QUANTISED.modelName()));
    int maxTokens = d.intParameter("maxTokens", 64);
    HeadArchitecture arch =
        new HeadArchitecture(
            d.intParameter("inputDim", BgeEncoder.DIMENSION),
            d.intParameter("hiddenDim", 0),
            labels.size(),
            ((Number) d.parameters().getOrDefault("dropout", 0.0)).floatValue());
    BgeEncoder encoder = BgeEncoder.open(variant, encoderDir, threads, maxTokens);
    try {
      ClassificationHead head =
          ClassificationHead.load(folder.resolve(d.primaryFile().path()), arch);
      return new HeadSectionClassifier(encoder, head, maxTokens, d.name() + " " + d.version());
    } catch (RuntimeException e) {
      encoder.close();
      throw e;
    }
  }

  @Override
  public List<Section> classify(List<String> texts) {
    float[][] p = probabilities(texts);
    List<Section> out = new ArrayList<>(texts.size());
    for (float[] row : p) {
      int best = 0;
      for (int k = 1; k < row.length; k++) {
        if (row[k] > row[best]) {
          best = k;
        }
      }
      out.add(Section.values()[best]);
    }
    return out;
  }

  float[][] probabilities(List<String> texts) {
    if (texts.isEmpty()) {
      return new float[0][];
    }
    float[][] x = new float[texts.size()][];
    if (encoder.variant() == EncoderVariant.QUANTISED) {
      for (int i = 0; i < texts.size(); i++) {
        x[i] = encoder.embedBatch(List.of(texts.get(i)), maxTokens)[0];
      }
    } else {
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < texts.size(); i++) {
        order.add(i);
      }
      order.sort(Comparator.comparingInt(i -> texts.get(i).length()));
      for (int from = 0; from < order.size(); from += 16) {
        List<Integer> idx = order.subList(from, Math.min(order.size(), from + 16));
        float[][] e = encoder.embedBatch(idx.stream().map(texts::get).toList(), maxTokens);
        for (int k = 0; k < idx.size(); k++) {
          x[idx.get(k)] = e[k];
        }
      }
    }
    return head.probabilities(x);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void close() {
    head.close();
    encoder.close();
  }
}
