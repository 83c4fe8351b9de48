package org.meditwin.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.imaging.render.RenderOptions;
import org.meditwin.imaging.render.Renderer;

/**
 * Mutated samples (bit flips, truncations, corrupted length fields) never escape as anything but a
 * {@link DicomReadException} and never exhaust memory. Fixed seeds: a failure is reproducible.
 */
class ParserFuzzTest {
  static final List<String> SEEDS =
      List.of(
          "pydicom-testfiles/src/pydicom/data/test_files/CT_small.dcm",
          "pydicom-testfiles/src/pydicom/data/test_files/MR_small_RLE.dcm",
          "pydicom-testfiles/src/pydicom/data/test_files/SC_rgb_jpeg_dcmtk.dcm",
          "pydicom-testfiles/src/pydicom/data/test_files/MR_small_bigendian.dcm",
          "pydicom-testfiles/src/pydicom/data/test_files/examples_overlay.dcm",
          "pydicom-testfiles/src/pydicom/data/test_files/image_dfl.dcm",
          "pydicom-testfiles/src/pydicom/data/test_files/rtplan.dcm");
  static final int MUTATIONS_PER_SEED = 60;

  private final DicomReader reader =
      DicomReader.standard(new ReadLimits(64L << 20, 256L << 20, 1000, 1L << 30));

  @TempDir Path tmp;

  @Test
  void mutatedFilesFailOnlyWithDicomReadException() throws Exception {
    Random random = new Random(20261122);
    int refused = 0;
    int accepted = 0;
    for (String seed : SEEDS) {
      byte[] original = Files.readAllBytes(Samples.named(seed));
      for (int m = 0; m < MUTATIONS_PER_SEED; m++) {
        byte[] mutated = mutate(original, random, m % 3);
        Path file = tmp.resolve("fuzz.dcm");
        Files.write(file, mutated);
        try {
          DicomObject o = reader.open(DicomSource.file(file));
          o.attributes();
          o.info()
              .image()
              .ifPresent(image -> Renderer.render(image, o.frame(0), 0, RenderOptions.defaults()));
          accepted++;
        } catch (DicomReadException e) {
          assertThat(e.getMessage()).isNotBlank();
          refused++;
        } catch (RuntimeException | Error e) {
          fail("seed " + seed + " mutation " + m + " escaped as " + e, e);
        }
      }
    }
    assertThat(refused).isPositive();
    assertThat(accepted + refused).isEqualTo(SEEDS.size() * MUTATIONS_PER_SEED);
  }

  static byte[] mutate(byte[] original, Random random, int kind) {
    byte[] b = original.clone();
    switch (kind) {
      case 0 -> {
        int flips = 1 + random.nextInt(8);
        for (int i = 0; i < flips; i++) {
          int at = random.nextInt(b.length);
          b[at] ^= (byte) (1 << random.nextInt(8));
        }
        return b;
      }
      case 1 -> {
        return java.util.Arrays.copyOf(b, random.nextInt(b.length));
      }
      default -> {
        // corrupt the length field after a VR code in the first 4 KiB (explicit VR)
        int limit = Math.min(b.length - 8, 4096);
        for (int tries = 0; tries < 200; tries++) {
          int at = 132 + random.nextInt(Math.max(1, limit - 132));
          if (Character.isUpperCase(b[at]) && Character.isUpperCase(b[at + 1])) {
            int value = random.nextBoolean() ? 0xFFFF : random.nextInt();
            b[at + 2] = (byte) value;
            b[at + 3] = (byte) (value >>> 8);
            if (at + 7 < b.length && random.nextBoolean()) {
              b[at + 4] = (byte) (value >>> 16);
              b[at + 5] = (byte) (value >>> 24);
            }
            return b;
          }
        }
        return b;
      }
    }
  }
}
