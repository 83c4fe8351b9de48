package org.meditwin.inference.train;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
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
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Random;
import org.meditwin.core.task.ProgressListener;
import org.meditwin.inference.classify.HeadArchitecture;
import org.meditwin.inference.engine.Engines;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a classification head on frozen encoder feature rows with the DJL PyTorch engine. Rows are
 * sentence embeddings (sequence classification) or token states (token classification): both are
 * row-wise classification once the encoder is frozen.
 *
 * <p>Reproducible: one thread, seeded engine RNG (initialisation, dropout) and a seeded shuffle.
 * Early stopping keeps the weights of the epoch with the best dev macro-F1 (ties: lower dev loss).
 */
public final class HeadTrainer {
  private static final Logger LOG = LoggerFactory.getLogger(HeadTrainer.class);

  private HeadTrainer() {}

  /** Labelled feature rows. */
  public record Rows(float[][] x, int[] y) {
    public Rows {
      if (x.length != y.length) {
        throw new IllegalArgumentException("features and labels differ in length");
      }
    }

    public int size() {
      return y.length;
    }
  }

  public static TrainedHead train(
      Rows train, Rows dev, List<String> labels, TrainingOptions o, ProgressListener progress) {
    if (train.size() == 0 || dev.size() == 0) {
      throw new IllegalArgumentException("training and dev splits must not be empty");
    }
    int dim = train.x()[0].length;
    int classes = labels.size();
    HeadArchitecture arch = new HeadArchitecture(dim, o.hiddenDim(), classes, o.dropout());
    Engine engine = Engines.pytorch();
    engine.setRandomSeed(o.seed());
    float[] classWeight = classWeights(train.y(), classes, o.balanceClasses());
    Random shuffle = new Random(o.seed());
    try (Model model = Model.newInstance("head-training", Device.cpu(), Engines.PYTORCH)) {
      Block block = arch.newBlock();
      model.setBlock(block);
      DefaultTrainingConfig config =
          new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
              .optOptimizer(
                  Optimizer.adam()
                      .optLearningRateTracker(Tracker.fixed(o.learningRate()))
                      .optWeightDecays(o.weightDecay())
                      .build())
              .optInitializer(new XavierInitializer(), Parameter.Type.WEIGHT)
              .optDevices(new Device[] {Device.cpu()});
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(new Shape(o.batchSize(), dim));
        NDManager root = trainer.getManager();
        int[] order = new int[train.size()];
        for (int i = 0; i < order.length; i++) {
          order[i] = i;
        }
        double bestF1 = -1;
        double bestLoss = Double.MAX_VALUE;
        byte[] best = save(block);
        int bestEpoch = 0;
        int epoch = 0;
        int sinceBest = 0;
        while (epoch < o.maxEpochs() && sinceBest < o.patience()) {
          epoch++;
          shuffle(order, shuffle);
          for (int from = 0; from < order.length; from += o.batchSize()) {
            int to = Math.min(order.length, from + o.batchSize());
            try (NDManager m = root.newSubManager()) {
              float[] xb = new float[(to - from) * dim];
              float[] onehot = new float[(to - from) * classes];
              float[] w = new float[to - from];
              for (int i = from; i < to; i++) {
                int r = order[i];
                System.arraycopy(train.x()[r], 0, xb, (i - from) * dim, dim);
                onehot[(i - from) * classes + train.y()[r]] = 1f;
                w[i - from] = classWeight[train.y()[r]];
              }
              NDArray x = m.create(xb, new Shape(to - from, dim));
              NDArray y = m.create(onehot, new Shape(to - from, classes));
              NDArray wr = m.create(w);
              try (GradientCollector gc = trainer.newGradientCollector()) {
                NDArray logits = trainer.forward(new NDList(x)).singletonOrThrow();
                NDArray loss = weightedLoss(logits, y, wr);
                gc.backward(loss);
              }
              trainer.step();
            }
          }
          Eval eval = evaluate(trainer, dev, labels, classWeight);
          if (eval.macroF1 > bestF1 + 1e-9
              || (Math.abs(eval.macroF1 - bestF1) <= 1e-9 && eval.loss < bestLoss)) {
            bestF1 = eval.macroF1;
            bestLoss = eval.loss;
            best = save(block);
            bestEpoch = epoch;
            sinceBest = 0;
          } else {
            sinceBest++;
          }
          progress.progress(
              epoch,
              o.maxEpochs(),
              String.format("epoch %d dev macro-F1 %.3f", epoch, eval.macroF1));
          LOG.debug("epoch {} dev macro-F1 {} loss {}", epoch, eval.macroF1, eval.loss);
        }
        LOG.info("head trained: best epoch {} of {}, dev macro-F1 {}", bestEpoch, epoch, bestF1);
        return new TrainedHead(arch, best, bestEpoch, epoch, bestF1);
      }
    }
  }

  private record Eval(double macroF1, double loss) {}

  private static Eval evaluate(Trainer trainer, Rows dev, List<String> labels, float[] cw) {
    int dim = dev.x()[0].length;
    int classes = labels.size();
    int n = dev.size();
    float[] flat = new float[n * dim];
    float[] onehot = new float[n * classes];
    float[] w = new float[n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(dev.x()[i], 0, flat, i * dim, dim);
      onehot[i * classes + dev.y()[i]] = 1f;
      w[i] = cw[dev.y()[i]];
    }
    try (NDManager m = trainer.getManager().newSubManager()) {
      NDArray logits =
          trainer.evaluate(new NDList(m.create(flat, new Shape(n, dim)))).singletonOrThrow();
      double loss =
          weightedLoss(logits, m.create(onehot, new Shape(n, classes)), m.create(w)).getFloat();
      int[] pred = argmax(logits.toFloatArray(), classes);
      return new Eval(ClassificationMetrics.of(labels, dev.y(), pred).macroF1(), loss);
    }
  }

  static NDArray weightedLoss(NDArray logits, NDArray onehot, NDArray rowWeights) {
    NDArray nll = logits.logSoftmax(1).mul(onehot).sum(new int[] {1}).neg();
    return nll.mul(rowWeights).sum().div(rowWeights.sum());
  }

  static int[] argmax(float[] flat, int classes) {
    int n = flat.length / classes;
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      int best = 0;
      for (int k = 1; k < classes; k++) {
        if (flat[i * classes + k] > flat[i * classes + best]) {
          best = k;
        }
      }
      out[i] = best;
    }
    return out;
  }

  /** Inverse-frequency weights normalised to mean 1 (or all 1). */
  static float[] classWeights(int[] y, int classes, boolean balance) {
    float[] w = new float[classes];
    java.util.Arrays.fill(w, 1f);
    if (!balance) {
      return w;
    }
    int[] count = new int[classes];
    for (int v : y) {
      count[v]++;
    }
    int present = 0;
    for (int k = 0; k < classes; k++) {
      if (count[k] > 0) {
        present++;
      }
    }
    for (int k = 0; k < classes; k++) {
      w[k] = count[k] == 0 ? 0f : (float) y.length / (present * count[k]);
    }
    return w;
  }

  private static void shuffle(int[] a, Random r) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  private static byte[] save(Block block) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      block.saveParameters(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Loads saved parameters back into a block of the same architecture (used by tests). */
  static void restore(Block block, NDManager manager, byte[] params) {
    try {
      block.loadParameters(manager, new DataInputStream(new ByteArrayInputStream(params)));
    } catch (IOException | MalformedModelException e) {
      throw new IllegalStateException("saved head parameters cannot be restored", e);
    }
  }
}
