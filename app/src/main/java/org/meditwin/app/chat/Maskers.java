package org.meditwin.app.chat;

import java.nio.file.Path;
import java.util.function.Supplier;
import org.meditwin.chatlog.SummaryMasker;
import org.meditwin.inference.engine.DeviceInfo;
import org.meditwin.inference.engine.DjlEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The de-identifier that masks escalation summaries before a webhook sees them. */
final class Maskers {
  private static final Logger LOG = LoggerFactory.getLogger(Maskers.class);

  private Maskers() {}

  /**
   * The installed NLP heads (names, locations) once {@code device} has loaded the inference
   * runtime, else the rules: the linked patient's own identifiers are masked either way.
   */
  static SummaryMasker installed(Path modelsDir, Supplier<DeviceInfo> device) {
    try {
      device.get();
    } catch (RuntimeException | LinkageError e) {
      LOG.warn(
          "inference runtime unavailable, masking with rules: {}", e.getClass().getSimpleName());
      return SummaryMasker.rulesOnly();
    }
    Path cache = DjlEnvironment.defaultCacheDir();
    DjlEnvironment.configureOffline(cache);
    return SummaryMasker.load(modelsDir, cache.resolve("encoders"));
  }
}
