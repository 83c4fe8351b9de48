package org.meditwin.imaging.ai;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Read access to the PneumoniaMNIST archive the chest model was trained on ({@code
 * pneumoniamnist-trainval.npz}, CC BY 4.0): 28×28 grey images with label 1 = pneumonia. Used by the
 * similar-case reference library and its evaluation.
 */
public final class ChestXrayDataset {
  /** Citation shown wherever the images are shown. */
  public static final String SOURCE =
      "PneumoniaMNIST (MedMNIST v2, Yang et al. 2023; from Kermany et al. 2018), CC BY 4.0";

  public static final String LICENCE = "CC BY 4.0";

  public static final int SIZE = ChestXrayNet.SIZE;

  private ChestXrayDataset() {}

  /**
   * One image: its index in the split, 28×28 grey values 0..255 (row-major) and its label (0
   * normal, 1 pneumonia).
   */
  public record Sample(int index, float[] pixels, int label) {
    public Sample {
      pixels = pixels.clone();
    }

    @Override
    public float[] pixels() {
      return pixels.clone();
    }

    public String labelName() {
      return ChestXrayTrainer.LABELS.get(label);
    }
  }

  /**
   * The images of one split ({@code "train"} or {@code "val"}).
   *
   * @throws IllegalArgumentException when the archive has no such split or not 28×28 images
   */
  public static List<Sample> load(Path npz, String split) throws IOException {
    Map<String, Npz.Array> arrays = Npz.read(npz);
    ChestXrayTrainer.Split s = ChestXrayTrainer.split(arrays, split);
    List<Sample> out = new ArrayList<>(s.y().length);
    for (int i = 0; i < s.y().length; i++) {
      float[] x = s.x()[i];
      float[] grey = new float[x.length];
      for (int p = 0; p < x.length; p++) {
        grey[p] = Math.round(x[p] * 255f);
      }
      out.add(new Sample(i, grey, s.y()[i]));
    }
    return List.copyOf(out);
  }
}
