package org.meditwin.nlp.train;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.List;
import org.meditwin.inference.embedding.BgeEncoder;
import org.meditwin.nlp.tagger.WordFeatures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Word features of public training sentences cached on disk (float16) so that heads can be
 * retrained without re-running the encoder. Only public corpora pass through here, never patient
 * text. A file is keyed by the encoder and the exact sentence list.
 */
final class FeatureStore {
  private static final Logger LOG = LoggerFactory.getLogger(FeatureStore.class);
  private final Path dir;
  private final BgeEncoder encoder;

  FeatureStore(Path dir, BgeEncoder encoder) throws IOException {
    this.dir = Files.createDirectories(dir);
    this.encoder = encoder;
  }

  /** Features per sentence and word; {@code null} rows for words cut by truncation. */
  float[][][] features(String label, List<LabeledSentence> sentences) throws IOException {
    StringBuilder key = new StringBuilder(encoder.variant().modelName()).append('|');
    for (LabeledSentence s : sentences) {
      key.append(String.join(" ", s.words())).append('\n');
    }
    String hash = HexFormat.of().formatHex(Corpora.sha256(key.toString()), 0, 8);
    Path file = dir.resolve(label + "-" + hash + ".f16");
    if (Files.isRegularFile(file)) {
      return read(file, sentences.size());
    }
    float[][][] out = new float[sentences.size()][][];
    long t0 = System.nanoTime();
    for (int i = 0; i < out.length; i++) {
      out[i] = WordFeatures.sentence(encoder, sentences.get(i).words());
      if ((i + 1) % 500 == 0) {
        double s = (System.nanoTime() - t0) / 1e9;
        LOG.info(
            "{}: encoded {}/{} sentences ({} /s)", label, i + 1, out.length, (int) ((i + 1) / s));
      }
    }
    write(file, out);
    return out;
  }

  private static void write(Path file, float[][][] f) throws IOException {
    Path tmp = Files.createTempFile(file.getParent(), "features", ".part");
    try (DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20))) {
      out.writeInt(f.length);
      for (float[][] s : f) {
        out.writeInt(s.length);
        for (float[] w : s) {
          out.writeBoolean(w != null);
          if (w != null) {
            out.writeInt(w.length);
            for (float v : w) {
              out.writeShort(Float.floatToFloat16(v));
            }
          }
        }
      }
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static float[][][] read(Path file, int expected) throws IOException {
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
      int n = in.readInt();
      if (n != expected) {
        throw new IOException("feature cache " + file + " does not match the corpus");
      }
      float[][][] out = new float[n][][];
      for (int i = 0; i < n; i++) {
        out[i] = new float[in.readInt()][];
        for (int w = 0; w < out[i].length; w++) {
          if (in.readBoolean()) {
            float[] v = new float[in.readInt()];
            for (int d = 0; d < v.length; d++) {
              v[d] = Float.float16ToFloat(in.readShort());
            }
            out[i][w] = v;
          }
        }
      }
      return out;
    }
  }
}
