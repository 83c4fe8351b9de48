package org.meditwin.imaging.ai;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the generic runner needs to know about an image model placed under {@code models/<name>/}:
 * the {@code model.json} fields of every model (name, version, task, engine, files with SHA-256)
 * plus the image input and output sections (ADR 0128). Example for a MONAI export:
 *
 * <pre>{@code
 * { "name": "lung-seg", "version": "1.0.0", "task": "image-segmentation", "engine": "OnnxRuntime",
 *   "files": [{"path": "model.onnx", "sha256": "…", "bytes": 12345}],
 *   "input": {"modality": ["CT"], "bodyPart": "CHEST", "width": 256, "height": 256, "channels": 1,
 *             "layout": "NCHW", "normalisation": {"type": "window", "center": -600, "width": 1500},
 *             "resize": "bilinear"},
 *   "output": {"activation": "softmax", "classes": [{"index": 1, "label": "lung", "colour": "#00ff00"}]} }
 * }</pre>
 *
 * @param weights the primary file, relative to the model folder ({@code .onnx}, {@code .pt} or
 *     {@code .params})
 * @param block for {@link Format#DJL_PARAMS} only: the built-in network the parameters belong to
 */
public record ImageModelDescriptor(
    String name,
    String version,
    Task task,
    String engine,
    Format format,
    String weights,
    Optional<String> block,
    InputSpec input,
    OutputSpec output) {

  public ImageModelDescriptor {
    input = java.util.Objects.requireNonNull(input, "input");
    output = java.util.Objects.requireNonNull(output, "output");
  }

  /** The two image tasks the runner serves. */
  public enum Task {
    CLASSIFICATION("image-classification"),
    SEGMENTATION("image-segmentation");

    private final String id;

    Task(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }

    public static Optional<Task> of(String id) {
      for (Task t : values()) {
        if (t.id.equalsIgnoreCase(id)) {
          return Optional.of(t);
        }
      }
      return Optional.empty();
    }
  }

  /** The weights file format (from the extension, or {@code "format"} in model.json). */
  public enum Format {
    /** A TorchScript archive for DJL's PyTorch engine ({@code .pt}, {@code .torchscript}). */
    TORCHSCRIPT,
    /** An ONNX graph for DJL's OnnxRuntime engine ({@code .onnx}). */
    ONNX,
    /** Parameters of one of our own DJL blocks ({@code .params}), e.g. the chest X-ray model. */
    DJL_PARAMS
  }

  /**
   * How pixel values become model input values.
   *
   * <ul>
   *   <li>{@code RENDERED}: the displayed 8-bit image (default window), {@code (v/255 - mean)/std}
   *   <li>{@code WINDOW}: modality values clipped to {@code center ± width/2}, scaled to 0..1
   *   <li>{@code MIN_MAX}: modality values scaled to 0..1 by the frame's own min and max
   *   <li>{@code MEAN_STD}: modality values {@code (v - mean)/std}
   * </ul>
   */
  public record Normalisation(Kind kind, double a, double b) {
    public enum Kind {
      RENDERED,
      WINDOW,
      MIN_MAX,
      MEAN_STD
    }

    public static Normalisation rendered(double mean, double std) {
      return new Normalisation(Kind.RENDERED, mean, std);
    }

    public static Normalisation window(double center, double width) {
      return new Normalisation(Kind.WINDOW, center, width);
    }

    public static Normalisation minMax() {
      return new Normalisation(Kind.MIN_MAX, 0, 1);
    }

    public static Normalisation meanStd(double mean, double std) {
      return new Normalisation(Kind.MEAN_STD, mean, std);
    }
  }

  /** How the image is brought to the model's input size. */
  public enum Resize {
    /** Mean of the source pixels under each target pixel (best for downsizing). */
    AREA,
    BILINEAR,
    NEAREST
  }

  /**
   * @param modalities DICOM modalities the model was trained on (empty = any)
   * @param bodyPart Body Part Examined it was trained on (empty = any)
   * @param layout only {@code NCHW} (channels first) is supported
   * @param channels 1 (grey) or 3 (the grey value repeated, or RGB for colour images)
   */
  public record InputSpec(
      List<String> modalities,
      Optional<String> bodyPart,
      int width,
      int height,
      int channels,
      String layout,
      Normalisation normalisation,
      Resize resize) {
    public InputSpec {
      modalities = modalities.stream().map(m -> m.toUpperCase(Locale.ROOT)).toList();
    }
  }

  /** What the last layer produces before {@link OutputSpec#labels()} are attached. */
  public enum Activation {
    SOFTMAX,
    SIGMOID,
    /** Already probabilities (or, for segmentation, already a label map). */
    NONE
  }

  /** A segmentation class: the value in the label map, its name and overlay colour (0xRRGGBB). */
  public record SegmentClass(int index, String label, int rgb) {}

  /**
   * @param labels classification labels in output order
   * @param classes segmentation classes (index 0 is background unless listed)
   * @param heatmap {@code grad-cam} when the runner can explain classifications with a heat map
   */
  public record OutputSpec(
      Activation activation,
      List<String> labels,
      List<SegmentClass> classes,
      Optional<String> heatmap) {
    public OutputSpec {
      labels = List.copyOf(labels);
      classes = List.copyOf(classes);
    }
  }
}
