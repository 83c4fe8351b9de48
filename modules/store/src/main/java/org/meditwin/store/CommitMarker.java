package org.meditwin.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The last committed transaction number and the audit chain's head, kept outside the database
 * ({@code db/commit.marker}).
 *
 * <p>H2 opens a truncated or partially overwritten file silently at an older version. Every write
 * transaction increments a counter inside the database and, once the commit has returned, the
 * counter is written here and fsync'ed. On open, a database counter lower than the marker means the
 * file went back in time. The audit head ({@code seq} and the first 16 hex digits of its hash)
 * reveals newest audit entries deleted or rewritten through SQL, which the hash chain alone cannot.
 *
 * <p>Format: two fixed 128-byte ASCII slots, each {@code meditwin-commit v3 <counter> <auditSeq>
 * <auditHash16> <crc32-hex>} padded with spaces and ending in a newline. Counter {@code n} is
 * written over slot {@code n % 2} in place, followed by {@code fdatasync}: one small write and one
 * sync per commit (a rename-based replacement needs two syncs and cost twice as much here). A write
 * torn by a crash damages at most the slot being written, whose CRC then fails; the other slot
 * still holds {@code n - 1}, so a torn write can never make the marker claim more than was
 * committed. The reader takes the highest valid slot. Older single-line (v1) and 64-byte-slot (v2)
 * markers without an audit head are still read.
 */
final class CommitMarker {

  static final int SLOT = 128;
  private static final int V2_SLOT = 64;
  private static final String PREFIX = "meditwin-commit v3 ";
  private static final String V2_PREFIX = "meditwin-commit v2 ";
  private static final String V1_PREFIX = "meditwin-commit v1 ";

  /** Head of the audit chain: last seq and the first 16 hex digits of its hash. */
  record AuditHead(long seq, String hashPrefix) {
    static final AuditHead NONE = new AuditHead(0, "0000000000000000");

    static AuditHead of(long seq, String hash) {
      return new AuditHead(seq, hash.substring(0, 16));
    }

    boolean matches(String hash) {
      return hash != null && hash.startsWith(hashPrefix);
    }
  }

  /**
   * @param auditHead empty for markers written before the head was recorded
   */
  record Marker(long counter, Optional<AuditHead> auditHead) {}

  private CommitMarker() {}

  /** Empty when the file does not exist. */
  static Optional<Marker> read(Path file) throws IOException, MalformedMarkerException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    byte[] bytes = Files.readAllBytes(file);
    Optional<Marker> a;
    Optional<Marker> b;
    if (bytes.length == 2 * SLOT) {
      a = parse(Arrays.copyOfRange(bytes, 0, SLOT));
      b = parse(Arrays.copyOfRange(bytes, SLOT, 2 * SLOT));
    } else if (bytes.length == 2 * V2_SLOT) {
      a = parseCounterOnly(Arrays.copyOfRange(bytes, 0, V2_SLOT), V2_PREFIX);
      b = parseCounterOnly(Arrays.copyOfRange(bytes, V2_SLOT, 2 * V2_SLOT), V2_PREFIX);
    } else {
      a = parseCounterOnly(bytes, V1_PREFIX);
      b = Optional.empty();
    }
    if (a.isEmpty() && b.isEmpty()) {
      throw new MalformedMarkerException();
    }
    if (a.isEmpty()) {
      return b;
    }
    if (b.isEmpty()) {
      return a;
    }
    return Optional.of(a.get().counter() >= b.get().counter() ? a.get() : b.get());
  }

  private static Optional<Marker> parse(byte[] slot) {
    String text = new String(slot, StandardCharsets.US_ASCII).strip();
    if (!text.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String body = text.substring(PREFIX.length());
    int lastSpace = body.lastIndexOf(' ');
    if (lastSpace < 0 || !crc(body.substring(0, lastSpace)).equals(body.substring(lastSpace + 1))) {
      return Optional.empty();
    }
    String[] parts = body.substring(0, lastSpace).split(" ");
    if (parts.length != 3 || parts[2].length() != 16) {
      return Optional.empty();
    }
    try {
      long counter = Long.parseLong(parts[0]);
      long seq = Long.parseLong(parts[1]);
      if (counter < 0 || seq < 0) {
        return Optional.empty();
      }
      return Optional.of(new Marker(counter, Optional.of(new AuditHead(seq, parts[2]))));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<Marker> parseCounterOnly(byte[] data, String prefix) {
    String text = new String(data, StandardCharsets.US_ASCII).strip();
    if (!text.startsWith(prefix)) {
      return Optional.empty();
    }
    String[] parts = text.substring(prefix.length()).split(" ");
    if (parts.length != 2 || !crc(parts[0]).equals(parts[1])) {
      return Optional.empty();
    }
    try {
      long value = Long.parseLong(parts[0]);
      return value < 0 ? Optional.empty() : Optional.of(new Marker(value, Optional.empty()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** One slot. */
  static byte[] slot(long counter, AuditHead head) {
    String body = counter + " " + head.seq() + " " + head.hashPrefix();
    byte[] slot = new byte[SLOT];
    Arrays.fill(slot, (byte) ' ');
    byte[] text = (PREFIX + body + " " + crc(body)).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(text, 0, slot, 0, text.length);
    slot[SLOT - 1] = '\n';
    return slot;
  }

  /** A complete marker file whose both slots hold the same state (creation, backups). */
  static byte[] format(long counter, AuditHead head) {
    byte[] s = slot(counter, head);
    byte[] both = new byte[2 * SLOT];
    System.arraycopy(s, 0, both, 0, SLOT);
    System.arraycopy(s, 0, both, SLOT, SLOT);
    return both;
  }

  /** Records the state durably (see the class comment). */
  static void write(Path file, long counter, AuditHead head) throws IOException {
    boolean complete = Files.exists(file) && Files.size(file) == 2 * SLOT;
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      if (complete) {
        writeFully(ch, ByteBuffer.wrap(slot(counter, head)), (counter % 2) * SLOT);
        ch.force(false);
        return;
      }
      ch.truncate(0);
      writeFully(ch, ByteBuffer.wrap(format(counter, head)), 0);
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
