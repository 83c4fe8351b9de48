package org.meditwin.app.chat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.meditwin.app.common.KnowledgeIndex;
import org.meditwin.chat.ChatEngine;
import org.meditwin.chat.SpecialtyClassifier;
import org.meditwin.core.task.ProgressListener;
import org.meditwin.inference.classify.SpecialtyRouter;
import org.meditwin.inference.embedding.BgeEncoder;
import org.meditwin.inference.embedding.EncoderVariant;
import org.meditwin.inference.engine.DeviceInfo;
import org.meditwin.inference.engine.DjlEnvironment;
import org.meditwin.inference.generate.LlamaCppProvider;
import org.meditwin.inference.registry.ModelEntry;
import org.meditwin.inference.registry.ModelRegistry;
import org.meditwin.search.SearchMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the chat engine over the opened knowledge base, in the background: the trained specialty
 * router when its model folder verifies, and a local generative model when a GGUF file has been
 * placed under {@code models/}. Without one the engine answers extractively, and says so.
 */
@FunctionalInterface
public interface ChatEngineLoader {

  /**
   * A built engine and what it runs on.
   *
   * @param generative true when a generative model writes the answers
   * @param router true when the trained specialty router chooses the specialists
   * @param resources closed when the pane goes away (model handles)
   */
  record Loaded(
      ChatEngine engine, boolean generative, boolean router, List<AutoCloseable> resources) {
    public Loaded {
      Objects.requireNonNull(engine, "engine");
      resources = List.copyOf(resources);
    }

    public static Loaded extractive(ChatEngine engine) {
      return new Loaded(engine, false, false, List.of());
    }
  }

  /** Blocking; runs on a background thread. */
  Loaded load(KnowledgeIndex knowledge, ProgressListener progress) throws Exception;

  /** Knowledge base only: the engine's own routing rules and the extractive composer. */
  static ChatEngineLoader knowledgeOnly() {
    return knowledgeOnly(UnaryOperator.identity());
  }

  /** Knowledge base plus {@code sources} (patient records, timeline), rules and extraction. */
  static ChatEngineLoader knowledgeOnly(UnaryOperator<ChatEngine.Builder> sources) {
    return (kb, p) -> Loaded.extractive(sources.apply(builder(kb)).build());
  }

  /** A builder over the knowledge base, searching hybrid when the index has vectors. */
  private static ChatEngine.Builder builder(KnowledgeIndex kb) {
    return ChatEngine.builder(kb::search)
        .searchMode(kb.semantic() ? SearchMode.HYBRID : SearchMode.BM25);
  }

  /**
   * The installed models, once {@code device} has loaded the inference runtime (where it cannot,
   * the knowledge-only engine): {@code models/specialty-router} (with its encoder, extracted under
   * the DJL cache) and the first {@code *.gguf} under {@code models/}. A model that cannot be
   * loaded is logged (type only) and left out.
   */
  static ChatEngineLoader installed(
      Path modelsDir, Supplier<DeviceInfo> device, UnaryOperator<ChatEngine.Builder> sources) {
    return (kb, progress) -> {
      Logger log = LoggerFactory.getLogger(ChatEngineLoader.class);
      ChatEngine.Builder builder = sources.apply(builder(kb));
      try {
        // loads the inference natives; where they cannot load, the engine runs on its rules
        device.get();
      } catch (RuntimeException | LinkageError e) {
        log.warn(
            "inference runtime unavailable, chat uses rules only: {}",
            e.getClass().getSimpleName());
        return Loaded.extractive(builder.build());
      }
      Path cacheDir = DjlEnvironment.defaultCacheDir();
      DjlEnvironment.configureOffline(cacheDir);
      List<AutoCloseable> resources = new ArrayList<>();
      boolean router = false;
      boolean generative = false;
      ModelRegistry registry = ModelRegistry.open(modelsDir);
      ModelEntry entry = registry.verify("specialty-router");
      if (entry.status().usable() && entry.descriptor().isPresent()) {
        progress.progress(0, -1, "Loading the specialty router");
        try {
          String encoderName = entry.descriptor().get().stringInput("encoder", "");
          BgeEncoder encoder =
              BgeEncoder.open(
                  EncoderVariant.byModelName(encoderName), cacheDir.resolve("encoders"), 1, 256);
          resources.add(encoder);
          SpecialtyRouter r =
              SpecialtyRouter.load(entry.descriptor().get(), entry.folder(), encoder);
          resources.add(r);
          builder.classifier(SpecialtyClassifier.of(r));
          router = true;
        } catch (RuntimeException | LinkageError e) {
          log.warn("specialty router not loaded: {}", e.getClass().getSimpleName());
        }
      }
      Optional<Path> gguf = firstGguf(modelsDir);
      if (gguf.isPresent()) {
        progress.progress(0, -1, "Loading the generative model");
        try {
          LlamaCppProvider provider = LlamaCppProvider.open(gguf.get(), 2, 4096);
          resources.add(provider);
          builder.provider(provider);
          generative = true;
        } catch (RuntimeException | LinkageError e) {
          log.warn("generative model not loaded: {}", e.getClass().getSimpleName());
        }
      }
      return new Loaded(builder.build(), generative, router, resources);
    };
  }

  private static Optional<Path> firstGguf(Path modelsDir) {
    if (!Files.isDirectory(modelsDir)) {
      return Optional.empty();
    }
    try (Stream<Path> walk = Files.walk(modelsDir, 2)) {
      return walk.filter(p -> p.getFileName().toString().toLowerCase().endsWith(".gguf"))
          .filter(Files::isRegularFile)
          .sorted()
          .findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
