package org.meditwin.inference;

import java.net.InetAddress;
import java.nio.file.Path;
import org.meditwin.core.task.TaskExecutor;
import org.meditwin.inference.registry.ModelEntry;

/** Child-process probe for {@link OfflineLoadingTest}: loads every shipped model, no network. */
public final class OfflineProbe {
  private OfflineProbe() {}

  public static void main(String[] args) throws Exception {
    // Proves the namespace really has no route out: resolving or reaching anything must fail.
    boolean networkPresent;
    try {
      networkPresent = InetAddress.getByName("1.1.1.1").isReachable(500);
    } catch (java.io.IOException e) {
      networkPresent = false;
    }
    if (networkPresent) {
      throw new IllegalStateException("the probe was expected to run without network");
    }
    InferenceRuntime rt =
        InferenceRuntime.create(
            Path.of(args[0]),
            org.meditwin.inference.engine.DjlEnvironment.defaultCacheDir(),
            TaskExecutor.sameThread(),
            1);
    for (ModelEntry e : rt.models()) {
      if (!e.status().usable()) {
        throw new IllegalStateException(e.name() + " " + e.detail());
      }
    }
    rt.router().join().route("Sudden hearing loss in the right ear with tinnitus.");
    rt.device();
    try (var q =
        org.meditwin.inference.embedding.BgeEncoder.open(
            org.meditwin.inference.embedding.EncoderVariant.QUANTISED,
            org.meditwin.inference.engine.DjlEnvironment.defaultCacheDir().resolve("encoders"),
            1,
            64)) {
      q.embedBatch(java.util.List.of("Tinnitus."));
    }
    rt.close();
    System.out.println("OFFLINE-PROBE OK");
  }
}
