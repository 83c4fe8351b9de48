package org.meditwin.inference.embedding;

/** The two shipped builds of bge-small-en-v1.5 (ADR 0051 compares them). */
public enum EncoderVariant {
  /** fp32, 133 MB; deterministic whatever the batch padding. */
  FULL("bge-small-en-v1.5", "/bge-small-en-v1.5.onnx", "/bge-small-en-v1.5-tokenizer.json"),
  /** int8 dynamic quantisation, 34 MB; ~2-3x faster, output depends slightly on batch padding. */
  QUANTISED(
      "bge-small-en-v1.5-q", "/bge-small-en-v1.5-q.onnx", "/bge-small-en-v1.5-q-tokenizer.json");

  private final String modelName;
  private final String onnxResource;
  private final String tokenizerResource;

  EncoderVariant(String modelName, String onnxResource, String tokenizerResource) {
    this.modelName = modelName;
    this.onnxResource = onnxResource;
    this.tokenizerResource = tokenizerResource;
  }

  /** Registry name, also the folder name under {@code models/}. */
  public String modelName() {
    return modelName;
  }

  /** Class-path resource of the ONNX graph (from the langchain4j embeddings jar). */
  public String onnxResource() {
    return onnxResource;
  }

  public String tokenizerResource() {
    return tokenizerResource;
  }

  public static EncoderVariant byModelName(String name) {
    for (EncoderVariant v : values()) {
      if (v.modelName.equals(name)) {
        return v;
      }
    }
    throw new IllegalArgumentException("unknown encoder: " + name);
  }
}
