package org.meditwin.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The 256-bit random key that (through keys derived from it) encrypts all data of a workstation. It
 * never touches the disk in clear: {@link KeyRing} stores it wrapped once per user.
 *
 * <p>{@link #close()} zeroes the key; any later use throws {@link IllegalStateException}. Instances
 * are thread-safe until closed.
 */
public final class DataKey implements AutoCloseable {
  /** Key length in bytes. */
  public static final int LENGTH = 32;

  private static final SecureRandom RANDOM = new SecureRandom();
  private final byte[] key;
  private volatile boolean closed;

  private DataKey(byte[] key) {
    this.key = key;
  }

  /** A fresh key from {@link SecureRandom}. */
  public static DataKey generate() {
    byte[] k = new byte[LENGTH];
    RANDOM.nextBytes(k);
    return new DataKey(k);
  }

  /** Wraps a copy of {@code raw} (which must be 32 bytes); the caller may zero its array. */
  public static DataKey of(byte[] raw) {
    Objects.requireNonNull(raw, "raw");
    if (raw.length != LENGTH) {
      throw new IllegalArgumentException("a data key is " + LENGTH + " bytes");
    }
    return new DataKey(raw.clone());
  }

  /** A copy of the key bytes; zero it when done. */
  public byte[] raw() {
    check();
    return key.clone();
  }

  /**
   * A sub-key for one purpose: HKDF-SHA256 with an all-zero salt and {@code info = UTF-8(purpose)}.
   * Different purposes give independent keys.
   */
  public byte[] derive(String purpose, int length) {
    Objects.requireNonNull(purpose, "purpose");
    check();
    return Hkdf.derive(key, new byte[0], purpose.getBytes(StandardCharsets.UTF_8), length);
  }

  /** H2 file password: lower-case hex of {@code derive("h2-file", 32)}. */
  public char[] h2FilePassword() {
    return hexChars(derive("h2-file", 32));
  }

  /** H2 user password: lower-case hex of {@code derive("h2-user", 32)}. */
  public char[] h2UserPassword() {
    return hexChars(derive("h2-user", 32));
  }

  /** Constant-time comparison with another key. */
  public boolean sameKeyAs(DataKey other) {
    Objects.requireNonNull(other, "other");
    check();
    other.check();
    return MessageDigest.isEqual(key, other.key);
  }

  /** Zeroes the key. Idempotent. */
  @Override
  public void close() {
    closed = true;
    Arrays.fill(key, (byte) 0);
  }

  /** Never reveals key material. */
  @Override
  public String toString() {
    return closed ? "DataKey[closed]" : "DataKey[32 bytes]";
  }

  private void check() {
    if (closed) {
      throw new IllegalStateException("data key was closed");
    }
  }

  private static char[] hexChars(byte[] bytes) {
    char[] out = new char[bytes.length * 2];
    HexFormat hex = HexFormat.of();
    for (int i = 0; i < bytes.length; i++) {
      int b = bytes[i] & 0xff;
      out[2 * i] = hex.toLowHexDigit(b >>> 4);
      out[2 * i + 1] = hex.toLowHexDigit(b);
    }
    Arrays.fill(bytes, (byte) 0);
    return out;
  }
}
