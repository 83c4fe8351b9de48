package org.meditwin.inference;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.meditwin.core.task.TaskExecutor;
import org.meditwin.inference.classify.SpecialtyRouter;
import org.meditwin.inference.embedding.BgeEncoder;
import org.meditwin.inference.embedding.CachingEmbeddingService;
import org.meditwin.inference.embedding.EmbeddingService;
import org.meditwin.inference.embedding.EncoderVariant;
import org.meditwin.inference.engine.DeviceInfo;
import org.meditwin.inference.engine.DjlEnvironment;
import org.meditwin.inference.engine.Engines;
import org.meditwin.inference.registry.ModelEntry;
import org.meditwin.inference.registry.ModelRegistry;

/**
 * Entry point of the local inference runtime: offline DJL, the model registry over {@code models/},
 * and lazily loaded shared models. Models load in the background through the given {@link
 * TaskExecutor} (the UI shows the progress in its status bar); a missing or corrupt model fails
 * only its own future with a clear message.
 *
 * <pre>{@code
 * InferenceRuntime rt = InferenceRuntime.create(Path.of("models"), cacheDir, executor);
 * rt.router().thenAccept(r -> r.route("Chest pain radiating to the left arm"));
 * }</pre>
 */
public final class InferenceRuntime implements AutoCloseable {
  /** Default encoder for embeddings and heads. */
  public static final String ENCODER = EncoderVariant.FULL.modelName();

  public static final String ROUTER = "specialty-router";

  private final ModelRegistry registry;
  private final Path cacheDir;
  private final TaskExecutor executor;
  private final int threads;
  private volatile CompletableFuture<BgeEncoder> encoder;
  private volatile CompletableFuture<SpecialtyRouter> router;

  private InferenceRuntime(
      ModelRegistry registry, Path cacheDir, TaskExecutor executor, int threads) {
    this.registry = registry;
    this.cacheDir = cacheDir;
    this.executor = executor;
    this.threads = threads;
  }

  /**
   * Configures offline DJL (before any DJL class initialises) and opens the registry. Cheap: no
   * model is loaded here.
   *
   * @param cacheDir app-owned folder for DJL natives and extracted encoders
   * @param threads ONNX Runtime intra-op threads for the encoder
   */
  public static InferenceRuntime create(
      Path modelsDir, Path cacheDir, TaskExecutor executor, int threads) {
    DjlEnvironment.configureOffline(cacheDir);
    return new InferenceRuntime(ModelRegistry.open(modelsDir), cacheDir, executor, threads);
  }

  public static InferenceRuntime create(Path modelsDir, Path cacheDir, TaskExecutor executor) {
    return create(modelsDir, cacheDir, executor, 1);
  }

  public ModelRegistry registry() {
    return registry;
  }

  /** Verified entries of every installed model (hashes files once). */
  public List<ModelEntry> models() {
    return registry.listVerified();
  }

  /** Engine and device (CPU or GPU) in use; loads the PyTorch natives on first call. */
  public DeviceInfo device() {
    return Engines.device();
  }

  /** DJL settings in effect (offline flags, cache dir) for {@code doctor}. */
  public Map<String, String> settings() {
    return DjlEnvironment.settings();
  }

  /** The shared bge-small encoder, loaded once in the background. */
  public synchronized CompletableFuture<BgeEncoder> encoder() {
    encoder =
        registry.loadInBackground(
            ENCODER,
            executor,
            (d, folder, progress) ->
                BgeEncoder.open(
                    EncoderVariant.byModelName(d.name()),
                    cacheDir.resolve("encoders"),
                    threads,
                    d.intParameter("maxTokens", 512)));
    return encoder;
  }

  /** Sentence embeddings over the shared encoder with a content-hash cache. */
  public CompletableFuture<EmbeddingService> embeddings() {
    return encoder().thenApply(e -> new CachingEmbeddingService(e, 32, 10_000));
  }

  /** The specialty router head over the shared encoder. */
  public synchronized CompletableFuture<SpecialtyRouter> router() {
    router =
        encoder()
            .thenCompose(
                enc ->
                    registry.loadInBackground(
                        ROUTER,
                        executor,
                        (d, folder, progress) -> SpecialtyRouter.load(d, folder, enc)));
    return router;
  }

  /** Closes models that finished loading. */
  @Override
  public synchronized void close() {
    if (router != null) {
      router.thenAccept(SpecialtyRouter::close).exceptionally(e -> null);
    }
    if (encoder != null) {
      encoder.thenAccept(BgeEncoder::close).exceptionally(e -> null);
    }
  }
}
