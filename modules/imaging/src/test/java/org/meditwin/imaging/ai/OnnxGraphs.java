package org.meditwin.imaging.ai;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Tiny ONNX graphs written byte by byte (the protobuf wire format of onnx.proto), so the runner's
 * tests need no Python and no downloaded model. Weights are chosen so that outputs can be computed
 * by hand.
 */
final class OnnxGraphs {
  private OnnxGraphs() {}

  /**
   * Writes {@code DIR/tiny-onnx-classifier} (model.onnx + model.json, 16×16 input, min-max) for
   * timing the runner from the CLI: {@code imaging analyze F --model tiny-onnx-classifier --runs N}
   * with {@code -Dmeditwin.modelsDir=DIR}. Not a clinical model.
   */
  public static void main(String[] args) throws Exception {
    java.nio.file.Path dir =
        java.nio.file.Files.createDirectories(
            java.nio.file.Path.of(args[0]).resolve("tiny-onnx-classifier"));
    byte[] onnx =
        classifier(16, new float[] {2, -2}, new float[] {0, 0}, new float[] {0.5f, -0.5f}, true);
    java.nio.file.Files.write(dir.resolve("model.onnx"), onnx);
    String sha =
        java.util.HexFormat.of()
            .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(onnx));
    java.nio.file.Files.writeString(
        dir.resolve("model.json"),
        """
        {"name": "tiny-onnx-classifier", "version": "0.0.1", "task": "image-classification",
         "engine": "OnnxRuntime",
         "files": [{"path": "model.onnx", "sha256": "%s", "bytes": %d}],
         "input": {"width": 16, "height": 16, "normalisation": {"type": "min-max"},
                   "resize": "area"},
         "output": {"activation": "none", "labels": ["dark", "bright"]}}
        """
            .formatted(sha, onnx.length));
  }

  /** A protobuf message under construction. */
  static final class Msg {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private void tag(int field, int wire) {
      varint((long) field << 3 | wire);
    }

    private void varint(long v) {
      while ((v & ~0x7FL) != 0) {
        out.write((int) ((v & 0x7F) | 0x80));
        v >>>= 7;
      }
      out.write((int) v);
    }

    Msg integer(int field, long v) {
      tag(field, 0);
      varint(v);
      return this;
    }

    Msg bytes(int field, byte[] b) {
      tag(field, 2);
      varint(b.length);
      out.writeBytes(b);
      return this;
    }

    Msg string(int field, String s) {
      return bytes(field, s.getBytes(StandardCharsets.UTF_8));
    }

    Msg message(int field, Msg m) {
      return bytes(field, m.toBytes());
    }

    Msg float32(int field, float f) {
      tag(field, 5);
      int bits = Float.floatToIntBits(f);
      for (int i = 0; i < 4; i++) {
        out.write(bits >>> (8 * i) & 0xFF);
      }
      return this;
    }

    byte[] toBytes() {
      return out.toByteArray();
    }
  }

  // TensorProto.DataType
  static final int FLOAT = 1;
  static final int INT64 = 7;

  static Msg tensor(String name, long[] dims, float[] values) {
    Msg t = new Msg();
    for (long d : dims) {
      t.integer(1, d);
    }
    t.integer(2, FLOAT);
    t.string(8, name);
    ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      raw.putFloat(v);
    }
    t.bytes(9, raw.array());
    return t;
  }

  static Msg valueInfo(String name, int elemType, long... dims) {
    Msg shape = new Msg();
    for (long d : dims) {
      shape.message(1, new Msg().integer(1, d));
    }
    Msg tensorType = new Msg().integer(1, elemType).message(2, shape);
    return new Msg().string(1, name).message(2, new Msg().message(1, tensorType));
  }

  static Msg node(String op, List<String> inputs, List<String> outputs, Msg... attributes) {
    Msg n = new Msg();
    inputs.forEach(i -> n.string(1, i));
    outputs.forEach(o -> n.string(2, o));
    n.string(3, op.toLowerCase(java.util.Locale.ROOT) + "_" + outputs.get(0));
    n.string(4, op);
    for (Msg a : attributes) {
      n.message(5, a);
    }
    return n;
  }

  static Msg intAttribute(String name, long v) {
    return new Msg().string(1, name).integer(3, v).integer(20, 2);
  }

  static Msg intsAttribute(String name, long... v) {
    Msg a = new Msg().string(1, name);
    for (long x : v) {
      a.integer(8, x);
    }
    return a.integer(20, 7);
  }

  static byte[] model(
      List<Msg> nodes, List<Msg> initializers, Msg input, Msg output, String graphName) {
    Msg graph = new Msg();
    nodes.forEach(n -> graph.message(1, n));
    graph.string(2, graphName);
    initializers.forEach(t -> graph.message(5, t));
    graph.message(11, input);
    graph.message(12, output);
    return new Msg()
        .integer(1, 8) // ir_version
        .string(2, "meditwin-test")
        .message(7, graph)
        .message(8, new Msg().string(1, "").integer(2, 13)) // opset 13
        .toBytes();
  }

  /**
   * Classification on a 1×1×{@code size}×{@code size} input: Conv 1×1 (2 filters, weights {@code
   * w}, bias {@code b}) → GlobalAveragePool → Flatten → Gemm (identity, bias {@code c}) → Softmax
   * when {@code softmax}. With input mean m the logits are {@code w[k]·m + b[k] + c[k]}.
   */
  static byte[] classifier(int size, float[] w, float[] b, float[] c, boolean softmax) {
    List<Msg> nodes = new ArrayList<>();
    nodes.add(
        node(
            "Conv",
            List.of("image", "W", "B"),
            List.of("conv"),
            intsAttribute("kernel_shape", 1, 1)));
    nodes.add(node("GlobalAveragePool", List.of("conv"), List.of("pool")));
    nodes.add(node("Flatten", List.of("pool"), List.of("flat"), intAttribute("axis", 1)));
    nodes.add(node("Gemm", List.of("flat", "G", "C"), List.of(softmax ? "logits" : "scores")));
    if (softmax) {
      nodes.add(node("Softmax", List.of("logits"), List.of("scores"), intAttribute("axis", 1)));
    }
    List<Msg> init =
        List.of(
            tensor("W", new long[] {2, 1, 1, 1}, w),
            tensor("B", new long[] {2}, b),
            tensor("G", new long[] {2, 2}, new float[] {1, 0, 0, 1}),
            tensor("C", new long[] {2}, c));
    return model(
        nodes,
        init,
        valueInfo("image", FLOAT, 1, 1, size, size),
        valueInfo("scores", FLOAT, 1, 2),
        "tiny-classifier");
  }

  /**
   * Segmentation on 1×1×{@code size}×{@code size}: Conv 1×1 with 2 filters (weights {@code -1, 1},
   * biases {@code t, -t}) → ArgMax over channels (int64 label map): label 1 where {@code x > t}.
   */
  static byte[] argmaxSegmenter(int size, float t) {
    List<Msg> nodes =
        List.of(
            node(
                "Conv",
                List.of("image", "W", "B"),
                List.of("scores"),
                intsAttribute("kernel_shape", 1, 1)),
            node(
                "ArgMax",
                List.of("scores"),
                List.of("labels"),
                intAttribute("axis", 1),
                intAttribute("keepdims", 1)));
    return model(
        nodes,
        List.of(
            tensor("W", new long[] {2, 1, 1, 1}, new float[] {-1, 1}),
            tensor("B", new long[] {2}, new float[] {t, -t})),
        valueInfo("image", FLOAT, 1, 1, size, size),
        valueInfo("labels", INT64, 1, 1, size, size),
        "tiny-argmax-segmenter");
  }

  /** Segmentation: Conv 1×1 (weight 1, bias -t) → Sigmoid: probability above 0.5 where x > t. */
  static byte[] sigmoidSegmenter(int size, float t) {
    List<Msg> nodes =
        List.of(
            node(
                "Conv",
                List.of("image", "W", "B"),
                List.of("logit"),
                intsAttribute("kernel_shape", 1, 1)),
            node("Sigmoid", List.of("logit"), List.of("probability")));
    return model(
        nodes,
        List.of(
            tensor("W", new long[] {1, 1, 1, 1}, new float[] {1}),
            tensor("B", new long[] {1}, new float[] {-t})),
        valueInfo("image", FLOAT, 1, 1, size, size),
        valueInfo("probability", FLOAT, 1, 1, size, size),
        "tiny-sigmoid-segmenter");
  }
}
