package org.meditwin.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** fsync helpers. */
final class FileSync {
  private FileSync() {}

  /** Makes a rename in {@code dir} durable; silently skipped where directories cannot be opened. */
  static void directory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Windows cannot open directories; its rename is durable enough for our purpose.
    }
  }

  static void file(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
  }
}
