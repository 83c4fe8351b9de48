package org.meditwin.imaging.ai;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.meditwin.core.MediTwinException;
import org.meditwin.imaging.DicomInfo;
import org.meditwin.imaging.Frame;
import org.meditwin.imaging.ImageDescription;
import org.meditwin.imaging.ai.ImageAnalysis.LabelScore;
import org.meditwin.imaging.ai.ImageModelDescriptor.Activation;
import org.meditwin.imaging.ai.ImageModelDescriptor.SegmentClass;
import org.meditwin.imaging.ai.ImageModelDescriptor.Task;
import org.meditwin.inference.registry.ModelStatus;
import org.meditwin.inference.registry.ModelUnavailableException;

/**
 * Runs any image model of the {@link ModelCatalog} on one frame: preprocessing from the modality
 * values or the rendered image (descriptor), one forward pass through DJL (OnnxRuntime or PyTorch;
 * our chest model through its own block with Grad-CAM), and postprocessing to per-label
 * probabilities or a per-pixel label map at the image's size (ADR 0128). One analysis at a time per
 * runner.
 */
public final class ImageModelRunner implements AutoCloseable {
  private final ImageModelDescriptor descriptor;
  private final Backend backend;

  private ImageModelRunner(ImageModelDescriptor descriptor, Backend backend) {
    this.descriptor = descriptor;
    this.backend = backend;
  }

  /**
   * Loads a catalog entry.
   *
   * @throws ModelUnavailableException when the entry is not usable (its detail says why)
   * @throws MediTwinException when the engine cannot load the file
   */
  public static ImageModelRunner open(ModelCatalog.Entry entry) {
    if (!entry.usable()) {
      throw new ModelUnavailableException(
          entry.name(),
          status(entry.status()),
          "Model '" + entry.name() + "' cannot be used: " + entry.detail());
    }
    ImageModelDescriptor d = entry.descriptor().orElseThrow();
    Backend backend =
        switch (d.format()) {
          case ONNX, TORCHSCRIPT -> DjlBackend.load(d, entry.folder());
          case DJL_PARAMS -> chest(d, entry);
        };
    return new ImageModelRunner(d, backend);
  }

  private static Backend chest(ImageModelDescriptor d, ModelCatalog.Entry entry) {
    try {
      ChestXrayModel model = ChestXrayModel.loadFolder(entry.folder());
      if (d.input().width() != ChestXrayNet.SIZE || d.input().height() != ChestXrayNet.SIZE) {
        model.close();
        throw new MediTwinException(
            "Model "
                + d.name()
                + ": the chest block takes 28x28 inputs, model.json says otherwise");
      }
      return new Backend() {
        @Override
        public Raw forward(float[] input, long[] shape) {
          return model.forward(input);
        }

        @Override
        public void close() {
          model.close();
        }
      };
    } catch (IOException e) {
      throw new MediTwinException("Model " + d.name() + " cannot be read: " + e.getMessage(), e);
    }
  }

  private static ModelStatus status(ModelCatalog.Status s) {
    return switch (s) {
      case MISSING_FILE -> ModelStatus.MISSING_FILE;
      case CHECKSUM_MISMATCH -> ModelStatus.CHECKSUM_MISMATCH;
      default -> ModelStatus.INVALID_DESCRIPTOR;
    };
  }

  public ImageModelDescriptor descriptor() {
    return descriptor;
  }

  /** Analyses one decoded frame; the result has the frame's width and height. */
  public synchronized ImageAnalysis analyze(DicomInfo info, ImageDescription image, Frame frame) {
    long start = System.nanoTime();
    ImageModelDescriptor.InputSpec in = descriptor.input();
    float[] input = Preprocessor.input(image, frame, in);
    Backend.Raw raw =
        backend.forward(input, new long[] {1, in.channels(), in.height(), in.width()});
    ModelCatalog.Applicability applicability = ModelCatalog.applicability(descriptor, info);
    int w = frame.width();
    int h = frame.height();
    ImageAnalysis result =
        descriptor.task() == Task.CLASSIFICATION
            ? classification(raw, w, h, applicability)
            : segmentation(raw, w, h, applicability);
    double ms = (System.nanoTime() - start) / 1e6;
    return new ImageAnalysis(
        result.model(),
        result.version(),
        result.task(),
        result.scores(),
        w,
        h,
        result.heatmap(),
        result.labelMap(),
        result.classes(),
        applicability,
        ms);
  }

  private ImageAnalysis classification(
      Backend.Raw raw, int w, int h, ModelCatalog.Applicability applicability) {
    List<String> labels = descriptor.output().labels();
    float[] v = raw.values();
    if (v.length != labels.size()) {
      throw new MediTwinException(
          "Model "
              + descriptor.name()
              + " produced "
              + v.length
              + " outputs for "
              + labels.size()
              + " labels in model.json");
    }
    double[] p = activate(v, descriptor.output().activation());
    List<LabelScore> scores = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      scores.add(new LabelScore(labels.get(i), p[i]));
    }
    Optional<float[]> heat =
        raw.cam()
            .map(
                cam -> {
                  float max = 0;
                  for (float c : cam) {
                    max = Math.max(max, c);
                  }
                  int side = (int) Math.round(Math.sqrt(cam.length));
                  return ChestXrayModel.upsample(cam, side, max, w, h);
                });
    return result(scores, w, h, heat, Optional.empty(), applicability);
  }

  static double[] activate(float[] v, Activation a) {
    double[] p = new double[v.length];
    switch (a) {
      case SOFTMAX -> {
        double[] s = ChestXrayModel.softmax(v);
        System.arraycopy(s, 0, p, 0, s.length);
      }
      case SIGMOID -> {
        for (int i = 0; i < v.length; i++) {
          p[i] = 1 / (1 + Math.exp(-v[i]));
        }
      }
      case NONE -> {
        for (int i = 0; i < v.length; i++) {
          p[i] = v[i];
        }
      }
    }
    return p;
  }

  private ImageAnalysis segmentation(
      Backend.Raw raw, int w, int h, ModelCatalog.Applicability applicability) {
    ImageModelDescriptor.InputSpec in = descriptor.input();
    int mw = in.width();
    int mh = in.height();
    int plane = mw * mh;
    float[] v = raw.values();
    if (v.length % plane != 0) {
      throw new MediTwinException(
          "Model "
              + descriptor.name()
              + " produced "
              + v.length
              + " values, not a multiple of its "
              + mw
              + "x"
              + mh
              + " input");
    }
    int channels = v.length / plane;
    List<SegmentClass> classes = descriptor.output().classes();
    int[] labels = new int[plane];
    if (channels > 1) {
      // per-class scores: the label is the best channel (softmax and sigmoid keep the order)
      for (int i = 0; i < plane; i++) {
        int best = 0;
        for (int c = 1; c < channels; c++) {
          if (v[c * plane + i] > v[best * plane + i]) {
            best = c;
          }
        }
        labels[i] = best;
      }
    } else if (descriptor.output().activation() == Activation.SIGMOID) {
      int foreground =
          classes.stream().mapToInt(SegmentClass::index).filter(i -> i > 0).findFirst().orElse(1);
      for (int i = 0; i < plane; i++) {
        labels[i] = v[i] >= 0 ? foreground : 0; // sigmoid(x) >= 0.5
      }
    } else {
      for (int i = 0; i < plane; i++) {
        labels[i] = Math.round(v[i]); // a label map (ArgMax) or a 0..1 probability map
      }
    }
    int[] full = Preprocessor.resizeLabels(labels, mw, mh, w, h);
    int[] counts = new int[256];
    for (int l : full) {
      if (l >= 0 && l < 256) {
        counts[l]++;
      }
    }
    List<LabelScore> scores = new ArrayList<>();
    for (SegmentClass c : classes) {
      if (c.index() > 0) {
        scores.add(new LabelScore(c.label(), counts[c.index()] / (double) full.length));
      }
    }
    return result(scores, w, h, Optional.empty(), Optional.of(full), applicability);
  }

  private ImageAnalysis result(
      List<LabelScore> scores,
      int w,
      int h,
      Optional<float[]> heat,
      Optional<int[]> labels,
      ModelCatalog.Applicability applicability) {
    return new ImageAnalysis(
        descriptor.name(),
        descriptor.version(),
        descriptor.task(),
        scores,
        w,
        h,
        heat,
        labels,
        descriptor.output().classes(),
        applicability,
        0);
  }

  @Override
  public void close() {
    backend.close();
  }
}
