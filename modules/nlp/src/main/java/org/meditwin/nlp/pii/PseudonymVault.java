package org.meditwin.nlp.pii;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.meditwin.core.MediTwinException;
import org.meditwin.security.DataKey;
import org.meditwin.security.FieldCipher;
import org.meditwin.security.IntegrityException;

/**
 * Local, encrypted map from pseudonyms to the values they replace, so that text masked before it
 * leaves the workstation can be re-identified when an answer comes back.
 *
 * <p>Pseudonyms are {@code [TYPE-XXXXXXXX]}: 32 bits of HMAC-SHA256 (key {@code
 * DataKey.derive("pii-vault-pseudonym", 32)}) over the type and the whitespace/case-normalised
 * value, so the same person gets the same pseudonym in every note. The vault file is one
 * AES-256-GCM value ({@link FieldCipher} with {@code DataKey.derive("pii-vault", 32)}, bound to a
 * fixed AAD), written atomically; it never exists in clear on disk. Thread-safe.
 */
public final class PseudonymVault {
  private static final byte[] AAD = "meditwin-pii-vault-v1".getBytes(StandardCharsets.UTF_8);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern TOKEN = Pattern.compile("\\[([A-Z_]{3,30})-([0-9A-Fa-f]{8,12})\\]");

  private final Path file;
  private final FieldCipher cipher;
  private final byte[] macKey;
  private final Map<String, Entry> entries; // pseudonym → entry
  private final Map<String, String> byValue; // type|normalised value → pseudonym
  private boolean dirty;

  private record Entry(String type, String value) {}

  private PseudonymVault(Path file, FieldCipher cipher, byte[] macKey, Map<String, Entry> entries) {
    this.file = file;
    this.cipher = cipher;
    this.macKey = macKey;
    this.entries = entries;
    this.byValue = new LinkedHashMap<>();
    entries.forEach((p, e) -> byValue.put(key(e.type, e.value), p));
  }

  /**
   * Opens (or starts) the vault at {@code file} with the workstation's data key.
   *
   * @throws MediTwinException if the file exists but cannot be decrypted (other key, tampered)
   */
  public static PseudonymVault open(Path file, DataKey key) {
    FieldCipher cipher = new FieldCipher(key.derive("pii-vault", 32));
    byte[] macKey = key.derive("pii-vault-pseudonym", 32);
    Map<String, Entry> entries = new LinkedHashMap<>();
    if (Files.isRegularFile(file)) {
      try {
        byte[] plain = cipher.decrypt(Files.readAllBytes(file), AAD);
        Map<String, Map<String, String>> raw =
            JSON.readValue(plain, new TypeReference<Map<String, Map<String, String>>>() {});
        java.util.Arrays.fill(plain, (byte) 0);
        raw.forEach((p, m) -> entries.put(p, new Entry(m.get("type"), m.get("value"))));
      } catch (IntegrityException e) {
        throw new MediTwinException(
            "The pseudonym vault cannot be opened with this workstation's key (wrong key or"
                + " damaged file); it was left untouched.",
            e);
      } catch (IOException e) {
        throw new MediTwinException("The pseudonym vault cannot be read: " + e.getMessage(), e);
      }
    }
    return new PseudonymVault(file, cipher, macKey, entries);
  }

  /** The pseudonym of {@code value}, created (and remembered) on first use. */
  public synchronized String pseudonym(PiiType type, String value) {
    String k = key(type.name(), value);
    String existing = byValue.get(k);
    if (existing != null) {
      return existing;
    }
    byte[] mac = hmac(k);
    for (int len = 4; ; len++) {
      String p =
          "[" + type.name() + "-" + HexFormat.of().withUpperCase().formatHex(mac, 0, len) + "]";
      Entry e = entries.get(p);
      if (e == null) {
        entries.put(p, new Entry(type.name(), value));
        byValue.put(k, p);
        dirty = true;
        return p;
      }
      if (len >= 6) {
        throw new IllegalStateException("pseudonym space exhausted");
      }
    }
  }

  /** Number of remembered values. */
  public synchronized int size() {
    return entries.size();
  }

  /** Writes new entries (encrypted, atomically). */
  public synchronized void save() {
    if (!dirty) {
      return;
    }
    try {
      Map<String, Map<String, String>> raw = new LinkedHashMap<>();
      entries.forEach((p, e) -> raw.put(p, Map.of("type", e.type, "value", e.value)));
      byte[] plain = JSON.writeValueAsBytes(raw);
      byte[] sealed = cipher.encrypt(plain, AAD);
      java.util.Arrays.fill(plain, (byte) 0);
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".vault", ".part");
      try {
        Files.write(tmp, sealed);
        try {
          Files.move(
              tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
      dirty = false;
    } catch (IOException e) {
      throw new MediTwinException("The pseudonym vault could not be saved: " + e.getMessage(), e);
    }
  }

  /** Result of {@link #reidentify}. */
  public record Reidentified(String text, int restored, List<String> unknownPseudonyms) {}

  /**
   * Replaces every known pseudonym in {@code text} by its original value; pseudonyms this vault
   * never issued are left as they are and listed.
   */
  public synchronized Reidentified reidentify(String text) {
    Matcher m = TOKEN.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    List<String> unknown = new ArrayList<>();
    int restored = 0;
    int pos = 0;
    while (m.find()) {
      String p = "[" + m.group(1) + "-" + m.group(2).toUpperCase(Locale.ROOT) + "]";
      Entry e = entries.get(p);
      out.append(text, pos, m.start());
      if (e != null) {
        out.append(e.value);
        restored++;
      } else {
        out.append(m.group());
        unknown.add(m.group());
      }
      pos = m.end();
    }
    out.append(text, pos, text.length());
    return new Reidentified(out.toString(), restored, List.copyOf(unknown));
  }

  private static String key(String type, String value) {
    return type + "|" + value.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }

  private byte[] hmac(String k) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(macKey, "HmacSHA256"));
      return mac.doFinal(k.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  @Override
  public String toString() {
    return "PseudonymVault[" + size() + " entries]";
  }
}
