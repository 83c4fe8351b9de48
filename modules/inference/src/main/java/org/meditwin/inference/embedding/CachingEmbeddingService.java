package org.meditwin.inference.embedding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.meditwin.inference.registry.Sha256;

/**
 * {@link EmbeddingService} over a {@link BgeEncoder} with an in-memory LRU cache keyed by the
 * SHA-256 of the text (content hash, not the text itself). Memory only: embeddings of patient text
 * are derived PHI and are never written to disk here.
 */
public final class CachingEmbeddingService implements EmbeddingService {
  private final BgeEncoder encoder;
  private final int batchSize;
  private final Map<String, float[]> cache;
  private long hits;
  private long misses;

  /**
   * @param batchSize batch size for misses; forced to 1 for the quantised graph, whose output
   *     depends on padding (ADR 0051)
   * @param capacity cache entries kept (each 1.5 KB)
   */
  public CachingEmbeddingService(BgeEncoder encoder, int batchSize, int capacity) {
    this.encoder = encoder;
    this.batchSize = encoder.variant() == EncoderVariant.QUANTISED ? 1 : Math.max(1, batchSize);
    this.cache =
        new LinkedHashMap<>(256, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > capacity;
          }
        };
  }

  @Override
  public String modelName() {
    return encoder.variant().modelName();
  }

  @Override
  public int dimension() {
    return BgeEncoder.DIMENSION;
  }

  @Override
  public float[] embed(String text) {
    return embedAll(List.of(text)).get(0);
  }

  @Override
  public List<float[]> embedAll(List<String> texts) {
    float[][] out = new float[texts.size()][];
    List<Integer> missIdx = new ArrayList<>();
    List<String> missText = new ArrayList<>();
    String[] keys = new String[texts.size()];
    synchronized (cache) {
      for (int i = 0; i < texts.size(); i++) {
        keys[i] = Sha256.of(texts.get(i));
        float[] v = cache.get(keys[i]);
        if (v != null) {
          out[i] = v.clone();
          hits++;
        } else {
          missIdx.add(i);
          missText.add(texts.get(i));
          misses++;
        }
      }
    }
    if (!missText.isEmpty()) {
      List<float[]> fresh = encoder.embedAll(missText, batchSize);
      synchronized (cache) {
        for (int j = 0; j < fresh.size(); j++) {
          int i = missIdx.get(j);
          cache.put(keys[i], fresh.get(j));
          out[i] = fresh.get(j).clone();
        }
      }
    }
    return List.of(out);
  }

  /** Cache hits and misses since creation. */
  public synchronized long[] stats() {
    synchronized (cache) {
      return new long[] {hits, misses};
    }
  }
}
