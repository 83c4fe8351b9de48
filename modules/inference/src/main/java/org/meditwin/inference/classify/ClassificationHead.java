package org.meditwin.inference.classify;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.meditwin.core.MediTwinException;
import org.meditwin.inference.engine.Engines;

/** A trained head loaded into the DJL PyTorch engine; returns class probabilities. */
public final class ClassificationHead implements AutoCloseable {
  private final HeadArchitecture architecture;
  private final Model model;

  private ClassificationHead(HeadArchitecture architecture, Model model) {
    this.architecture = architecture;
    this.model = model;
  }

  /** Loads weights written by {@code HeadTrainer} ({@code Block.saveParameters} format). */
  public static ClassificationHead load(Path params, HeadArchitecture architecture) {
    Engines.pytorch();
    Model model = Model.newInstance("head", Engines.PYTORCH);
    try (InputStream in = new BufferedInputStream(Files.newInputStream(params))) {
      Block block = architecture.newBlock();
      block.initialize(
          model.getNDManager(), DataType.FLOAT32, new Shape(1, architecture.inputDim()));
      block.loadParameters(model.getNDManager(), new DataInputStream(in));
      model.setBlock(block);
      return new ClassificationHead(architecture, model);
    } catch (IOException | MalformedModelException | RuntimeException e) {
      model.close();
      throw new MediTwinException(
          "Classifier weights " + params.getFileName() + " could not be read: " + e.getMessage(),
          e);
    }
  }

  public HeadArchitecture architecture() {
    return architecture;
  }

  /** Softmax probabilities, one row per input row. */
  public float[][] probabilities(float[][] features) {
    int n = features.length;
    int dim = architecture.inputDim();
    float[] flat = new float[n * dim];
    for (int i = 0; i < n; i++) {
      if (features[i].length != dim) {
        throw new IllegalArgumentException("feature row has the wrong size");
      }
      System.arraycopy(features[i], 0, flat, i * dim, dim);
    }
    synchronized (model) {
      try (NDManager m = model.getNDManager().newSubManager()) {
        NDArray x = m.create(flat, new Shape(n, dim));
        NDArray logits =
            model
                .getBlock()
                .forward(new ParameterStore(m, false), new NDList(x), false)
                .singletonOrThrow();
        float[] p = logits.softmax(1).toFloatArray();
        int c = architecture.classes();
        float[][] out = new float[n][c];
        for (int i = 0; i < n; i++) {
          System.arraycopy(p, i * c, out[i], 0, c);
        }
        return out;
      }
    }
  }

  @Override
  public void close() {
    model.close();
  }
}
