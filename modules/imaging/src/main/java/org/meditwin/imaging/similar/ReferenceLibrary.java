package org.meditwin.imaging.similar;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.meditwin.core.task.ProgressListener;
import org.meditwin.imaging.ai.ChestXrayDataset;
import org.meditwin.imaging.ai.ChestXrayModel;
import org.meditwin.imaging.render.PngWriter;
import org.meditwin.imaging.render.RenderedImage;
import org.meditwin.search.cases.CaseRecord;
import org.meditwin.search.cases.CaseSource;

/**
 * The reference case library: the 2,428 de-identified, labelled chest radiographs of the
 * PneumoniaMNIST <b>train</b> split (CC BY 4.0), shipped as a class-path resource and indexed with
 * the chest model's embeddings. Its version string combines the data's and the model weights'
 * checksums, so a retrained model or new data triggers a rebuild at the next use.
 */
public final class ReferenceLibrary {
  /** Shown next to reference cases and in the README. */
  public static final String CITATION = ChestXrayDataset.SOURCE;

  public static final String LICENCE = ChestXrayDataset.LICENCE;

  /** SHA-256 of the shipped {@code pneumoniamnist-trainval.npz}. */
  public static final String DATA_SHA256 =
      "5607b4ec65623196c169d21ce5b3d43f8620a1b9ab9074e7d236e754689ba187";

  static final String RESOURCE = "pneumoniamnist-trainval.npz";
  static final String ID_PREFIX = "ref:pneumoniamnist-train:";

  /** Thumbnails are the 28×28 images enlarged ×2 (56×56 PNG, a few hundred bytes). */
  static final int THUMBNAIL_SCALE = 2;

  private ReferenceLibrary() {}

  /** Images of one split of the shipped archive ({@code "train"} or {@code "val"}). */
  public static List<ChestXrayDataset.Sample> load(String split) {
    try (InputStream in = ReferenceLibrary.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the reference library data is missing from the build");
      }
      Path tmp = Files.createTempFile("meditwin-reference-", ".npz");
      try {
        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        return ChestXrayDataset.load(tmp, split);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the reference library data", e);
    }
  }

  /** Version recorded in the index: data checksum + model name, version and weight checksums. */
  public static String version(ChestXrayModel model) {
    StringBuilder weights = new StringBuilder();
    model.descriptor().files().forEach(f -> weights.append(f.sha256(), 0, 12));
    return "pneumoniamnist-train@"
        + DATA_SHA256.substring(0, 12)
        + "|"
        + model.descriptor().name()
        + "@"
        + model.descriptor().version()
        + ":"
        + weights
        + "|thumb"
        + THUMBNAIL_SCALE;
  }

  /**
   * Embeds the samples and builds their case records (id {@code ref:pneumoniamnist-train:<i>}, CR,
   * CHEST, the dataset label, a short impression citing the source, a PNG thumbnail). Empty when
   * cancelled.
   */
  public static Optional<List<CaseRecord>> cases(
      ChestXrayModel model,
      List<ChestXrayDataset.Sample> samples,
      ProgressListener progress,
      BooleanSupplier cancelled) {
    List<CaseRecord> out = new ArrayList<>(samples.size());
    int batch = 256;
    for (int from = 0; from < samples.size(); from += batch) {
      if (cancelled.getAsBoolean()) {
        return Optional.empty();
      }
      List<ChestXrayDataset.Sample> part =
          samples.subList(from, Math.min(samples.size(), from + batch));
      float[][] vectors =
          model.embedGrey(
              part.stream().map(ChestXrayDataset.Sample::pixels).toList(),
              ChestXrayDataset.SIZE,
              ChestXrayDataset.SIZE);
      for (int i = 0; i < part.size(); i++) {
        ChestXrayDataset.Sample s = part.get(i);
        out.add(
            new CaseRecord(
                ID_PREFIX + s.index(),
                CaseSource.REFERENCE_LIBRARY,
                Optional.empty(),
                "CR",
                "CHEST",
                s.labelName(),
                "Reference chest radiograph, dataset label: " + s.labelName() + ".",
                Optional.empty(),
                Optional.empty(),
                vectors[i],
                thumbnail(s.pixels(), ChestXrayDataset.SIZE, ChestXrayDataset.SIZE)));
      }
      progress.progress(from + part.size(), samples.size(), "Embedding reference images");
    }
    return Optional.of(List.copyOf(out));
  }

  /** A grey PNG of the image enlarged {@link #THUMBNAIL_SCALE}× (nearest neighbour). */
  static byte[] thumbnail(float[] grey, int width, int height) {
    int w = width * THUMBNAIL_SCALE;
    int h = height * THUMBNAIL_SCALE;
    int[] rgb = new int[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int g =
            Math.max(
                0,
                Math.min(
                    255, Math.round(grey[(y / THUMBNAIL_SCALE) * width + x / THUMBNAIL_SCALE])));
        rgb[y * w + x] = g << 16 | g << 8 | g;
      }
    }
    return png(new RenderedImage(w, h, false, rgb));
  }

  static byte[] png(RenderedImage image) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      PngWriter.write(image, out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
