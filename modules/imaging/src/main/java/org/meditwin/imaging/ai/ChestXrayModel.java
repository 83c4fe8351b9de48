package org.meditwin.imaging.ai;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.meditwin.imaging.DicomInfo;
import org.meditwin.imaging.Frame;
import org.meditwin.imaging.ImageDescription;
import org.meditwin.imaging.render.RenderOptions;
import org.meditwin.imaging.render.RenderedImage;
import org.meditwin.imaging.render.Renderer;
import org.meditwin.inference.engine.DjlEnvironment;
import org.meditwin.inference.engine.Engines;
import org.meditwin.inference.registry.ModelDescriptor;
import org.meditwin.inference.registry.ModelRegistry;

/**
 * The built-in chest X-ray classifier with Grad-CAM heat maps through DJL's autograd: the gradient
 * of the pneumonia logit with respect to the last convolution's activations weights its channels
 * (Selvaraju et al. 2017). Thread-safe (one analysis at a time).
 */
public final class ChestXrayModel implements AutoCloseable {
  private static final Set<String> CHEST_MODALITIES = Set.of("CR", "DX", "DR");

  private final ModelDescriptor descriptor;
  private final NDManager manager;
  private final SequentialBlock features;
  private final SequentialBlock head;
  private final double mean;
  private final double std;

  /** One analysis: probability of pneumonia, a heat map over the image (0..1), applicability. */
  public record Analysis(
      double probability,
      String label,
      boolean applicable,
      String applicabilityNote,
      int width,
      int height,
      float[] heatmap,
      String model,
      String version) {
    /** The chest model's result from the generic runner (empty for any other model). */
    public static java.util.Optional<Analysis> from(ImageAnalysis a) {
      if (!a.model().equals(ChestXrayTrainer.MODEL_NAME)
          || a.heatmap().isEmpty()
          || a.probability("pneumonia").isEmpty()) {
        return java.util.Optional.empty();
      }
      double p = a.probability("pneumonia").get();
      return java.util.Optional.of(
          new Analysis(
              p,
              p >= 0.5 ? "pneumonia" : "normal",
              a.applicability().applicable(),
              a.applicability().reason(),
              a.width(),
              a.height(),
              a.heatmap().get(),
              a.model(),
              a.version()));
    }

    public String impression() {
      String p = String.format(Locale.ROOT, "%.0f %%", probability * 100);
      String finding =
          probability >= 0.5
              ? "Pattern consistent with pneumonia (model probability " + p + ")."
              : "No pneumonia pattern detected by the model (probability of pneumonia " + p + ").";
      return finding
          + (applicable ? "" : " " + applicabilityNote)
          + " The heat map shows the regions that drove the score. Decision support only: the"
          + " image must be read by a clinician.";
    }
  }

  private ChestXrayModel(ModelDescriptor descriptor, byte[] weights) throws IOException {
    this.descriptor = descriptor;
    if (!DjlEnvironment.isOffline()) {
      DjlEnvironment.configureOffline(DjlEnvironment.defaultCacheDir());
    }
    Engine engine = Engines.pytorch();
    this.manager = engine.newBaseManager();
    float dropout = ((Number) descriptor.parameters().getOrDefault("dropout", 0.3)).floatValue();
    SequentialBlock net = ChestXrayNet.network(dropout);
    ChestXrayTrainer.load(net, manager, weights);
    this.features = (SequentialBlock) net.getChildren().get(0).getValue();
    this.head = (SequentialBlock) net.getChildren().get(1).getValue();
    // model.json since the generic runner: input.normalisation {type: rendered, mean, std}
    Map<?, ?> norm =
        descriptor.input().get("normalisation") instanceof Map<?, ?> m ? m : descriptor.input();
    this.mean = ((Number) norm.get("mean")).doubleValue();
    this.std = ((Number) norm.get("std")).doubleValue();
  }

  /**
   * Loads {@code models/chest-xray-pneumonia} after verifying its checksums.
   *
   * @throws org.meditwin.inference.registry.ModelUnavailableException when missing or altered
   */
  public static ChestXrayModel load(Path modelsDir) throws IOException {
    ModelRegistry registry = ModelRegistry.open(modelsDir);
    ModelDescriptor d = registry.requireVerified(ChestXrayTrainer.MODEL_NAME);
    byte[] weights =
        Files.readAllBytes(modelsDir.resolve(d.name()).resolve(d.primaryFile().path()));
    return new ChestXrayModel(d, weights);
  }

  /** Loads the model in {@code folder} (its parent is the models folder), checksums verified. */
  static ChestXrayModel loadFolder(Path folder) throws IOException {
    Path root = folder.toAbsolutePath().normalize().getParent();
    String name = folder.getFileName().toString();
    ModelDescriptor d = ModelRegistry.open(root).requireVerified(name);
    return new ChestXrayModel(
        d, Files.readAllBytes(root.resolve(name).resolve(d.primaryFile().path())));
  }

  public ModelDescriptor descriptor() {
    return descriptor;
  }

  /** Analyses one frame as displayed with its default window. */
  public synchronized Analysis analyze(DicomInfo info, ImageDescription image, Frame frame) {
    RenderedImage shown =
        Renderer.render(image, frame, 0, RenderOptions.defaults().withOverlays(false));
    float[] input = resize(shown, ChestXrayNet.SIZE);
    for (int i = 0; i < input.length; i++) {
      input[i] = (float) ((input[i] / 255.0 - mean) / std);
    }
    Backend.Raw raw = forward(input);
    double probability = softmax(raw.values())[1];
    float[] cam = raw.cam().orElseThrow();
    float max = 0;
    for (float v : cam) {
      max = Math.max(max, v);
    }
    int side = (int) Math.round(Math.sqrt(cam.length));
    float[] heat = upsample(cam, side, max, shown.width(), shown.height());
    boolean applicable = isChestRadiograph(info);
    String note =
        applicable
            ? ""
            : "Caution: this is not a chest radiograph (modality "
                + (info.modality().isEmpty() ? "unknown" : info.modality())
                + (info.bodyPart().isEmpty() ? "" : ", body part " + info.bodyPart())
                + "); the model was trained only on chest X-rays and its output here is not meaningful.";
    return new Analysis(
        probability,
        probability >= 0.5 ? descriptor.labels().get(1) : descriptor.labels().get(0),
        applicable,
        note,
        shown.width(),
        shown.height(),
        heat,
        descriptor.name(),
        descriptor.version());
  }

  /** Length of the vectors {@link #embed} returns (the last convolution's 128 channels). */
  public static final int EMBEDDING_DIMENSION = ChestXrayNet.CAM_CHANNELS;

  /**
   * Image embedding of one frame as displayed with its default window (the same input as {@link
   * #analyze}): the penultimate-layer features — the last convolution's 128 channels after global
   * average pooling, before dropout and the linear layer — L2-normalised, so the dot product of two
   * embeddings is their cosine similarity. Deterministic (inference mode, no dropout).
   */
  public float[] embed(ImageDescription image, Frame frame) {
    RenderedImage shown =
        Renderer.render(image, frame, 0, RenderOptions.defaults().withOverlays(false));
    return embedInputs(List.of(resize(shown, ChestXrayNet.SIZE)))[0];
  }

  /**
   * Embeddings of grey images (row-major values 0..255, all {@code width}×{@code height}), area-
   * resized to the model's 28×28 input; one L2-normalised {@link #EMBEDDING_DIMENSION}-d vector per
   * image, in order. PneumoniaMNIST images (28×28) go in unchanged.
   */
  public float[][] embedGrey(List<float[]> greyImages, int width, int height) {
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("image size must be positive");
    }
    List<float[]> inputs = new java.util.ArrayList<>(greyImages.size());
    for (float[] grey : greyImages) {
      if (grey.length != width * height) {
        throw new IllegalArgumentException("expected " + width + "x" + height + " grey values");
      }
      inputs.add(
          width == ChestXrayNet.SIZE && height == ChestXrayNet.SIZE
              ? grey.clone()
              : resize(greyAsRgb(grey, width, height), ChestXrayNet.SIZE));
    }
    return embedInputs(inputs);
  }

  /** Whether the model applies to this image: a chest radiograph (CR/DX/DR, chest or unstated). */
  public static boolean isChestRadiograph(DicomInfo info) {
    return CHEST_MODALITIES.contains(info.modality().toUpperCase(Locale.ROOT))
        && (info.bodyPart().isEmpty()
            || info.bodyPart().toUpperCase(Locale.ROOT).contains("CHEST"));
  }

  private static RenderedImage greyAsRgb(float[] grey, int width, int height) {
    int[] rgb = new int[grey.length];
    for (int i = 0; i < grey.length; i++) {
      int g = Math.max(0, Math.min(255, Math.round(grey[i])));
      rgb[i] = g << 16 | g << 8 | g;
    }
    return new RenderedImage(width, height, false, rgb);
  }

  /** Forward pass of 28×28 grey inputs (0..255) through the features and the average pool. */
  private synchronized float[][] embedInputs(List<float[]> inputs) {
    int pixels = ChestXrayNet.SIZE * ChestXrayNet.SIZE;
    float[][] out = new float[inputs.size()][];
    int batch = 256;
    for (int from = 0; from < inputs.size(); from += batch) {
      int n = Math.min(batch, inputs.size() - from);
      float[] x = new float[n * pixels];
      for (int i = 0; i < n; i++) {
        float[] in = inputs.get(from + i);
        for (int p = 0; p < pixels; p++) {
          x[i * pixels + p] = (float) ((in[p] / 255.0 - mean) / std);
        }
      }
      try (NDManager m = manager.newSubManager()) {
        NDArray input = m.create(x, new Shape(n, 1, ChestXrayNet.SIZE, ChestXrayNet.SIZE));
        ParameterStore ps = new ParameterStore(m, false);
        NDArray activations = features.forward(ps, new NDList(input), false).singletonOrThrow();
        float[] pooled = activations.mean(new int[] {3}).mean(new int[] {2}).toFloatArray();
        for (int i = 0; i < n; i++) {
          float[] v = new float[EMBEDDING_DIMENSION];
          System.arraycopy(pooled, i * EMBEDDING_DIMENSION, v, 0, EMBEDDING_DIMENSION);
          double norm = 0;
          for (float f : v) {
            norm += f * f;
          }
          if (norm > 0) {
            float inv = (float) (1 / Math.sqrt(norm));
            for (int d = 0; d < v.length; d++) {
              v[d] *= inv;
            }
          }
          out[from + i] = v;
        }
      }
    }
    return out;
  }

  /**
   * The logits for one normalised 28×28 input and the Grad-CAM grid of the pneumonia logit (the
   * generic runner's backend for this model).
   */
  synchronized Backend.Raw forward(float[] input) {
    try (NDManager m = manager.newSubManager()) {
      NDArray x = m.create(input, new Shape(1, 1, ChestXrayNet.SIZE, ChestXrayNet.SIZE));
      ParameterStore ps = new ParameterStore(m, false);
      NDArray activations = features.forward(ps, new NDList(x), false).singletonOrThrow();
      NDArray leaf = activations.duplicate();
      leaf.setRequiresGradient(true);
      float[] logits;
      try (GradientCollector gc = Engine.getEngine(Engines.PYTORCH).newGradientCollector()) {
        NDArray out = head.forward(ps, new NDList(leaf), false).singletonOrThrow();
        logits = out.toFloatArray();
        gc.backward(out.get(0, 1));
      }
      NDArray gradient = leaf.getGradient();
      NDArray weights =
          gradient
              .mean(new int[] {3})
              .mean(new int[] {2})
              .reshape(1, ChestXrayNet.CAM_CHANNELS, 1, 1);
      NDArray map = activations.mul(weights).sum(new int[] {1}).maximum(0f);
      return new Backend.Raw(
          logits, new long[] {1, logits.length}, java.util.Optional.of(map.toFloatArray()));
    }
  }

  static double[] softmax(float[] logits) {
    double max = Double.NEGATIVE_INFINITY;
    for (float v : logits) {
      max = Math.max(max, v);
    }
    double sum = 0;
    double[] out = new double[logits.length];
    for (int i = 0; i < logits.length; i++) {
      out[i] = Math.exp(logits[i] - max);
      sum += out[i];
    }
    for (int i = 0; i < out.length; i++) {
      out[i] /= sum;
    }
    return out;
  }

  /** Area-average resize of the grey rendering to {@code size}×{@code size}. */
  static float[] resize(RenderedImage image, int size) {
    float[] out = new float[size * size];
    int w = image.width();
    int h = image.height();
    for (int ty = 0; ty < size; ty++) {
      int y0 = ty * h / size;
      int y1 = Math.max(y0 + 1, (ty + 1) * h / size);
      for (int tx = 0; tx < size; tx++) {
        int x0 = tx * w / size;
        int x1 = Math.max(x0 + 1, (tx + 1) * w / size);
        double sum = 0;
        int n = 0;
        for (int y = y0; y < Math.min(h, y1); y++) {
          for (int x = x0; x < Math.min(w, x1); x++) {
            int rgb = image.rgb()[y * w + x];
            sum += ((rgb >> 16 & 0xFF) + (rgb >> 8 & 0xFF) + (rgb & 0xFF)) / 3.0;
            n++;
          }
        }
        out[ty * size + tx] = (float) (n == 0 ? 0 : sum / n);
      }
    }
    return out;
  }

  /** Bilinear upsampling of the side×side map to w×h, scaled to 0..1. */
  static float[] upsample(float[] cam, int side, float max, int w, int h) {
    float[] out = new float[w * h];
    if (max <= 0) {
      return out;
    }
    for (int y = 0; y < h; y++) {
      double fy = Math.max(0, Math.min(side - 1, (y + 0.5) * side / h - 0.5));
      int y0 = (int) Math.floor(fy);
      int y1 = Math.min(side - 1, y0 + 1);
      double ay = fy - y0;
      for (int x = 0; x < w; x++) {
        double fx = Math.max(0, Math.min(side - 1, (x + 0.5) * side / w - 0.5));
        int x0 = (int) Math.floor(fx);
        int x1 = Math.min(side - 1, x0 + 1);
        double ax = fx - x0;
        double v =
            (1 - ay) * ((1 - ax) * cam[y0 * side + x0] + ax * cam[y0 * side + x1])
                + ay * ((1 - ax) * cam[y1 * side + x0] + ax * cam[y1 * side + x1]);
        out[y * w + x] = (float) (v / max);
      }
    }
    return out;
  }

  /** Blends the heat map over a rendered image (opacity 0..1, scaled by the heat value). */
  public static RenderedImage overlay(
      RenderedImage base, Analysis a, double opacity, ColorMap map) {
    if (base.width() != a.width() || base.height() != a.height()) {
      throw new IllegalArgumentException("heat map and image differ in size");
    }
    int[] out = new int[base.rgb().length];
    for (int i = 0; i < out.length; i++) {
      double alpha = Math.max(0, Math.min(1, opacity)) * a.heatmap()[i];
      int c = map.rgb(a.heatmap()[i]);
      int b = base.rgb()[i];
      int r = (int) Math.round((b >> 16 & 0xFF) * (1 - alpha) + (c >> 16 & 0xFF) * alpha);
      int g = (int) Math.round((b >> 8 & 0xFF) * (1 - alpha) + (c >> 8 & 0xFF) * alpha);
      int bl = (int) Math.round((b & 0xFF) * (1 - alpha) + (c & 0xFF) * alpha);
      out[i] = r << 16 | g << 8 | bl;
    }
    return new RenderedImage(base.width(), base.height(), true, out);
  }

  public List<String> labels() {
    return descriptor.labels();
  }

  @Override
  public void close() {
    manager.close();
  }
}
