package org.meditwin.inference.embedding;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.meditwin.core.MediTwinException;
import org.meditwin.inference.engine.Engines;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * bge-small-en-v1.5 through DJL ONNX Runtime and the DJL HuggingFace tokenizer: CLS pooling and L2
 * normalisation for sentence embeddings, the full {@code last_hidden_state} for token heads.
 *
 * <p>Thread-safe: calls are serialised on the predictor (ONNX Runtime uses its own intra-op
 * threads).
 */
public final class BgeEncoder implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BgeEncoder.class);
  public static final int DIMENSION = 384;

  private final EncoderVariant variant;
  private final int maxTokens;
  private final Model model;
  private final Predictor<NDList, NDList> predictor;
  private final HuggingFaceTokenizer tokenizer;
  private final HuggingFaceTokenizer wordTokenizer;

  private BgeEncoder(
      EncoderVariant variant,
      int maxTokens,
      Model model,
      HuggingFaceTokenizer tokenizer,
      HuggingFaceTokenizer wordTokenizer) {
    this.variant = variant;
    this.maxTokens = maxTokens;
    this.model = model;
    this.predictor = model.newPredictor(new NoopTranslator());
    this.tokenizer = tokenizer;
    this.wordTokenizer = wordTokenizer;
  }

  /**
   * Opens the encoder, extracting the ONNX graph and tokenizer from the class path into {@code
   * extractDir} on first use.
   *
   * @param threads ONNX Runtime intra-op threads (1 keeps the UI responsive on 2 cores)
   * @param maxTokens truncation length in word pieces (bge supports up to 512)
   */
  public static BgeEncoder open(
      EncoderVariant variant, Path extractDir, int threads, int maxTokens) {
    if (maxTokens < 8 || maxTokens > 512) {
      throw new IllegalArgumentException("maxTokens must be within 8..512");
    }
    Engines.onnx();
    Path dir = extractDir.resolve(variant.modelName());
    try {
      Path onnx = extract(variant.onnxResource(), dir.resolve(variant.modelName() + ".onnx"));
      Path tok = extract(variant.tokenizerResource(), dir.resolve("tokenizer.json"));
      Model model = Model.newInstance(variant.modelName(), Engines.ONNX);
      model.load(
          onnx.getParent(),
          variant.modelName(),
          Map.of("intraOpNumThreads", String.valueOf(threads), "interOpNumThreads", "1"));
      HuggingFaceTokenizer tokenizer =
          HuggingFaceTokenizer.builder()
              .optTokenizerPath(tok)
              .optMaxLength(maxTokens)
              .optTruncation(true)
              .optPadding(false)
              .optAddSpecialTokens(true)
              .build();
      HuggingFaceTokenizer words =
          HuggingFaceTokenizer.builder()
              .optTokenizerPath(tok)
              .optMaxLength(maxTokens)
              .optTruncation(true)
              .optPadding(false)
              .optAddSpecialTokens(true)
              .build();
      LOG.info(
          "encoder {} loaded ({} threads, {} tokens)", variant.modelName(), threads, maxTokens);
      return new BgeEncoder(variant, maxTokens, model, tokenizer, words);
    } catch (IOException | MalformedModelException e) {
      throw new MediTwinException(
          "The text encoder " + variant.modelName() + " could not be loaded: " + e.getMessage(), e);
    }
  }

  /** Copies a class-path resource to {@code target} unless an identical-size copy is there. */
  static Path extract(String resource, Path target) throws IOException {
    var url = BgeEncoder.class.getResource(resource);
    if (url == null) {
      throw new IOException("resource " + resource + " is missing from the class path");
    }
    long size = url.openConnection().getContentLengthLong();
    if (Files.isRegularFile(target) && (size < 0 || Files.size(target) == size)) {
      return target;
    }
    Files.createDirectories(target.getParent());
    Path tmp = Files.createTempFile(target.getParent(), "extract", ".part");
    try (InputStream in = url.openStream()) {
      Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return target;
  }

  public EncoderVariant variant() {
    return variant;
  }

  public int maxTokens() {
    return maxTokens;
  }

  /** Word-piece count after truncation, including [CLS] and [SEP]. */
  public int tokenCount(String text) {
    return tokenizer.encode(text).getIds().length;
  }

  /** L2-normalised CLS embeddings, one batch through the graph (rows padded to the longest). */
  public float[][] embedBatch(List<String> texts) {
    return embedBatch(texts, maxTokens);
  }

  /**
   * As {@link #embedBatch(List)} but truncated to {@code limit} word pieces (≤ {@link
   * #maxTokens()}), exactly as the tokenizer's own truncation would: content cut, [SEP] kept.
   */
  public float[][] embedBatch(List<String> texts, int limit) {
    if (texts.isEmpty()) {
      return new float[0][];
    }
    long[][] enc = new long[texts.size()][];
    for (int i = 0; i < enc.length; i++) {
      long[] ids = tokenizer.encode(texts.get(i)).getIds();
      if (ids.length > limit) {
        long sep = ids[ids.length - 1];
        ids = java.util.Arrays.copyOf(ids, limit);
        ids[limit - 1] = sep;
      }
      enc[i] = ids;
    }
    synchronized (predictor) {
      try (NDManager manager = model.getNDManager().newSubManager()) {
        NDArray hidden = forward(manager, enc);
        // ONNX Runtime arrays support no NDArray ops: pool and normalise in Java.
        long seq = hidden.getShape().get(1);
        float[] flat = hidden.toFloatArray();
        float[][] out = new float[enc.length][DIMENSION];
        for (int i = 0; i < enc.length; i++) {
          int base = (int) (i * seq * DIMENSION);
          double sq = 0;
          for (int d = 0; d < DIMENSION; d++) {
            float v = flat[base + d];
            out[i][d] = v;
            sq += v * v;
          }
          float inv = (float) (1.0 / Math.max(Math.sqrt(sq), 1e-12));
          for (int d = 0; d < DIMENSION; d++) {
            out[i][d] *= inv;
          }
        }
        return out;
      }
    }
  }

  /** Embeds in batches of {@code batchSize}. */
  public List<float[]> embedAll(List<String> texts, int batchSize) {
    List<float[]> out = new ArrayList<>(texts.size());
    for (int from = 0; from < texts.size(); from += batchSize) {
      float[][] batch = embedBatch(texts.subList(from, Math.min(texts.size(), from + batchSize)));
      out.addAll(List.of(batch));
    }
    return out;
  }

  /** Token-level {@code last_hidden_state} for pre-split words (for token-classification heads). */
  public TokenFeatures tokenFeatures(String[] words) {
    Encoding e = wordTokenizer.encode(words);
    synchronized (predictor) {
      try (NDManager manager = model.getNDManager().newSubManager()) {
        NDArray hidden = forward(manager, new long[][] {e.getIds()});
        int len = e.getIds().length;
        float[] flat = hidden.toFloatArray();
        float[][] rows = new float[len][DIMENSION];
        for (int t = 0; t < len; t++) {
          System.arraycopy(flat, t * DIMENSION, rows[t], 0, DIMENSION);
        }
        return new TokenFeatures(e.getTokens(), e.getWordIds(), rows);
      }
    }
  }

  private NDArray forward(NDManager manager, long[][] enc) {
    int max = 0;
    for (long[] e : enc) {
      max = Math.max(max, e.length);
    }
    long[] ids = new long[enc.length * max];
    long[] mask = new long[enc.length * max];
    for (int i = 0; i < enc.length; i++) {
      System.arraycopy(enc[i], 0, ids, i * max, enc[i].length);
      java.util.Arrays.fill(mask, i * max, i * max + enc[i].length, 1L);
    }
    Shape shape = new Shape(enc.length, max);
    NDArray inputIds = manager.create(ids, shape);
    inputIds.setName("input_ids");
    NDArray attention = manager.create(mask, shape);
    attention.setName("attention_mask");
    NDArray types = manager.zeros(shape, ai.djl.ndarray.types.DataType.INT64);
    types.setName("token_type_ids");
    try {
      NDList out = predictor.predict(new NDList(inputIds, attention, types));
      NDArray hidden = out.get(0);
      hidden.attach(manager);
      return hidden;
    } catch (TranslateException e) {
      throw new MediTwinException("The text encoder failed on its input: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    predictor.close();
    tokenizer.close();
    wordTokenizer.close();
    model.close();
  }
}
