package org.meditwin.imaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The public DICOM sample set (../shared/data/dicom or $MEDITWIN_DATA_DIR/dicom). */
public final class Samples {
  private Samples() {}

  public static Path root() {
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

  /** Every candidate DICOM file (index, licence and Python files excluded), sorted. */
  public static List<Path> all() {
    try (Stream<Path> files = Files.walk(root())) {
      return files
          .filter(Files::isRegularFile)
          .filter(
              p -> {
                String n = p.getFileName().toString();
                return !n.endsWith(".tsv")
                    && !n.endsWith(".py")
                    && !n.endsWith(".json")
                    && !n.endsWith(".gz")
                    && !n.equals("LICENSE")
                    && !n.endsWith(".txt")
                    && !n.endsWith(".md");
              })
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Path named(String relative) {
    return root().resolve(relative);
  }

  public static String relative(Path p) {
    return root().relativize(p).toString();
  }
}
