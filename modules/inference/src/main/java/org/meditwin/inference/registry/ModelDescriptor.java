package org.meditwin.inference.registry;

import java.util.List;
import java.util.Map;

/**
 * The {@code model.json} of a model folder.
 *
 * @param name folder name under {@code models/}
 * @param version semantic version of the weights
 * @param task e.g. {@code text-classification}, {@code token-classification}, {@code
 *     text-embedding}, {@code text-generation}
 * @param engine DJL engine or runtime ({@code PyTorch}, {@code OnnxRuntime}, {@code llama.cpp})
 * @param files weights and side files with checksums; the first one is the primary weights file
 * @param labels output labels in head order (empty for encoders)
 * @param input input specification (encoder, pooling, max tokens, dimension...)
 * @param parameters architecture and training hyper-parameters needed to rebuild the model
 * @param metrics evaluation on the dev split
 * @param retrain the one command that rebuilds this folder
 */
public record ModelDescriptor(
    String name,
    String version,
    String task,
    String engine,
    List<ModelFile> files,
    List<String> labels,
    Map<String, Object> input,
    Map<String, Object> parameters,
    Map<String, Object> metrics,
    String retrain) {
  public ModelDescriptor {
    if (name == null || !name.matches("[a-z0-9][a-z0-9.\\-]*")) {
      throw new IllegalArgumentException("model name must be lowercase letters, digits, '.', '-'");
    }
    if (task == null || engine == null || version == null || files == null || files.isEmpty()) {
      throw new IllegalArgumentException("model.json needs version, task, engine and files");
    }
    files = List.copyOf(files);
    labels = labels == null ? List.of() : List.copyOf(labels);
    input = ordered(input);
    parameters = ordered(parameters);
    metrics = ordered(metrics);
    retrain = retrain == null ? "" : retrain;
  }

  private static Map<String, Object> ordered(Map<String, Object> m) {
    return m == null
        ? Map.of()
        : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(m));
  }

  public ModelFile primaryFile() {
    return files.get(0);
  }

  /** Integer-valued entry of {@link #parameters()} or {@link #input()}. */
  public int intParameter(String key, int fallback) {
    Object v = parameters.containsKey(key) ? parameters.get(key) : input.get(key);
    return v instanceof Number n ? n.intValue() : fallback;
  }

  public String stringInput(String key, String fallback) {
    Object v = input.get(key);
    return v == null ? fallback : v.toString();
  }
}
