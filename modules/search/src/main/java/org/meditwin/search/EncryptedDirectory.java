package org.meditwin.search;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.zip.CRC32;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.store.BufferedIndexInput;
import org.apache.lucene.store.DataAccessHint;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.IndexOutput;

/**
 * A Lucene {@link Directory} that encrypts every file it writes with AES-256-CTR (ADR 0061).
 *
 * <p>File layout: {@code "MTEI"} magic, format version, an 8-byte key check (HMAC of the key), a
 * random 16-byte IV, then the ciphertext, exactly as long as the plaintext. Counter mode keeps
 * random access cheap (seek, clone and slice decrypt only the bytes read). Integrity against
 * accidental damage comes from Lucene's own CRC32 footers, computed over the plaintext; CTR itself
 * does not authenticate. The lock file is the only file not written through this class (it is
 * empty).
 */
public final class EncryptedDirectory extends FilterDirectory {
  static final int MAGIC = 0x4D544549; // "MTEI"
  static final byte VERSION = 1;
  static final int HEADER_LENGTH = 4 + 1 + AesCtr.KEY_CHECK_LENGTH + AesCtr.IV_LENGTH;
  private static final int READ_BUFFER = 4096;
  private static final int RANDOM_READ_BUFFER = 1024;

  /**
   * Files opened for random access (HNSW graph and vectors, quantised vectors, the temporary vector
   * files of merges) are decrypted once into off-heap memory while this much is free of the
   * directory's budget: per-read CTR decryption of a 1-4 KiB buffer for every visited graph node
   * costs ~10x the search itself and made HNSW merges crawl (ADR 0068). Default: a quarter of the
   * machine's physical memory, at least 256 MiB. Plaintext never reaches the disk either way.
   */
  public static final long DEFAULT_IN_MEMORY_RANDOM_ACCESS_LIMIT = defaultBudget();

  private static long defaultBudget() {
    long floor = 256L << 20;
    try {
      if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
          instanceof com.sun.management.OperatingSystemMXBean os) {
        return Math.max(floor, os.getTotalMemorySize() / 4);
      }
    } catch (RuntimeException | LinkageError e) {
      // no management module: keep the floor
    }
    return floor;
  }

  private static final int WRITE_BUFFER = 16 * 1024;

  private final AesCtr aes;
  private final SecureRandom random = new SecureRandom();
  private final long inMemoryLimit;
  private final java.util.concurrent.atomic.AtomicLong inMemoryInUse =
      new java.util.concurrent.atomic.AtomicLong();

  /**
   * @param delegate directory holding the ciphertext files
   * @param key 32-byte AES key, e.g. {@code DataKey.derive("lucene-index", 32)}; copied
   */
  public EncryptedDirectory(Directory delegate, byte[] key) {
    this(delegate, key, DEFAULT_IN_MEMORY_RANDOM_ACCESS_LIMIT);
  }

  /**
   * @param inMemoryRandomAccessLimit budget of off-heap memory for random-access files decrypted on
   *     open, summed over the files open at the same time (0 disables; files that do not fit
   *     decrypt per read)
   */
  public EncryptedDirectory(Directory delegate, byte[] key, long inMemoryRandomAccessLimit) {
    super(delegate);
    this.aes = new AesCtr(key);
    this.inMemoryLimit = inMemoryRandomAccessLimit;
  }

  /** Opens (creating if needed) an encrypted directory on disk. */
  public static EncryptedDirectory open(Path path, byte[] key) throws IOException {
    return new EncryptedDirectory(FSDirectory.open(path), key);
  }

  @Override
  public long fileLength(String name) throws IOException {
    return Math.max(0, in.fileLength(name) - HEADER_LENGTH);
  }

  @Override
  public IndexOutput createOutput(String name, IOContext context) throws IOException {
    return new EncryptingOutput(in.createOutput(name, context));
  }

  @Override
  public IndexOutput createTempOutput(String prefix, String suffix, IOContext context)
      throws IOException {
    return new EncryptingOutput(in.createTempOutput(prefix, suffix, context));
  }

  @Override
  public IndexInput openInput(String name, IOContext context) throws IOException {
    IndexInput raw = in.openInput(name, context);
    boolean ok = false;
    try {
      if (raw.length() < HEADER_LENGTH) {
        throw new CorruptIndexException("encrypted file too short", raw);
      }
      if (raw.readInt() != MAGIC) {
        throw new CorruptIndexException("not an encrypted index file", raw);
      }
      byte version = raw.readByte();
      if (version != VERSION) {
        throw new CorruptIndexException("unsupported encryption version " + version, raw);
      }
      byte[] check = new byte[AesCtr.KEY_CHECK_LENGTH];
      raw.readBytes(check, 0, check.length);
      if (!aes.keyCheckMatches(check)) {
        throw new IndexKeyMismatchException(name);
      }
      byte[] iv = new byte[AesCtr.IV_LENGTH];
      raw.readBytes(iv, 0, iv.length);
      long length = raw.length() - HEADER_LENGTH;
      boolean random =
          context.hints(DataAccessHint.class).anyMatch(h -> h == DataAccessHint.RANDOM);
      if (random) {
        var region = DecryptedMemoryInput.Region.allocate(length, inMemoryLimit, inMemoryInUse);
        if (region.isPresent()) {
          IndexInput decrypted;
          try {
            decrypted = decryptToMemory(name, raw, iv, length, region.get());
          } catch (IOException | RuntimeException e) {
            region.get().close(length);
            throw e;
          }
          raw.close();
          ok = true;
          return decrypted;
        }
      }
      DecryptingInput input =
          new DecryptingInput(
              "Encrypted(" + raw + ")", raw, iv, length, random ? RANDOM_READ_BUFFER : READ_BUFFER);
      ok = true;
      return input;
    } finally {
      if (!ok) {
        raw.close();
      }
    }
  }

  private IndexInput decryptToMemory(
      String name, IndexInput raw, byte[] iv, long length, DecryptedMemoryInput.Region region)
      throws IOException {
    byte[] b = new byte[(int) Math.min(DecryptedMemoryInput.CHUNK, Math.max(1, length))];
    raw.seek(HEADER_LENGTH);
    var target = region.segment();
    for (long pos = 0; pos < length; pos += b.length) {
      int n = (int) Math.min(b.length, length - pos);
      raw.readBytes(b, 0, n);
      aes.apply(iv, pos, b, 0, n);
      java.lang.foreign.MemorySegment.copy(
          b, 0, target, java.lang.foreign.ValueLayout.JAVA_BYTE, pos, n);
    }
    java.util.Arrays.fill(b, (byte) 0);
    return DecryptedMemoryInput.of("EncryptedInMemory(" + name + ")", region, length);
  }

  /** Bytes of decrypted random-access files currently held in memory (tests, diagnostics). */
  long inMemoryBytes() {
    return inMemoryInUse.get();
  }

  @Override
  public String toString() {
    return "EncryptedDirectory(" + in + ")";
  }

  private final class EncryptingOutput extends IndexOutput {
    private final IndexOutput out;
    private final byte[] iv = new byte[AesCtr.IV_LENGTH];
    private final byte[] buffer = new byte[WRITE_BUFFER];
    private final CRC32 crc = new CRC32();
    private int buffered;
    private long flushed;
    private boolean closed;

    EncryptingOutput(IndexOutput out) throws IOException {
      super("Encrypted(" + out + ")", out.getName());
      this.out = out;
      random.nextBytes(iv);
      out.writeInt(MAGIC);
      out.writeByte(VERSION);
      byte[] check = aes.keyCheck();
      out.writeBytes(check, check.length);
      out.writeBytes(iv, iv.length);
    }

    @Override
    public void writeByte(byte b) throws IOException {
      if (buffered == buffer.length) {
        flushBuffer();
      }
      buffer[buffered++] = b;
      crc.update(b);
    }

    @Override
    public void writeBytes(byte[] b, int offset, int length) throws IOException {
      crc.update(b, offset, length);
      while (length > 0) {
        if (buffered == buffer.length) {
          flushBuffer();
        }
        int n = Math.min(length, buffer.length - buffered);
        System.arraycopy(b, offset, buffer, buffered, n);
        buffered += n;
        offset += n;
        length -= n;
      }
    }

    private void flushBuffer() throws IOException {
      if (buffered == 0) {
        return;
      }
      aes.apply(iv, flushed, buffer, 0, buffered);
      out.writeBytes(buffer, 0, buffered);
      flushed += buffered;
      buffered = 0;
    }

    @Override
    public long getFilePointer() {
      return flushed + buffered;
    }

    @Override
    public long getChecksum() {
      return crc.getValue();
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      try {
        flushBuffer();
      } finally {
        out.close();
      }
    }
  }

  private final class DecryptingInput extends BufferedIndexInput {
    private IndexInput raw;
    private final byte[] iv;
    private final long length;
    private boolean isClone;
    private byte[] scratch = new byte[0];

    DecryptingInput(String description, IndexInput raw, byte[] iv, long length, int bufferSize) {
      this(description, raw, iv, length, bufferSize, false);
    }

    private DecryptingInput(
        String description,
        IndexInput raw,
        byte[] iv,
        long length,
        int bufferSize,
        boolean isClone) {
      super(description, bufferSize);
      this.raw = raw;
      this.iv = iv;
      this.length = length;
      this.isClone = isClone;
    }

    @Override
    protected void readInternal(ByteBuffer b) throws IOException {
      long position = getFilePointer();
      int len = b.remaining();
      if (position + len > length) {
        throw new EOFException("read past EOF: " + this);
      }
      byte[] dst;
      int off;
      if (b.hasArray()) {
        dst = b.array();
        off = b.arrayOffset() + b.position();
      } else {
        if (scratch.length < len) {
          scratch = new byte[len];
        }
        dst = scratch;
        off = 0;
      }
      raw.seek(HEADER_LENGTH + position);
      raw.readBytes(dst, off, len);
      aes.apply(iv, position, dst, off, len);
      if (b.hasArray()) {
        b.position(b.position() + len);
      } else {
        b.put(dst, 0, len);
      }
    }

    @Override
    protected void seekInternal(long pos) throws IOException {
      if (pos > length) {
        throw new EOFException("seek past EOF: " + this);
      }
    }

    @Override
    public long length() {
      return length;
    }

    @Override
    public DecryptingInput clone() {
      DecryptingInput copy = (DecryptingInput) super.clone();
      copy.raw = raw.clone();
      copy.scratch = new byte[0];
      copy.isClone = true;
      return copy;
    }

    @Override
    public void close() throws IOException {
      if (!isClone) {
        raw.close();
      }
    }
  }
}
