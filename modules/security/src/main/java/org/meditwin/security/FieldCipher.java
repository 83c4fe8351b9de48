package org.meditwin.security;

import java.util.Objects;
import javax.crypto.AEADBadTagException;

/**
 * AES-256-GCM for individual values (database fields, small files). Output is {@code nonce(12) ||
 * ciphertext || tag(16)} with a fresh random nonce per call, so the same plaintext encrypts
 * differently each time. Bind each value to its context with {@code aad} (for example table, column
 * and row id) so ciphertexts cannot be moved between rows unnoticed. Thread-safe.
 */
public final class FieldCipher {
  private final byte[] key;

  /**
   * @param key 32 bytes (for example {@code dataKey.derive("field-v1", 32)}); copied
   */
  public FieldCipher(byte[] key) {
    Objects.requireNonNull(key, "key");
    if (key.length != 32) {
      throw new IllegalArgumentException("FieldCipher needs a 256-bit key");
    }
    this.key = key.clone();
  }

  /** Encrypts {@code plain}; {@code aad} is authenticated but not stored (may be empty). */
  public byte[] encrypt(byte[] plain, byte[] aad) {
    Objects.requireNonNull(plain, "plain");
    Objects.requireNonNull(aad, "aad");
    return Gcm.seal(key, plain, aad);
  }

  /**
   * Decrypts a value from {@link #encrypt}.
   *
   * @throws IntegrityException if the key or {@code aad} differ or the bytes were altered
   */
  public byte[] decrypt(byte[] sealed, byte[] aad) {
    Objects.requireNonNull(sealed, "sealed");
    Objects.requireNonNull(aad, "aad");
    try {
      return Gcm.open(key, sealed, aad);
    } catch (AEADBadTagException e) {
      throw new IntegrityException("Encrypted value failed its integrity check", e);
    }
  }
}
