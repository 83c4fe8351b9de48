package org.meditwin.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.OptionalLong;
import java.util.zip.CRC32;

/**
 * The last committed transaction number, kept outside the database ({@code db/commit.marker}).
 *
 * <p>H2 opens a truncated or partially overwritten file silently at an older version. Every write
 * transaction increments a counter inside the database and, once the commit has returned, the
 * counter is written here and fsync'ed. On open, a database counter lower than the marker means the
 * file went back in time.
 *
 * <p>Format: two fixed 64-byte ASCII slots, each {@code meditwin-commit v2 <counter> <crc32-hex>}
 * padded with spaces and ending in a newline. Counter {@code n} is written over slot {@code n % 2}
 * in place, followed by {@code fdatasync}: one small write and one sync per commit (a rename-based
 * replacement needs two syncs and cost twice as much here). A write torn by a crash damages at most
 * the slot being written, whose CRC then fails; the other slot still holds {@code n - 1}, so a torn
 * write can never make the marker claim more than was committed. The reader takes the highest valid
 * slot.
 */
final class CommitMarker {

  static final int SLOT = 64;
  private static final String PREFIX = "meditwin-commit v2 ";

  private CommitMarker() {}

  /** Empty when the file does not exist. */
  static OptionalLong read(Path file) throws IOException, MalformedMarkerException {
    if (!Files.exists(file)) {
      return OptionalLong.empty();
    }
    byte[] bytes = Files.readAllBytes(file);
    if (bytes.length != 2 * SLOT) {
      throw new MalformedMarkerException();
    }
    OptionalLong a = parse(Arrays.copyOfRange(bytes, 0, SLOT));
    OptionalLong b = parse(Arrays.copyOfRange(bytes, SLOT, 2 * SLOT));
    if (a.isEmpty() && b.isEmpty()) {
      throw new MalformedMarkerException();
    }
    return OptionalLong.of(Math.max(a.orElse(-1), b.orElse(-1)));
  }

  private static OptionalLong parse(byte[] slot) {
    String text = new String(slot, StandardCharsets.US_ASCII).strip();
    if (!text.startsWith(PREFIX)) {
      return OptionalLong.empty();
    }
    String[] parts = text.substring(PREFIX.length()).split(" ");
    if (parts.length != 2 || !crc(parts[0]).equals(parts[1])) {
      return OptionalLong.empty();
    }
    try {
      long value = Long.parseLong(parts[0]);
      return value < 0 ? OptionalLong.empty() : OptionalLong.of(value);
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /** One slot holding {@code counter}. */
  static byte[] slot(long counter) {
    String value = Long.toString(counter);
    byte[] slot = new byte[SLOT];
    Arrays.fill(slot, (byte) ' ');
    byte[] text = (PREFIX + value + " " + crc(value)).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(text, 0, slot, 0, text.length);
    slot[SLOT - 1] = '\n';
    return slot;
  }

  /** A complete marker file whose both slots hold {@code counter} (creation, backups). */
  static byte[] format(long counter) {
    byte[] s = slot(counter);
    byte[] both = new byte[2 * SLOT];
    System.arraycopy(s, 0, both, 0, SLOT);
    System.arraycopy(s, 0, both, SLOT, SLOT);
    return both;
  }

  /** Records {@code counter} durably (see the class comment). */
  static void write(Path file, long counter) throws IOException {
    boolean complete = Files.exists(file) && Files.size(file) == 2 * SLOT;
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      if (complete) {
        writeFully(ch, ByteBuffer.wrap(slot(counter)), (counter % 2) * SLOT);
        ch.force(false);
        return;
      }
      ch.truncate(0);
      writeFully(ch, ByteBuffer.wrap(format(counter)), 0);
      ch.force(true);
    }
    FileSync.directory(file.getParent());
  }

  private static void writeFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
    long pos = position;
    while (buf.hasRemaining()) {
      pos += ch.write(buf, pos);
    }
  }

  private static String crc(String value) {
    CRC32 crc = new CRC32();
    crc.update(value.getBytes(StandardCharsets.US_ASCII));
    return Long.toHexString(crc.getValue());
  }

  /** The marker file exists but holds no valid slot. */
  static final class MalformedMarkerException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedMarkerException() {
      super("commit marker malformed");
    }
  }
}
