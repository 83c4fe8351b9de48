package org.meditwin.app.search;

import java.nio.file.Path;
import java.util.Optional;
import org.meditwin.inference.embedding.BgeEncoder;
import org.meditwin.inference.embedding.CachingEmbeddingService;
import org.meditwin.inference.embedding.EncoderVariant;
import org.meditwin.inference.engine.DjlEnvironment;
import org.meditwin.search.TextEmbedder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads the dense query encoder, or reports that semantic search is unavailable. */
@FunctionalInterface
public interface EncoderLoader {
  /** Runs on a background thread; empty when no encoder can be loaded. */
  Optional<TextEmbedder> load();

  /** BM25 only (tests, machines without the encoder). */
  static EncoderLoader none() {
    return Optional::empty;
  }

  /**
   * The shipped bge-small-en-v1.5 (with its query instruction) through offline DJL, loaded once per
   * process: the knowledge base and the patient-record index share one encoder.
   */
  static EncoderLoader shippedBge() {
    return SharedBge.LOADER;
  }

  /** Loads {@code loader} at the first call and returns the same result afterwards. */
  static EncoderLoader once(EncoderLoader loader) {
    return new EncoderLoader() {
      private Optional<TextEmbedder> loaded;

      @Override
      public synchronized Optional<TextEmbedder> load() {
        if (loaded == null) {
          loaded = loader.load();
        }
        return loaded;
      }
    };
  }

  /** Holder of the process-wide shipped encoder loader. */
  final class SharedBge {
    static final EncoderLoader LOADER = once(bge());

    private SharedBge() {}
  }

  private static EncoderLoader bge() {
    Logger log = LoggerFactory.getLogger(EncoderLoader.class);
    return () -> {
      try {
        Path cache = DjlEnvironment.defaultCacheDir();
        DjlEnvironment.configureOffline(cache);
        BgeEncoder encoder =
            BgeEncoder.open(EncoderVariant.FULL, cache.resolve("encoders"), 1, 512);
        return Optional.of(
            org.meditwin.search.embed.InferenceEmbedder.shipped(
                new CachingEmbeddingService(encoder, 16, 5_000)));
      } catch (RuntimeException | LinkageError e) {
        log.warn("semantic search unavailable: {}", e.getClass().getSimpleName());
        return Optional.empty();
      }
    };
  }
}
