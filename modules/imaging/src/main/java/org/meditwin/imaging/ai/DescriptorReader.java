package org.meditwin.imaging.ai;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.meditwin.imaging.ai.ImageModelDescriptor.Activation;
import org.meditwin.imaging.ai.ImageModelDescriptor.Format;
import org.meditwin.imaging.ai.ImageModelDescriptor.InputSpec;
import org.meditwin.imaging.ai.ImageModelDescriptor.Normalisation;
import org.meditwin.imaging.ai.ImageModelDescriptor.OutputSpec;
import org.meditwin.imaging.ai.ImageModelDescriptor.Resize;
import org.meditwin.imaging.ai.ImageModelDescriptor.SegmentClass;
import org.meditwin.imaging.ai.ImageModelDescriptor.Task;
import org.meditwin.inference.engine.Engines;

/** Reads the image sections of {@code model.json}; every error names the field. */
final class DescriptorReader {
  /** Built-in DJL blocks that {@code .params} files can belong to. */
  static final String CHEST_BLOCK = "chest-xray-cnn";

  private DescriptorReader() {}

  static ImageModelDescriptor parse(JsonNode tree, String folder) {
    String name = text(tree, "name").orElse(folder);
    if (!name.equals(folder)) {
      throw new IllegalArgumentException(
          "model.json names '" + name + "' but the folder is '" + folder + "'");
    }
    String version = text(tree, "version").orElseThrow(() -> missing("version"));
    Task task =
        Task.of(text(tree, "task").orElse(""))
            .orElseThrow(() -> new IllegalArgumentException("unknown task"));
    String engine = text(tree, "engine").orElseThrow(() -> missing("engine"));
    JsonNode files = tree.path("files");
    if (!files.isArray() || files.isEmpty() || !files.get(0).path("path").isTextual()) {
      throw missing("files[0].path");
    }
    String weights = files.get(0).path("path").asText();
    Format format =
        text(tree, "format").map(DescriptorReader::format).orElseGet(() -> formatOf(weights));
    Optional<String> block = text(tree, "block").or(() -> text(tree.path("parameters"), "block"));
    JsonNode in = tree.path("input");
    if (!in.isObject()) {
      throw missing("input");
    }
    List<String> modalities = new ArrayList<>();
    JsonNode m = in.path("modality");
    if (m.isArray()) {
      m.forEach(x -> modalities.add(x.asText()));
    } else if (m.isTextual() && !m.asText().isBlank()) {
      modalities.add(m.asText());
    }
    int size = in.path("size").asInt(0);
    int width = in.path("width").asInt(size);
    int height = in.path("height").asInt(size);
    if (width < 1 || height < 1 || width > 4096 || height > 4096) {
      throw new IllegalArgumentException(
          "input.width and input.height (or input.size) must be between 1 and 4096");
    }
    int channels = in.path("channels").asInt(1);
    if (channels != 1 && channels != 3) {
      throw new IllegalArgumentException("input.channels must be 1 or 3");
    }
    String layout = in.path("layout").asText("NCHW").toUpperCase(Locale.ROOT);
    if (!layout.equals("NCHW")) {
      throw new IllegalArgumentException("input.layout must be NCHW (channels first)");
    }
    Normalisation normalisation = normalisation(in);
    Resize resize;
    try {
      resize = Resize.valueOf(in.path("resize").asText("bilinear").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("input.resize must be area, bilinear or nearest");
    }
    InputSpec input =
        new InputSpec(
            modalities,
            text(in, "bodyPart"),
            width,
            height,
            channels,
            layout,
            normalisation,
            resize);
    return new ImageModelDescriptor(
        name, version, task, engine, format, weights, block, input, output(tree, task));
  }

  private static Normalisation normalisation(JsonNode in) {
    JsonNode n = in.path("normalisation");
    if (n.isObject()) {
      String type = n.path("type").asText("");
      return switch (type.toLowerCase(Locale.ROOT)) {
        case "rendered" -> Normalisation.rendered(num(n, "mean", 0), num(n, "std", 1));
        case "window" ->
            Normalisation.window(required(n, "center", "window"), required(n, "width", "window"));
        case "min-max", "minmax" -> Normalisation.minMax();
        case "mean-std", "meanstd" ->
            Normalisation.meanStd(required(n, "mean", "mean-std"), required(n, "std", "mean-std"));
        default ->
            throw new IllegalArgumentException(
                "input.normalisation.type must be rendered, window, min-max or mean-std");
      };
    }
    // the first chest model's form: a sentence plus input.mean / input.std on the rendered image
    if (in.has("mean") && in.has("std")) {
      return Normalisation.rendered(num(in, "mean", 0), num(in, "std", 1));
    }
    return Normalisation.minMax();
  }

  private static OutputSpec output(JsonNode tree, Task task) {
    JsonNode out = tree.path("output");
    List<String> labels = new ArrayList<>();
    JsonNode l = out.has("labels") ? out.path("labels") : tree.path("labels");
    l.forEach(x -> labels.add(x.asText()));
    List<SegmentClass> classes = new ArrayList<>();
    for (JsonNode c : out.path("classes")) {
      if (!c.path("index").canConvertToInt() || !c.path("label").isTextual()) {
        throw new IllegalArgumentException("output.classes[] needs index and label");
      }
      int index = c.path("index").asInt();
      if (index < 0 || index > 255) {
        throw new IllegalArgumentException("output.classes[].index must be 0..255");
      }
      classes.add(new SegmentClass(index, c.path("label").asText(), colour(c, index)));
    }
    if (task == Task.CLASSIFICATION && labels.isEmpty()) {
      throw missing("output.labels");
    }
    if (task == Task.SEGMENTATION && classes.isEmpty()) {
      throw missing("output.classes");
    }
    Activation activation;
    try {
      activation =
          Activation.valueOf(
              out.path("activation")
                  .asText(task == Task.CLASSIFICATION ? "softmax" : "none")
                  .toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("output.activation must be softmax, sigmoid or none");
    }
    return new OutputSpec(activation, labels, classes, text(out, "heatmap"));
  }

  private static final int[] PALETTE = {0xFF0000, 0x00C000, 0x0080FF, 0xFFC000, 0xC000FF};

  private static int colour(JsonNode c, int index) {
    String s = c.path("colour").asText(c.path("color").asText(""));
    if (s.matches("#?[0-9a-fA-F]{6}")) {
      return Integer.parseInt(s.startsWith("#") ? s.substring(1) : s, 16);
    }
    if (!s.isEmpty()) {
      throw new IllegalArgumentException("output.classes[].colour must be #RRGGBB");
    }
    return PALETTE[Math.floorMod(index - 1, PALETTE.length)];
  }

  static Optional<String> engineProblem(ImageModelDescriptor d) {
    String e = d.engine();
    return switch (d.format()) {
      case ONNX ->
          e.equalsIgnoreCase(Engines.ONNX)
              ? Optional.empty()
              : Optional.of("an .onnx model needs engine OnnxRuntime, not '" + e + "'");
      case TORCHSCRIPT ->
          e.equalsIgnoreCase(Engines.PYTORCH)
              ? Optional.empty()
              : Optional.of("a TorchScript model needs engine PyTorch, not '" + e + "'");
      case DJL_PARAMS -> {
        if (!e.equalsIgnoreCase(Engines.PYTORCH)) {
          yield Optional.of("DJL parameters need engine PyTorch, not '" + e + "'");
        }
        yield d.block().filter(CHEST_BLOCK::equals).isPresent()
            ? Optional.empty()
            : Optional.of(
                "DJL parameters need a built-in block (parameters.block: "
                    + CHEST_BLOCK
                    + "); export the model to ONNX or TorchScript instead");
      }
    };
  }

  private static Format format(String s) {
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "onnx" -> Format.ONNX;
      case "torchscript" -> Format.TORCHSCRIPT;
      case "djl-params", "djl" -> Format.DJL_PARAMS;
      default ->
          throw new IllegalArgumentException("format must be onnx, torchscript or djl-params");
    };
  }

  private static Format formatOf(String weights) {
    String w = weights.toLowerCase(Locale.ROOT);
    if (w.endsWith(".onnx")) {
      return Format.ONNX;
    }
    if (w.endsWith(".pt") || w.endsWith(".pth") || w.endsWith(".torchscript")) {
      return Format.TORCHSCRIPT;
    }
    if (w.endsWith(".params")) {
      return Format.DJL_PARAMS;
    }
    throw new IllegalArgumentException(
        "cannot tell the format of '" + weights + "' (.onnx, .pt or .params, or set \"format\")");
  }

  private static Optional<String> text(JsonNode n, String field) {
    JsonNode v = n.path(field);
    return v.isTextual() && !v.asText().isBlank() ? Optional.of(v.asText()) : Optional.empty();
  }

  private static double num(JsonNode n, String field, double fallback) {
    return n.path(field).isNumber() ? n.path(field).asDouble() : fallback;
  }

  private static double required(JsonNode n, String field, String type) {
    if (!n.path(field).isNumber()) {
      throw new IllegalArgumentException(
          "input.normalisation '" + type + "' needs a number '" + field + "'");
    }
    return n.path(field).asDouble();
  }

  private static IllegalArgumentException missing(String field) {
    return new IllegalArgumentException("model.json has no " + field);
  }
}
