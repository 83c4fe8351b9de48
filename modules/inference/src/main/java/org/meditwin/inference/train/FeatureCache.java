package org.meditwin.inference.train;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Encoder features of public training texts on disk while iterating on a head (never committed,
 * never used for patient data). One file per text hash.
 */
final class FeatureCache {
  private final Path dir;

  FeatureCache(Path dir) throws IOException {
    this.dir = Files.createDirectories(dir);
  }

  Optional<float[]> get(String hash) {
    Path p = dir.resolve(hash + ".f32");
    if (!Files.isRegularFile(p)) {
      return Optional.empty();
    }
    try (DataInputStream in = new DataInputStream(Files.newInputStream(p))) {
      int n = in.readInt();
      float[] v = new float[n];
      for (int i = 0; i < n; i++) {
        v[i] = in.readFloat();
      }
      return Optional.of(v);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  void put(String hash, float[] v) throws IOException {
    Path tmp = Files.createTempFile(dir, hash, ".part");
    try (DataOutputStream out =
        new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(tmp)))) {
      out.writeInt(v.length);
      for (float f : v) {
        out.writeFloat(f);
      }
    }
    Files.move(tmp, dir.resolve(hash + ".f32"), StandardCopyOption.REPLACE_EXISTING);
  }
}
