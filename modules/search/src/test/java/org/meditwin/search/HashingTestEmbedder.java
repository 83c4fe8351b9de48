package org.meditwin.search;

import java.util.List;
import java.util.Locale;

/**
 * TEST-ONLY deterministic encoder: hashes lower-cased words and character trigrams into 384
 * dimensions and L2-normalises. Texts sharing words or word pieces get similar vectors, which is
 * enough to exercise dense and hybrid code paths without a neural model. Never shipped.
 */
public final class HashingTestEmbedder implements TextEmbedder {
  public static final int DIM = 384;

  @Override
  public int dimension() {
    return DIM;
  }

  @Override
  public float[][] embed(List<String> texts) {
    float[][] out = new float[texts.size()][];
    for (int i = 0; i < texts.size(); i++) {
      out[i] = vector(texts.get(i));
    }
    return out;
  }

  static float[] vector(String text) {
    float[] v = new float[DIM];
    for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (w.isEmpty()) {
        continue;
      }
      add(v, w.hashCode(), 1f);
      String padded = "#" + w + "#";
      for (int i = 0; i + 3 <= padded.length(); i++) {
        add(v, padded.substring(i, i + 3).hashCode() * 31 + 7, 0.5f);
      }
    }
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    if (norm == 0) {
      v[0] = 1;
      return v;
    }
    float inv = (float) (1 / Math.sqrt(norm));
    for (int i = 0; i < DIM; i++) {
      v[i] *= inv;
    }
    return v;
  }

  private static void add(float[] v, int hash, float weight) {
    int h = hash * 0x9E3779B1;
    int idx = Math.floorMod(h, DIM);
    v[idx] += ((h >>> 16) & 1) == 0 ? weight : -weight;
  }

  @Override
  public String modelId() {
    return "test-hashing-384-v1";
  }
}
