package org.meditwin.imaging.ai;

import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.meditwin.core.MediTwinException;
import org.meditwin.inference.engine.Engines;

/** A TorchScript or ONNX model loaded through DJL's Criteria with the descriptor's engine. */
final class DjlBackend implements Backend {
  private final ZooModel<NDList, NDList> model;
  private final Predictor<NDList, NDList> predictor;

  private DjlBackend(ZooModel<NDList, NDList> model) {
    this.model = model;
    this.predictor = model.newPredictor();
  }

  static DjlBackend load(ImageModelDescriptor d, Path folder) {
    String engine = d.format() == ImageModelDescriptor.Format.ONNX ? Engines.ONNX : Engines.PYTORCH;
    // ONNX Runtime must start through DJL before anything else (ADR 0050)
    if (engine.equals(Engines.ONNX)) {
      Engines.onnx();
    } else {
      Engines.pytorch();
    }
    Path file = folder.resolve(d.weights()).normalize();
    String base = file.getFileName().toString();
    int dot = base.lastIndexOf('.');
    Criteria<NDList, NDList> criteria =
        Criteria.builder()
            .setTypes(NDList.class, NDList.class)
            .optModelPath(file.getParent())
            .optModelName(dot > 0 ? base.substring(0, dot) : base)
            .optEngine(engine)
            .optTranslator(new NoopTranslator())
            .build();
    try {
      return new DjlBackend(criteria.loadModel());
    } catch (ModelNotFoundException | MalformedModelException | IOException e) {
      throw new MediTwinException(
          "Model " + d.name() + " could not be loaded by " + engine + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new MediTwinException(
          "Model " + d.name() + " could not be loaded by " + engine + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Raw forward(float[] input, long[] shape) {
    try (NDManager m = model.getNDManager().newSubManager()) {
      NDArray x = m.create(input, new Shape(shape));
      NDList out = predictor.predict(new NDList(x));
      NDArray y = out.get(0);
      long[] s = y.getShape().getShape();
      float[] values =
          y.getDataType() == DataType.FLOAT32
              ? y.toFloatArray()
              : y.toType(DataType.FLOAT32, false).toFloatArray();
      out.close();
      return new Raw(values, s, Optional.empty());
    } catch (TranslateException e) {
      throw new MediTwinException("The model could not process the image: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    predictor.close();
    model.close();
  }
}
