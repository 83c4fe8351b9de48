package org.meditwin.security;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Stable, key-dependent pseudonyms for ids that appear in logs and audit metadata: {@code "u_" +}
 * the first 16 hex digits (64 bits) of HMAC-SHA256(key, UTF-8(id)). Without the key a pseudonym
 * cannot be linked back to its id. Thread-safe.
 */
public final class Pseudonymizer {
  private final byte[] key;

  /**
   * @param key at least 16 bytes (for example {@code dataKey.derive("pseudonym-v1", 32)}); copied
   */
  public Pseudonymizer(byte[] key) {
    Objects.requireNonNull(key, "key");
    if (key.length < 16) {
      throw new IllegalArgumentException("pseudonym key must be at least 128 bits");
    }
    this.key = key.clone();
  }

  public String pseudonym(String stableId) {
    Objects.requireNonNull(stableId, "stableId");
    byte[] mac = Hkdf.hmacSha256(key, stableId.getBytes(StandardCharsets.UTF_8));
    return "u_" + HexFormat.of().formatHex(mac, 0, 8);
  }
}
