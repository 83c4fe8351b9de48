package org.meditwin.inference;

import java.nio.file.Path;
import org.meditwin.core.task.TaskExecutor;
import org.meditwin.inference.embedding.BgeEncoder;
import org.meditwin.inference.engine.DjlEnvironment;

/** One encoder and runtime per test JVM: loading bge-small costs seconds, so tests share it. */
public final class SharedModels {
  private static InferenceRuntime runtime;

  private SharedModels() {}

  /** The repository's {@code models/} folder (tests run from {@code modules/inference}). */
  public static Path modelsDir() {
    return Path.of("../../models").toAbsolutePath().normalize();
  }

  public static Path cacheDir() {
    return DjlEnvironment.defaultCacheDir();
  }

  public static synchronized InferenceRuntime runtime() {
    if (runtime == null) {
      runtime = InferenceRuntime.create(modelsDir(), cacheDir(), TaskExecutor.sameThread(), 2);
    }
    return runtime;
  }

  public static BgeEncoder encoder() {
    return runtime().encoder().join();
  }
}
