package org.meditwin.pacs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The shared public DICOM samples (../shared/data/dicom or $MEDITWIN_DATA_DIR/dicom). */
final class Samples {
  private Samples() {}

  static Path root() {
    Path data =
        Path.of(System.getenv().getOrDefault("MEDITWIN_DATA_DIR", "../../../shared/data"))
            .toAbsolutePath()
            .normalize();
    Path dicom = data.resolve("dicom");
    if (!Files.isDirectory(dicom)) {
      throw new IllegalStateException(
          "DICOM samples not found at "
              + dicom
              + ": set MEDITWIN_DATA_DIR to the shared data folder");
    }
    return dicom;
  }

  private static Path testFiles() {
    return root().resolve("pydicom-testfiles/src/pydicom/data/test_files");
  }

  /** CT, explicit VR little endian, 128×128. */
  static Path ct() {
    return testFiles().resolve("CT_small.dcm");
  }

  /** MR, explicit VR little endian, 64×64. */
  static Path mr() {
    return testFiles().resolve("MR_small.dcm");
  }

  /** US RGB, explicit VR big endian. */
  static Path usBigEndian() {
    return testFiles().resolve("ExplVR_BigEnd.dcm");
  }

  /** NM secondary capture, JPEG extended (lossy) — compressed pixel data passes through as is. */
  static Path jpeg() {
    return testFiles().resolve("JPEG-lossy.dcm");
  }

  /** An RGB secondary capture, RLE lossless; used only by the STOW-RS test. */
  static Path stowSample() {
    return testFiles().resolve("SC_rgb_rle.dcm");
  }

  /** One patient with CR and CT series (8 small instances). */
  static List<Path> crCtStudyFiles() {
    return files(testFiles().resolve("dicomdirtests/77654033"));
  }

  /** One series of many tiny instances (for progress and cancel). */
  static List<Path> tinySeries() {
    return files(testFiles().resolve("dicomdirtests/TINY_ALPHA/PT000000/ST000000/SE000000"));
  }

  private static List<Path> files(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().equals("DICOMDIR"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
