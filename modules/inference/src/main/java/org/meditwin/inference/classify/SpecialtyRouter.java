package org.meditwin.inference.classify;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.meditwin.inference.embedding.BgeEncoder;
import org.meditwin.inference.registry.ModelDescriptor;
import org.meditwin.inference.registry.ModelUnavailableException;

/**
 * Routes a clinical text to a specialist: bge-small CLS embedding → {@code specialty-router} head.
 * The embedding service must be the encoder named in the head's {@code model.json}.
 */
public final class SpecialtyRouter implements AutoCloseable {
  private final BgeEncoder encoder;
  private final int maxTokens;
  private final ClassificationHead head;
  private final List<Specialty> order;

  private SpecialtyRouter(
      BgeEncoder encoder, int maxTokens, ClassificationHead head, List<Specialty> order) {
    this.encoder = encoder;
    this.maxTokens = maxTokens;
    this.head = head;
    this.order = order;
  }

  /** A route with the probability of every specialty. */
  public record Routing(Specialty specialty, double confidence, Map<Specialty, Double> scores) {}

  /**
   * @param encoder the shared encoder named in the descriptor's {@code input.encoder}; texts are
   *     truncated to the descriptor's {@code input.maxTokens} as in training
   */
  public static SpecialtyRouter load(ModelDescriptor d, Path folder, BgeEncoder encoder) {
    String wanted = d.stringInput("encoder", "");
    String loaded = encoder.variant().modelName();
    if (!wanted.equals(loaded)) {
      throw new ModelUnavailableException(
          d.name(),
          d.name() + " needs encoder " + wanted + " but " + loaded + " is loaded",
          new IllegalStateException("encoder mismatch"));
    }
    List<Specialty> order =
        d.labels().stream()
            .map(
                l ->
                    Specialty.fromLabel(l)
                        .orElseThrow(
                            () -> new IllegalArgumentException("unknown route label " + l)))
            .toList();
    HeadArchitecture arch =
        new HeadArchitecture(
            d.intParameter("inputDim", BgeEncoder.DIMENSION),
            d.intParameter("hiddenDim", 0),
            order.size(),
            ((Number) d.parameters().getOrDefault("dropout", 0.0)).floatValue());
    ClassificationHead head = ClassificationHead.load(folder.resolve(d.primaryFile().path()), arch);
    int max = Math.min(encoder.maxTokens(), d.intParameter("maxTokens", encoder.maxTokens()));
    return new SpecialtyRouter(encoder, max, head, order);
  }

  public Routing route(String text) {
    return route(List.of(text)).get(0);
  }

  public List<Routing> route(List<String> texts) {
    float[][] x = encoder.embedBatch(texts, maxTokens);
    float[][] p = head.probabilities(x);
    return java.util.Arrays.stream(p).map(this::toRouting).toList();
  }

  private Routing toRouting(float[] p) {
    Map<Specialty, Double> scores = new EnumMap<>(Specialty.class);
    int best = 0;
    for (int k = 0; k < p.length; k++) {
      scores.put(order.get(k), (double) p[k]);
      if (p[k] > p[best]) {
        best = k;
      }
    }
    return new Routing(order.get(best), p[best], Map.copyOf(scores));
  }

  @Override
  public void close() {
    head.close();
  }
}
