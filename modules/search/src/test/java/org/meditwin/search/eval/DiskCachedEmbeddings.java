package org.meditwin.search.eval;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.meditwin.inference.embedding.EmbeddingService;

/**
 * EVALUATION/BENCHMARK ONLY: an {@link EmbeddingService} that keeps every vector it computed in an
 * append-only file (SHA-256 of the exact input text → float vector), so the public MedQuAD dev set
 * is embedded once and every later fusion experiment or benchmark reuses the vectors. Holds only
 * public knowledge-base text, never patient data; lives under {@code target/}.
 */
final class DiskCachedEmbeddings implements EmbeddingService {
  private final EmbeddingService delegate;
  private final Path file;
  private final Map<String, float[]> vectors = new HashMap<>();
  private long misses;

  DiskCachedEmbeddings(EmbeddingService delegate, Path file) throws IOException {
    this.delegate = delegate;
    this.file = file;
    Files.createDirectories(file.getParent());
    if (Files.exists(file)) {
      try (DataInputStream in =
          new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
        while (true) {
          byte[] key = new byte[32];
          try {
            in.readFully(key);
          } catch (EOFException e) {
            break;
          }
          int dim = in.readInt();
          float[] v = new float[dim];
          for (int i = 0; i < dim; i++) {
            v[i] = in.readFloat();
          }
          vectors.put(HexFormat.of().formatHex(key), v);
        }
      } catch (EOFException e) {
        // a torn last record from an interrupted run: everything before it is usable
      }
    }
  }

  int size() {
    return vectors.size();
  }

  long misses() {
    return misses;
  }

  @Override
  public String modelName() {
    return delegate.modelName();
  }

  @Override
  public int dimension() {
    return delegate.dimension();
  }

  @Override
  public float[] embed(String text) {
    return embedAll(List.of(text)).get(0);
  }

  @Override
  public synchronized List<float[]> embedAll(List<String> texts) {
    float[][] out = new float[texts.size()][];
    List<Integer> missIdx = new ArrayList<>();
    List<String> missText = new ArrayList<>();
    String[] keys = new String[texts.size()];
    for (int i = 0; i < texts.size(); i++) {
      keys[i] = sha256(texts.get(i));
      float[] v = vectors.get(keys[i]);
      if (v != null) {
        out[i] = v.clone();
      } else {
        missIdx.add(i);
        missText.add(texts.get(i));
      }
    }
    if (!missText.isEmpty()) {
      misses += missText.size();
      List<float[]> fresh = delegate.embedAll(missText);
      try (DataOutputStream o =
          new DataOutputStream(
              new BufferedOutputStream(
                  Files.newOutputStream(
                      file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)))) {
        for (int j = 0; j < fresh.size(); j++) {
          int i = missIdx.get(j);
          float[] v = fresh.get(j);
          vectors.put(keys[i], v.clone());
          out[i] = v.clone();
          o.write(HexFormat.of().parseHex(keys[i]));
          o.writeInt(v.length);
          for (float f : v) {
            o.writeFloat(f);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return List.of(out);
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
