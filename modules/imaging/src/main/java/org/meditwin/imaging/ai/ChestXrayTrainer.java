package org.meditwin.imaging.ai;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.meditwin.core.task.ProgressListener;
import org.meditwin.inference.engine.DjlEnvironment;
import org.meditwin.inference.engine.Engines;
import org.meditwin.inference.registry.ModelDescriptor;
import org.meditwin.inference.registry.ModelFile;
import org.meditwin.inference.registry.ModelRegistry;
import org.meditwin.inference.registry.Sha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the built-in chest X-ray classifier on PneumoniaMNIST ({@code train_*} arrays), selects
 * the epoch with the best validation AUC ({@code val_*} arrays) and writes {@code models/<name>/}
 * (weights, model.json, MODEL.md). Reproducible: one thread, seeded engine and shuffling.
 */
public final class ChestXrayTrainer {
  private static final Logger LOG = LoggerFactory.getLogger(ChestXrayTrainer.class);
  public static final String MODEL_NAME = "chest-xray-pneumonia";
  static final String WEIGHTS = "model.params";
  static final List<String> LABELS = List.of("normal", "pneumonia");

  private ChestXrayTrainer() {}

  public record Options(int epochs, int batchSize, float learningRate, float dropout, long seed) {
    public static Options defaults() {
      return new Options(20, 64, 1e-3f, 0.3f, 42);
    }
  }

  public record Report(
      int trainImages,
      int valImages,
      double valAccuracy,
      double valAuc,
      int bestEpoch,
      int epochsRun,
      long parameters,
      long weightBytes,
      double seconds,
      Path folder) {}

  record Split(float[][] x, int[] y) {}

  public static Report train(Path npz, Path folder, Options o, ProgressListener progress)
      throws IOException {
    long start = System.nanoTime();
    Map<String, Npz.Array> arrays = Npz.read(npz);
    Split train = split(arrays, "train");
    Split val = split(arrays, "val");
    double[] norm = meanStd(train.x());
    normalise(train.x(), norm);
    normalise(val.x(), norm);
    if (!DjlEnvironment.isOffline()) {
      DjlEnvironment.configureOffline(DjlEnvironment.defaultCacheDir());
    }
    Engine engine = Engines.pytorch();
    engine.setRandomSeed((int) o.seed());
    Random random = new Random(o.seed());
    SequentialBlock net = ChestXrayNet.network(o.dropout());
    byte[] best = null;
    double bestAuc = -1;
    double bestAcc = 0;
    int bestEpoch = 0;
    long parameters;
    try (Model model = Model.newInstance("chest-xray-training", Device.cpu(), Engines.PYTORCH)) {
      model.setBlock(net);
      DefaultTrainingConfig config =
          new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
              .optOptimizer(
                  Optimizer.adam().optLearningRateTracker(Tracker.fixed(o.learningRate())).build())
              .optDevices(new Device[] {Device.cpu()})
              .optInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(new Shape(o.batchSize(), 1, ChestXrayNet.SIZE, ChestXrayNet.SIZE));
        parameters =
            net.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
        NDManager manager = model.getNDManager();
        int n = train.y().length;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
          order[i] = i;
        }
        for (int epoch = 1; epoch <= o.epochs(); epoch++) {
          shuffle(order, random);
          double lossSum = 0;
          for (int b = 0; b < n; b += o.batchSize()) {
            int size = Math.min(o.batchSize(), n - b);
            float[] xb = new float[size * ChestXrayNet.SIZE * ChestXrayNet.SIZE];
            int[] yb = new int[size];
            for (int i = 0; i < size; i++) {
              float[] image = augment(train.x()[order[b + i]], random);
              System.arraycopy(image, 0, xb, i * image.length, image.length);
              yb[i] = train.y()[order[b + i]];
            }
            try (NDManager batch = manager.newSubManager()) {
              NDArray x =
                  batch.create(xb, new Shape(size, 1, ChestXrayNet.SIZE, ChestXrayNet.SIZE));
              NDArray y = batch.create(yb);
              try (GradientCollector gc = trainer.newGradientCollector()) {
                NDList pred = trainer.forward(new NDList(x));
                NDArray loss = trainer.getLoss().evaluate(new NDList(y), pred);
                gc.backward(loss);
                lossSum += loss.getFloat() * size;
              }
              trainer.step();
            }
          }
          double[] scores = predict(trainer, manager, val.x());
          double auc = auc(scores, val.y());
          double acc = accuracy(scores, val.y());
          LOG.atInfo()
              .setMessage("epoch")
              .addKeyValue("event", "imaging.train.epoch")
              .addKeyValue("epoch", epoch)
              .addKeyValue("loss", lossSum / n)
              .addKeyValue("valAuc", auc)
              .addKeyValue("valAccuracy", acc)
              .log();
          progress.progress(
              epoch,
              o.epochs(),
              String.format(
                  Locale.ROOT,
                  "epoch %d: loss %.3f, val AUC %.3f, accuracy %.3f",
                  epoch,
                  lossSum / n,
                  auc,
                  acc));
          if (auc > bestAuc) {
            bestAuc = auc;
            bestAcc = acc;
            bestEpoch = epoch;
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
              net.saveParameters(out);
            }
            best = bytes.toByteArray();
          }
        }
      }
    }
    Files.createDirectories(folder);
    Path weights = folder.resolve(WEIGHTS);
    Files.write(weights, best);
    double seconds = (System.nanoTime() - start) / 1e9;
    Report report =
        new Report(
            train.y().length,
            val.y().length,
            bestAcc,
            bestAuc,
            bestEpoch,
            o.epochs(),
            parameters,
            best.length,
            seconds,
            folder);
    writeDescriptor(folder, report, o, norm);
    writeCard(folder, report, o);
    return report;
  }

  static Split split(Map<String, Npz.Array> arrays, String prefix) {
    Npz.Array images = arrays.get(prefix + "_images");
    Npz.Array labels = arrays.get(prefix + "_labels");
    if (images == null || labels == null) {
      throw new IllegalArgumentException(
          "the npz has no " + prefix + "_images/" + prefix + "_labels");
    }
    int n = images.shape()[0];
    int pixels = ChestXrayNet.SIZE * ChestXrayNet.SIZE;
    if (images.count() != n * pixels) {
      throw new IllegalArgumentException("expected 28x28 images");
    }
    double[] v = images.values();
    double[] l = labels.values();
    float[][] x = new float[n][pixels];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      for (int p = 0; p < pixels; p++) {
        x[i][p] = (float) (v[i * pixels + p] / 255.0);
      }
      y[i] = (int) l[i];
    }
    return new Split(x, y);
  }

  static double[] meanStd(float[][] x) {
    double sum = 0;
    double sumSq = 0;
    long n = 0;
    for (float[] image : x) {
      for (float p : image) {
        sum += p;
        sumSq += p * p;
        n++;
      }
    }
    double mean = sum / n;
    return new double[] {mean, Math.sqrt(sumSq / n - mean * mean)};
  }

  static void normalise(float[][] x, double[] norm) {
    for (float[] image : x) {
      for (int i = 0; i < image.length; i++) {
        image[i] = (float) ((image[i] - norm[0]) / norm[1]);
      }
    }
  }

  /** Random horizontal flip and a shift of up to two pixels (edge pixels repeated). */
  private static float[] augment(float[] image, Random random) {
    int s = ChestXrayNet.SIZE;
    boolean flip = random.nextBoolean();
    int dx = random.nextInt(5) - 2;
    int dy = random.nextInt(5) - 2;
    float[] out = new float[image.length];
    for (int y = 0; y < s; y++) {
      for (int x = 0; x < s; x++) {
        int sx = Math.max(0, Math.min(s - 1, (flip ? s - 1 - x : x) + dx));
        int sy = Math.max(0, Math.min(s - 1, y + dy));
        out[y * s + x] = image[sy * s + sx];
      }
    }
    return out;
  }

  private static double[] predict(Trainer trainer, NDManager manager, float[][] x) {
    double[] scores = new double[x.length];
    int pixels = ChestXrayNet.SIZE * ChestXrayNet.SIZE;
    for (int b = 0; b < x.length; b += 128) {
      int size = Math.min(128, x.length - b);
      float[] xb = new float[size * pixels];
      for (int i = 0; i < size; i++) {
        System.arraycopy(x[b + i], 0, xb, i * pixels, pixels);
      }
      try (NDManager batch = manager.newSubManager()) {
        NDArray in = batch.create(xb, new Shape(size, 1, ChestXrayNet.SIZE, ChestXrayNet.SIZE));
        float[] p = trainer.evaluate(new NDList(in)).singletonOrThrow().softmax(1).toFloatArray();
        for (int i = 0; i < size; i++) {
          scores[b + i] = p[2 * i + 1];
        }
      }
    }
    return scores;
  }

  static double accuracy(double[] scores, int[] y) {
    int correct = 0;
    for (int i = 0; i < y.length; i++) {
      if ((scores[i] >= 0.5 ? 1 : 0) == y[i]) {
        correct++;
      }
    }
    return (double) correct / y.length;
  }

  /** ROC AUC by the rank-sum (Mann-Whitney) formula, ties counted half. */
  static double auc(double[] scores, int[] y) {
    long positives = 0;
    long negatives = 0;
    for (int v : y) {
      if (v == 1) {
        positives++;
      } else {
        negatives++;
      }
    }
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    double sum = 0;
    for (int i = 0; i < y.length; i++) {
      if (y[i] != 1) {
        continue;
      }
      for (int j = 0; j < y.length; j++) {
        if (y[j] == 0) {
          sum += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
        }
      }
    }
    return sum / (positives * negatives);
  }

  private static void shuffle(int[] a, Random random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  private static void writeDescriptor(Path folder, Report r, Options o, double[] norm)
      throws IOException {
    Path weights = folder.resolve(WEIGHTS);
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("modality", List.of("CR", "DX", "DR"));
    input.put("bodyPart", "CHEST");
    input.put("width", ChestXrayNet.SIZE);
    input.put("height", ChestXrayNet.SIZE);
    input.put("channels", 1);
    input.put("layout", "NCHW");
    Map<String, Object> normalisation = new LinkedHashMap<>();
    normalisation.put("type", "rendered"); // x/255 of the displayed image, then (x - mean) / std
    normalisation.put("mean", norm[0]);
    normalisation.put("std", norm[1]);
    input.put("normalisation", normalisation);
    input.put("resize", "area");
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put(
        "architecture",
        "conv3x3(32)-relu-maxpool2, conv3x3(64)-relu-maxpool2, conv3x3(128)-relu, global-avg-pool, dropout, linear(2)");
    parameters.put("block", DescriptorReader.CHEST_BLOCK);
    parameters.put("parameters", r.parameters());
    parameters.put("epochs", o.epochs());
    parameters.put("bestEpoch", r.bestEpoch());
    parameters.put("batchSize", o.batchSize());
    parameters.put("learningRate", o.learningRate());
    parameters.put("dropout", o.dropout());
    parameters.put("seed", o.seed());
    parameters.put("augmentation", "horizontal flip, shift up to 2 px");
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put(
        "split", "val (PneumoniaMNIST rebalanced, 270 images; also used to pick the epoch)");
    metrics.put("accuracy", round(r.valAccuracy()));
    metrics.put("auc", round(r.valAuc()));
    metrics.put("trainImages", r.trainImages());
    ModelDescriptor d =
        new ModelDescriptor(
            MODEL_NAME,
            "1.0.0",
            "image-classification",
            Engines.PYTORCH,
            new ArrayList<>(
                List.of(new ModelFile(WEIGHTS, Sha256.of(weights), Files.size(weights)))),
            LABELS,
            input,
            parameters,
            metrics,
            "./run imaging train");
    ModelRegistry.writeDescriptor(d, folder);
    // the generic runner's output section (ADR 0128), which ModelDescriptor does not carry
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);
    Path file = folder.resolve(ModelRegistry.DESCRIPTOR);
    com.fasterxml.jackson.databind.node.ObjectNode tree =
        (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(file.toFile());
    com.fasterxml.jackson.databind.node.ObjectNode output = tree.putObject("output");
    output.put("activation", "softmax");
    LABELS.forEach(output.putArray("labels")::add);
    output.put("heatmap", "grad-cam");
    json.writeValue(file.toFile(), tree);
  }

  private static double round(double v) {
    return Math.round(v * 10000) / 10000.0;
  }

  private static void writeCard(Path folder, Report r, Options o) throws IOException {
    String card =
        """
        # chest-xray-pneumonia

        A small convolutional network that flags pneumonia on chest radiographs and shows where it
        looked (Grad-CAM). **Research/demo use only — not a medical device; never a diagnosis.**

        - Data: PneumoniaMNIST (MedMNIST v2, CC BY 4.0) as re-balanced by aksufatih/snn-medmnist
          (`../shared/data/imaging/pneumoniamnist-trainval.npz`): %d training and %d validation
          images, 28×28 grey, label 1 = pneumonia. The official test split was not used.
        - Architecture: three 3×3 convolution stages (32/64/128 filters, ReLU, two 2×2 max-pools),
          global average pooling, dropout %.1f, linear layer to normal/pneumonia; %,d parameters
          (%,d bytes of weights).
        - Training: our own Java code on DJL 0.35 (PyTorch engine, CPU, one thread), Adam lr %s,
          batch %d, %d epochs, seed %d, random horizontal flip and ±2 px shift; the epoch with the
          best validation AUC is kept (epoch %d).
        - **Validation (dev) metrics: accuracy %.3f, ROC AUC %.3f** (270 images). The validation
          split also picked the epoch, so these are slightly optimistic. For orientation only:
          MedMNIST reports ResNet-18 ACC 0.854 / AUC 0.944 on its own (different) test split.
        - Input to the model: the rendered image (default window), squashed to 28×28 — fine detail
          is lost; the heat map is 7×7 upsampled to the image.
        - Limits: trained on paediatric AP chest X-rays from one centre (the source of
          PneumoniaMNIST); other populations, projections, devices or modalities are out of
          distribution — the analysis says so when the DICOM modality/body part is not a chest
          radiograph.
        - Retrain: `./run imaging train` (about %.0f s here).
        """
            .formatted(
                r.trainImages(),
                r.valImages(),
                o.dropout(),
                r.parameters(),
                r.weightBytes(),
                Float.toString(o.learningRate()),
                o.batchSize(),
                o.epochs(),
                o.seed(),
                r.bestEpoch(),
                r.valAccuracy(),
                r.valAuc(),
                r.seconds());
    Files.writeString(folder.resolve(ModelRegistry.MODEL_CARD), card);
  }

  /** Restores saved weights into a freshly built block (used by {@link ChestXrayModel}). */
  static void load(SequentialBlock net, NDManager manager, byte[] weights) throws IOException {
    net.initialize(
        manager,
        ai.djl.ndarray.types.DataType.FLOAT32,
        new Shape(1, 1, ChestXrayNet.SIZE, ChestXrayNet.SIZE));
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(weights))) {
      net.loadParameters(manager, in);
    } catch (ai.djl.MalformedModelException e) {
      throw new IOException("malformed weights", e);
    }
  }
}
