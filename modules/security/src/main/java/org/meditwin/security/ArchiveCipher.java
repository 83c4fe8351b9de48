package org.meditwin.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Streaming, password-based encryption for backup archives.
 *
 * <p>Format (all integers big-endian):
 *
 * <pre>
 * header : "MTWBAK1" | version(1) = 1 | saltLen(1) = 16 | salt | memoryKiB(4) | iterations(4)
 *          | parallelism(4) | chunkSize(4) = 65536 | keyCheck(16)
 * chunks : AES-256-GCM(plaintext chunk) | tag(16), one after another
 * </pre>
 *
 * {@code master = Argon2id(password, salt, params)}; {@code key = HKDF(master, "archive-key")};
 * {@code keyCheck = HKDF(master, "archive-check")}, which tells a wrong password apart from a
 * damaged archive before any chunk is read. Chunk {@code i} uses nonce {@code 0x00000000 || i(8)}
 * (the key is unique per archive because the salt is) and AAD {@code header || i(8) || final(1)}.
 * Every chunk but the last holds exactly 64 KiB; the last holds 0..64 KiB and is the only one
 * marked final, so truncation (even on a chunk boundary), reordering, dropped or appended chunks
 * and any flipped byte fail authentication.
 *
 * <p>The decrypting stream releases a chunk only after it authenticated; a failure throws {@link
 * CorruptArchiveException} (unchecked) from {@code read}.
 */
public final class ArchiveCipher {
  static final byte[] MAGIC = "MTWBAK1".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 1;
  static final int CHUNK = 64 * 1024;
  private static final int SALT_BYTES = 16;
  private static final int CHECK_BYTES = 16;
  static final int HEADER_BYTES = MAGIC.length + 1 + 1 + SALT_BYTES + 4 * 4 + CHECK_BYTES;
  private static final SecureRandom RANDOM = new SecureRandom();

  private ArchiveCipher() {}

  /**
   * Returns a stream that encrypts everything written to it into {@code out}. The header is written
   * immediately; {@code close()} writes the final chunk and closes {@code out}. Without {@code
   * close()} the archive is incomplete and will not decrypt.
   *
   * @throws UncheckedIOException if the header cannot be written
   */
  public static OutputStream encrypting(OutputStream out, char[] password, KdfParams p) {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(p, "p");
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    Keys keys = Keys.derive(password, salt, p);
    byte[] header = header(salt, p, keys.check);
    try {
      out.write(header);
    } catch (IOException e) {
      keys.destroy();
      throw new UncheckedIOException("Cannot write the archive header", e);
    }
    return new Encrypting(out, keys.key, header);
  }

  /**
   * Reads and checks the header (running Argon2id once) and returns a stream of the plaintext.
   *
   * @throws WrongPasswordException if {@code password} is not the archive's password
   * @throws CorruptArchiveException if {@code in} is not a MediTwin archive or its header is
   *     damaged; later, from {@code read}, if any chunk fails authentication or the archive ends
   *     early
   * @throws UncheckedIOException if {@code in} fails
   */
  public static InputStream decrypting(InputStream in, char[] password) {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(password, "password");
    byte[] header = new byte[HEADER_BYTES];
    try {
      int n = in.readNBytes(header, 0, HEADER_BYTES);
      if (n < MAGIC.length || !Arrays.equals(header, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
        throw new CorruptArchiveException("This file is not a MediTwin backup archive");
      }
      if (n < HEADER_BYTES) {
        throw new CorruptArchiveException("The backup archive is truncated (incomplete header)");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the backup archive", e);
    }
    ByteBuffer h = ByteBuffer.wrap(header, MAGIC.length, HEADER_BYTES - MAGIC.length);
    int version = h.get() & 0xff;
    if (version != VERSION) {
      throw new CorruptArchiveException(
          "The backup archive has format version " + version + ", which this version cannot read");
    }
    int saltLen = h.get() & 0xff;
    if (saltLen != SALT_BYTES) {
      throw new CorruptArchiveException("The backup archive header is damaged");
    }
    byte[] salt = new byte[SALT_BYTES];
    h.get(salt);
    KdfParams params;
    try {
      params = new KdfParams(h.getInt(), h.getInt(), h.getInt());
    } catch (IllegalArgumentException e) {
      throw new CorruptArchiveException("The backup archive header is damaged", e);
    }
    if (h.getInt() != CHUNK) {
      throw new CorruptArchiveException("The backup archive header is damaged");
    }
    byte[] check = new byte[CHECK_BYTES];
    h.get(check);
    Keys keys = Keys.derive(password, salt, params);
    if (!MessageDigest.isEqual(check, keys.check)) {
      keys.destroy();
      throw new WrongPasswordException("The archive password is wrong");
    }
    return new Decrypting(in, keys.key, header);
  }

  private static byte[] header(byte[] salt, KdfParams p, byte[] check) {
    ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES);
    b.put(MAGIC).put((byte) VERSION).put((byte) SALT_BYTES).put(salt);
    b.putInt(p.memoryKiB()).putInt(p.iterations()).putInt(p.parallelism()).putInt(CHUNK);
    b.put(check);
    return b.array();
  }

  private record Keys(byte[] key, byte[] check) {
    static Keys derive(char[] password, byte[] salt, KdfParams p) {
      byte[] master = Argon2.derive(password, salt, p, 32);
      byte[] none = new byte[0];
      Keys k =
          new Keys(
              Hkdf.derive(master, none, bytes("archive-key"), 32),
              Hkdf.derive(master, none, bytes("archive-check"), CHECK_BYTES));
      Arrays.fill(master, (byte) 0);
      return k;
    }

    void destroy() {
      Arrays.fill(key, (byte) 0);
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** A per-chunk AES-GCM operation with the chunk index and final flag bound in. */
  private static final class ChunkCrypter {
    private final SecretKeySpec key;
    private final byte[] header;
    private final Cipher cipher;
    private long index;

    ChunkCrypter(byte[] key, byte[] header) {
      this.key = new SecretKeySpec(key, "AES");
      Arrays.fill(key, (byte) 0);
      this.header = header;
      try {
        this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("AES-GCM unavailable", e);
      }
    }

    int crypt(int mode, byte[] in, int len, byte[] out, boolean last) throws AEADBadTagException {
      if (index < 0) {
        throw new IllegalStateException("archive too large");
      }
      byte[] nonce = new byte[Gcm.NONCE_BYTES];
      ByteBuffer.wrap(nonce).putInt(0).putLong(index);
      byte[] aad =
          ByteBuffer.allocate(header.length + 9)
              .put(header)
              .putLong(index)
              .put((byte) (last ? 1 : 0))
              .array();
      try {
        cipher.init(mode, key, new GCMParameterSpec(Gcm.TAG_BITS, nonce));
        cipher.updateAAD(aad);
        int n = cipher.doFinal(in, 0, len, out, 0);
        index++;
        return n;
      } catch (AEADBadTagException e) {
        throw e;
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("AES-GCM failed", e);
      }
    }
  }

  private static final class Encrypting extends OutputStream {
    private final OutputStream out;
    private final ChunkCrypter crypter;
    private final byte[] buf = new byte[CHUNK];
    private final byte[] sealed = new byte[CHUNK + Gcm.TAG_BYTES];
    private int len;
    private boolean closed;

    Encrypting(OutputStream out, byte[] key, byte[] header) {
      this.out = out;
      this.crypter = new ChunkCrypter(key, header);
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int n) throws IOException {
      Objects.checkFromIndexSize(off, n, b.length);
      ensureOpen();
      while (n > 0) {
        if (len == CHUNK) {
          // More data follows, so the full buffer is not the last chunk.
          emit(false);
        }
        int take = Math.min(n, CHUNK - len);
        System.arraycopy(b, off, buf, len, take);
        len += take;
        off += take;
        n -= take;
      }
    }

    @Override
    public void flush() throws IOException {
      ensureOpen();
      out.flush();
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      try (out) {
        emit(true);
        out.flush();
      } finally {
        Arrays.fill(buf, (byte) 0);
      }
    }

    private void emit(boolean last) throws IOException {
      int n;
      try {
        n = crypter.crypt(Cipher.ENCRYPT_MODE, buf, len, sealed, last);
      } catch (AEADBadTagException e) {
        throw new IllegalStateException("encryption cannot fail authentication", e);
      }
      out.write(sealed, 0, n);
      len = 0;
    }

    private void ensureOpen() throws IOException {
      if (closed) {
        throw new IOException("archive stream closed");
      }
    }
  }

  private static final class Decrypting extends InputStream {
    private final InputStream in;
    private final ChunkCrypter crypter;
    private final byte[] sealed = new byte[CHUNK + Gcm.TAG_BYTES];
    private final byte[] plain = new byte[CHUNK];
    private int pos;
    private int limit;
    private boolean sawFinal;
    private CorruptArchiveException failure;
    private int lookahead = -2; // -2: none buffered; -1: EOF; else a byte of the next chunk

    Decrypting(InputStream in, byte[] key, byte[] header) {
      this.in = in;
      this.crypter = new ChunkCrypter(key, header);
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int n) throws IOException {
      Objects.checkFromIndexSize(off, n, b.length);
      if (n == 0) {
        return 0;
      }
      while (pos == limit) {
        if (sawFinal) {
          return -1;
        }
        nextChunk();
      }
      int take = Math.min(n, limit - pos);
      System.arraycopy(plain, pos, b, off, take);
      pos += take;
      return take;
    }

    @Override
    public int available() {
      return limit - pos;
    }

    @Override
    public void close() throws IOException {
      Arrays.fill(plain, (byte) 0);
      in.close();
    }

    private void nextChunk() throws IOException {
      if (failure != null) {
        // A damaged archive stays damaged: no resynchronising past a bad chunk.
        throw new CorruptArchiveException(failure.getMessage(), failure);
      }
      int n = 0;
      if (lookahead >= 0) {
        sealed[n++] = (byte) lookahead;
      }
      if (lookahead != -1) {
        n += in.readNBytes(sealed, n, sealed.length - n);
      }
      boolean last;
      if (n < sealed.length) {
        last = true;
        lookahead = -1;
      } else {
        lookahead = in.read();
        last = lookahead < 0;
      }
      if (n < Gcm.TAG_BYTES) {
        failure = new CorruptArchiveException("The backup archive is truncated");
        throw failure;
      }
      try {
        limit = crypter.crypt(Cipher.DECRYPT_MODE, sealed, n, plain, last);
      } catch (AEADBadTagException e) {
        failure =
            new CorruptArchiveException(
                "The backup archive is damaged or truncated (chunk " + crypter.index + ")", e);
        throw failure;
      }
      pos = 0;
      sawFinal = last;
    }
  }
}
