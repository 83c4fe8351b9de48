package org.meditwin.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;
import java.util.zip.CRC32;

/**
 * The last committed transaction number, kept outside the database ({@code db/commit.marker}).
 *
 * <p>H2 opens a truncated or partially overwritten file silently at an older version. Every write
 * transaction increments a counter inside the database and, once the commit has returned, this file
 * is replaced atomically (temp file, fsync, rename, directory fsync). On open, a database counter
 * lower than the marker means the file went back in time.
 *
 * <p>Format (one line, ASCII): {@code meditwin-commit v1 <counter> <crc32-hex>}.
 */
final class CommitMarker {

  private static final String PREFIX = "meditwin-commit v1 ";

  private CommitMarker() {}

  /** Empty when the file does not exist. */
  static OptionalLong read(Path file) throws IOException, MalformedMarkerException {
    if (!Files.exists(file)) {
      return OptionalLong.empty();
    }
    String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
    if (!text.startsWith(PREFIX)) {
      throw new MalformedMarkerException();
    }
    String[] parts = text.substring(PREFIX.length()).split(" ");
    if (parts.length != 2) {
      throw new MalformedMarkerException();
    }
    try {
      long value = Long.parseLong(parts[0]);
      if (!crc(parts[0]).equals(parts[1]) || value < 0) {
        throw new MalformedMarkerException();
      }
      return OptionalLong.of(value);
    } catch (NumberFormatException e) {
      throw new MalformedMarkerException();
    }
  }

  static byte[] format(long counter) {
    String value = Long.toString(counter);
    return (PREFIX + value + " " + crc(value) + "\n").getBytes(StandardCharsets.US_ASCII);
  }

  static void write(Path file, long counter) throws IOException {
    byte[] bytes = format(counter);
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
    FileSync.directory(file.getParent());
  }

  private static String crc(String value) {
    CRC32 crc = new CRC32();
    crc.update(value.getBytes(StandardCharsets.US_ASCII));
    return Long.toHexString(crc.getValue());
  }

  /** The marker file exists but is not one we wrote. */
  static final class MalformedMarkerException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedMarkerException() {
      super("commit marker malformed");
    }
  }
}
