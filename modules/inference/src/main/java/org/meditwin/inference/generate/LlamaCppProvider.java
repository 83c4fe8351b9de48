package org.meditwin.inference.generate;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.Pair;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local GGUF model run by llama.cpp ({@code de.kherud:llama}). Used only when a clinic places a
 * model under {@code models/<name>/} with {@code "engine": "llama.cpp"}; none ships with the app.
 * The GGUF header is checked in Java before the file reaches native code.
 */
public final class LlamaCppProvider implements GenerativeProvider, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LlamaCppProvider.class);
  private static final int GGUF_MAGIC = 0x46554747; // "GGUF" little-endian

  private final String name;
  private final LlamaModel model;

  private LlamaCppProvider(String name, LlamaModel model) {
    this.name = name;
    this.model = model;
  }

  /**
   * Validates and loads a GGUF file.
   *
   * @throws GenerationException with a clear message when the file is not a loadable GGUF model
   */
  public static LlamaCppProvider open(Path gguf, int threads, int contextSize) {
    validateHeader(gguf);
    try {
      routeNativeLogs();
      LlamaModel model =
          new LlamaModel(
              new ModelParameters()
                  .setModel(gguf.toAbsolutePath().toString())
                  .setThreads(threads)
                  .setCtxSize(contextSize));
      LOG.info("GGUF model {} loaded", gguf.getFileName());
      return new LlamaCppProvider("llama.cpp:" + gguf.getFileName(), model);
    } catch (RuntimeException | UnsatisfiedLinkError e) {
      throw new GenerationException(
          "llama.cpp could not load " + gguf.getFileName() + ": " + e.getMessage(), false, e);
    }
  }

  private static volatile boolean logsRouted;

  /** llama.cpp logs to stderr by default; send them to SLF4J at DEBUG (errors at WARN). */
  private static synchronized void routeNativeLogs() {
    if (logsRouted) {
      return;
    }
    LlamaModel.setLogger(
        de.kherud.llama.args.LogFormat.TEXT,
        (level, message) -> {
          if (level == de.kherud.llama.LogLevel.ERROR) {
            LOG.warn("llama.cpp: {}", message.strip());
          } else {
            LOG.debug("llama.cpp: {}", message.strip());
          }
        });
    logsRouted = true;
  }

  /** Header of a GGUF file: version, tensor and metadata counts. */
  public record GgufHeader(int version, long tensorCount, long metadataCount) {}

  /** Reads and sanity-checks the fixed GGUF header without native code. */
  public static GgufHeader validateHeader(Path gguf) {
    if (!Files.isRegularFile(gguf)) {
      throw new GenerationException("GGUF model file not found: " + gguf.getFileName(), false);
    }
    byte[] head = new byte[24];
    try (InputStream in = Files.newInputStream(gguf)) {
      int read = in.readNBytes(head, 0, head.length);
      if (read < head.length) {
        throw new GenerationException(
            gguf.getFileName() + " is too short to be a GGUF model", false);
      }
    } catch (IOException e) {
      throw new GenerationException(
          "cannot read " + gguf.getFileName() + ": " + e.getMessage(), false, e);
    }
    ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
    if (b.getInt() != GGUF_MAGIC) {
      throw new GenerationException(gguf.getFileName() + " is not a GGUF file (bad magic)", false);
    }
    int version = b.getInt();
    long tensors = b.getLong();
    long kv = b.getLong();
    if (version < 2 || version > 3) {
      throw new GenerationException(
          gguf.getFileName() + " uses GGUF version " + version + "; llama.cpp reads 2 and 3",
          false);
    }
    if (tensors < 0 || tensors > 1_000_000 || kv < 0 || kv > 1_000_000) {
      throw new GenerationException(gguf.getFileName() + " has an implausible GGUF header", false);
    }
    return new GgufHeader(version, tensors, kv);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean available() {
    return true;
  }

  @Override
  public Generation generate(GenerationRequest request, TokenSink sink) {
    String system = request.system();
    if (!request.sources().isEmpty()) {
      system =
          system
              + "\nAnswer only from the numbered sources and cite them as [n].\n\n"
              + request.numberedSources();
    }
    List<Pair<String, String>> messages = new ArrayList<>();
    messages.add(new Pair<>("user", request.question()));
    InferenceParameters p =
        new InferenceParameters("")
            .setMessages(system.strip(), messages)
            .setUseChatTemplate(true)
            .setNPredict(request.maxTokens())
            .setTemperature((float) request.temperature())
            .setSeed(42)
            // Each answer is computed from scratch: with prompt caching llama.cpp re-evaluates
            // only the uncached tail of a repeated prompt, in a different batch shape, and the
            // float differences can change a greedy choice — the same question would not always
            // get the same answer. Determinism is worth re-reading the system prompt.
            .setCachePrompt(false);
    StringBuilder text = new StringBuilder();
    try {
      synchronized (model) {
        // render the chat template into the prompt: generate() completes the raw prompt
        p.setPrompt(model.applyTemplate(p));
        for (LlamaOutput out : model.generate(p)) {
          text.append(out.text);
          sink.token(out.text);
        }
      }
    } catch (RuntimeException e) {
      throw new GenerationException("local model generation failed: " + e.getMessage(), false, e);
    }
    return new Generation(
        text.toString(), name, OpenAiCompatibleProvider.citationsIn(text, request), false);
  }

  @Override
  public void close() {
    model.close();
  }
}
