package org.meditwin.search;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256 in counter mode with random access: the key stream for any byte position is computed
 * directly (counter = IV + position / 16), so encrypted files can be read at any offset. The key
 * stream is produced with AES/ECB over counter blocks, which lets the JDK's AES-NI intrinsics work
 * on whole buffers at once.
 */
final class AesCtr {
  static final int IV_LENGTH = 16;
  static final int KEY_CHECK_LENGTH = 8;
  private static final int SCRATCH_BLOCKS = 512; // 8 KiB of key stream per cipher call

  private final SecretKeySpec key;
  private final byte[] keyCheck;
  private final ThreadLocal<State> state;

  AesCtr(byte[] rawKey) {
    if (rawKey == null || rawKey.length != 32) {
      throw new IllegalArgumentException("index key must be 32 bytes (AES-256)");
    }
    this.key = new SecretKeySpec(rawKey.clone(), "AES");
    this.keyCheck = computeKeyCheck(rawKey);
    this.state = ThreadLocal.withInitial(this::newState);
  }

  /** First bytes of HMAC-SHA256(key, label): tells a wrong key apart from a damaged file. */
  private static byte[] computeKeyCheck(byte[] rawKey) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(rawKey, "HmacSHA256"));
      byte[] full =
          mac.doFinal(
              "meditwin-lucene-key-check-v1".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      return Arrays.copyOf(full, KEY_CHECK_LENGTH);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  byte[] keyCheck() {
    return keyCheck.clone();
  }

  boolean keyCheckMatches(byte[] candidate) {
    return MessageDigest.isEqual(keyCheck, candidate);
  }

  private State newState() {
    try {
      Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
      ecb.init(Cipher.ENCRYPT_MODE, key);
      return new State(ecb);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES unavailable", e);
    }
  }

  /**
   * XORs {@code len} bytes of {@code buf} at {@code off} with the key stream for file position
   * {@code position} (encrypts and decrypts alike).
   */
  void apply(byte[] iv, long position, byte[] buf, int off, int len) {
    State s = state.get();
    long ivHi = readLong(iv, 0);
    long ivLo = readLong(iv, 8);
    int done = 0;
    while (done < len) {
      long pos = position + done;
      long block = pos >>> 4;
      int skip = (int) (pos & 15);
      int want = Math.min(len - done, SCRATCH_BLOCKS * 16 - skip);
      int blocks = (skip + want + 15) >>> 4;
      for (int i = 0; i < blocks; i++) {
        long lo = ivLo + block + i;
        long hi = ivHi + (Long.compareUnsigned(lo, ivLo) < 0 ? 1 : 0);
        writeLong(s.counters, i * 16, hi);
        writeLong(s.counters, i * 16 + 8, lo);
      }
      try {
        s.ecb.update(s.counters, 0, blocks * 16, s.stream, 0);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("AES key stream failed", e);
      }
      for (int i = 0; i < want; i++) {
        buf[off + done + i] ^= s.stream[skip + i];
      }
      done += want;
    }
  }

  private static long readLong(byte[] b, int o) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[o + i] & 0xFF);
    }
    return v;
  }

  private static void writeLong(byte[] b, int o, long v) {
    for (int i = 7; i >= 0; i--) {
      b[o + i] = (byte) v;
      v >>>= 8;
    }
  }

  private static final class State {
    final Cipher ecb;
    final byte[] counters = new byte[SCRATCH_BLOCKS * 16];
    final byte[] stream = new byte[SCRATCH_BLOCKS * 16];

    State(Cipher ecb) {
      this.ecb = ecb;
    }
  }
}
