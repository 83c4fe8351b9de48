package org.meditwin.app.chat;

import java.nio.file.Path;
import java.util.function.Supplier;
import org.meditwin.chatlog.SummaryMasker;
import org.meditwin.inference.engine.DeviceInfo;
import org.meditwin.inference.engine.DjlEnvironment;
import org.meditwin.inference.registry.ModelRegistry;
import org.meditwin.nlp.ClinicalNlp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The de-identifier that masks escalation summaries before a webhook sees them. */
final class Maskers {
  private static final Logger LOG = LoggerFactory.getLogger(Maskers.class);

  private Maskers() {}

  /**
   * The installed NLP heads (names, locations) when they load, else the rules: the linked patient's
   * own identifiers are masked either way.
   */
  static SummaryMasker installed(Path modelsDir, Supplier<DeviceInfo> device) {
    try {
      device.get();
      Path cache = DjlEnvironment.defaultCacheDir();
      DjlEnvironment.configureOffline(cache);
      return new SummaryMasker(
          ClinicalNlp.load(ModelRegistry.open(modelsDir), cache.resolve("encoders"), 1));
    } catch (RuntimeException | LinkageError e) {
      LOG.warn(
          "de-identification models unavailable, masking with rules: {}",
          e.getClass().getSimpleName());
      return SummaryMasker.rulesOnly();
    }
  }
}
