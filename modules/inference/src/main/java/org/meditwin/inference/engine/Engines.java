package org.meditwin.inference.engine;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import org.meditwin.core.MediTwinException;

/** Offline access to the two DJL engines, with ONNX Runtime initialised first (ADR 0050). */
public final class Engines {
  public static final String ONNX = "OnnxRuntime";
  public static final String PYTORCH = "PyTorch";

  private Engines() {}

  /** ONNX Runtime through DJL; must run before anything else creates an OrtEnvironment. */
  public static Engine onnx() {
    return get(ONNX);
  }

  public static Engine pytorch() {
    onnx();
    return get(PYTORCH);
  }

  /** The device the PyTorch engine computes on. Loads its natives on first use. */
  public static DeviceInfo device() {
    Engine engine = pytorch();
    return new DeviceInfo(
        engine.getEngineName(),
        engine.getVersion(),
        engine.defaultDevice().toString(),
        engine.getGpuCount());
  }

  private static Engine get(String name) {
    if (!DjlEnvironment.isOffline()) {
      DjlEnvironment.configureOffline(DjlEnvironment.defaultCacheDir());
    }
    try {
      return Engine.getEngine(name);
    } catch (EngineException | IllegalArgumentException e) {
      throw new MediTwinException(
          "The " + name + " inference engine could not start offline: " + e.getMessage(), e);
    }
  }
}
