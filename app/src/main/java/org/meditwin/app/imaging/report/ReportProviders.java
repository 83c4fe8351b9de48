package org.meditwin.app.imaging.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.meditwin.inference.generate.GenerativeProvider;
import org.meditwin.inference.generate.LlamaCppProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The generative provider for report drafting: the first {@code *.gguf} model under {@code models/}
 * (llama.cpp), as the chat pane uses, loaded on first use and closed with the pane. None is shipped
 * (no generative weights can be obtained here), so normally there is none and drafts are the
 * template's prose.
 */
public final class ReportProviders implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReportProviders.class);
  private final Optional<Path> gguf;
  private LlamaCppProvider loaded;
  private boolean failed;

  public ReportProviders(Path modelsDir) {
    this.gguf = firstGguf(modelsDir);
  }

  /** Whether a model file is present (cheap; does not load it). */
  public boolean configured() {
    return gguf.isPresent() && !failed;
  }

  /** The provider, loading the model on first call; empty when none or it cannot load. */
  public synchronized Optional<GenerativeProvider> get() {
    if (gguf.isEmpty() || failed) {
      return Optional.empty();
    }
    if (loaded == null) {
      try {
        loaded = LlamaCppProvider.open(gguf.get(), 2, 4096);
      } catch (RuntimeException | LinkageError e) {
        LOG.warn("generative model for reports not loaded: {}", e.getClass().getSimpleName());
        failed = true;
        return Optional.empty();
      }
    }
    return Optional.of(loaded);
  }

  @Override
  public synchronized void close() {
    if (loaded != null) {
      loaded.close();
      loaded = null;
    }
  }

  private static Optional<Path> firstGguf(Path modelsDir) {
    if (modelsDir == null || !Files.isDirectory(modelsDir)) {
      return Optional.empty();
    }
    try (Stream<Path> walk = Files.walk(modelsDir, 3)) {
      return walk.filter(p -> p.getFileName().toString().toLowerCase().endsWith(".gguf"))
          .sorted()
          .findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
