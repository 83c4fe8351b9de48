package org.meditwin.security;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.crypto.AEADBadTagException;
import org.meditwin.core.domain.UserId;
import org.meditwin.core.service.AuthenticationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-user wrapped copies of the workstation's {@link DataKey}, kept in {@code keyring.json}.
 *
 * <p>For each user: {@code KEK = Argon2id(password, salt, params)} and {@code wrappedKey =
 * AES-256-GCM(KEK, dataKey, aad = "meditwin-keyring-v1" | userId | username)}. The file holds
 * usernames (staff ids), user ids, salts, Argon2 parameters, wrapped keys, failed-attempt counters
 * and a short key check ({@code HKDF(dataKey, "keyring-check-v1")}) — never a plaintext key and
 * never PHI. Every change is written atomically (temp file, fsync, rename).
 *
 * <p>Unlocking an unknown username runs the same Argon2id and AES-GCM work as a wrong password,
 * counts towards a lock-out in the same way (tracked under a salted hash of the name) and fails
 * with the same message, so neither timing nor messages nor lock-outs reveal which usernames exist.
 *
 * <p>Usernames are normalised: stripped, Unicode NFC, lower-case. Methods are thread-safe (one lock
 * per ring; Argon2 runs under it, so unlock attempts are serialised).
 */
public final class KeyRing {
  private static final Logger LOG = LoggerFactory.getLogger(KeyRing.class);
  private static final String FORMAT = "meditwin-keyring";
  private static final int FILE_VERSION = 1;
  private static final long MAX_FILE_BYTES = 4L * 1024 * 1024;
  private static final int MAX_TRACKED_UNKNOWN = 256;
  private static final byte[] AAD_DOMAIN =
      "meditwin-keyring-v1".getBytes(StandardCharsets.US_ASCII);
  private static final String CHECK_PURPOSE = "keyring-check-v1";
  static final String WRONG_CREDENTIALS_MESSAGE = "Wrong username or password.";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private final Path file;
  private final KdfParams kdf;
  private final Clock clock;
  private final LockoutPolicy policy;
  private final Map<String, Entry> users = new LinkedHashMap<>();
  private final Map<String, Attempts> unknown = new LinkedHashMap<>();
  private final byte[] probeSalt;
  private Optional<String> keyCheck;
  private Optional<byte[]> sealingPublicKey;
  // Decoy used for unknown usernames so they cost the same work as a wrong password.
  private final byte[] decoySalt = random(Argon2.SALT_BYTES);
  private final byte[] decoyWrapped = random(Gcm.NONCE_BYTES + DataKey.LENGTH + Gcm.TAG_BYTES);

  private KeyRing(
      Path file,
      KdfParams kdf,
      Clock clock,
      LockoutPolicy policy,
      byte[] probeSalt,
      Optional<String> keyCheck,
      Optional<byte[]> sealingPublicKey) {
    this.file = file;
    this.kdf = kdf;
    this.clock = clock;
    this.policy = policy;
    this.probeSalt = probeSalt;
    this.keyCheck = keyCheck;
    this.sealingPublicKey = sealingPublicKey;
  }

  /** Failed-attempt state of one user (or of one unknown username). */
  private record Attempts(int failures, Optional<Instant> lockedUntil) {
    static final Attempts NONE = new Attempts(0, Optional.empty());
  }

  private record Entry(
      String username,
      UserId userId,
      KdfParams kdf,
      byte[] salt,
      byte[] wrapped,
      Attempts attempts) {
    Entry withAttempts(Attempts a) {
      return new Entry(username, userId, kdf, salt, wrapped, a);
    }
  }

  // ---------------------------------------------------------------- lifecycle

  /**
   * Creates a new, empty key ring file.
   *
   * @param kdf Argon2id parameters for new wraps and for the decoy work on unknown usernames
   * @throws KeyRingException ALREADY_EXISTS if {@code file} exists, IO_ERROR if it cannot be
   *     written
   */
  public static KeyRing create(Path file, KdfParams kdf, Clock clock, LockoutPolicy policy) {
    requireArgs(file, kdf, clock, policy);
    if (Files.exists(file)) {
      throw new KeyRingException(
          KeyRingException.Kind.ALREADY_EXISTS, "A key ring already exists in this data directory");
    }
    KeyRing ring =
        new KeyRing(file, kdf, clock, policy, random(16), Optional.empty(), Optional.empty());
    synchronized (ring) {
      ring.save();
    }
    return ring;
  }

  /**
   * Reads an existing key ring.
   *
   * @throws KeyRingException NOT_FOUND, IO_ERROR, or CORRUPT (with a message saying the file is
   *     damaged) — never another exception for any file content
   */
  public static KeyRing load(Path file, KdfParams kdf, Clock clock, LockoutPolicy policy) {
    requireArgs(file, kdf, clock, policy);
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw corrupt("it is far too large", null);
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new KeyRingException(
          KeyRingException.Kind.NOT_FOUND,
          "No key ring found: the data directory is not set up",
          e);
    } catch (IOException e) {
      throw new KeyRingException(
          KeyRingException.Kind.IO_ERROR, "The key ring file cannot be read: " + e.getMessage(), e);
    }
    try {
      return parse(file, bytes, kdf, clock, policy);
    } catch (KeyRingException e) {
      throw e;
    } catch (JacksonException e) {
      throw corrupt("it is not valid JSON", e);
    } catch (IOException | RuntimeException e) {
      throw corrupt("a field is missing or invalid", e);
    }
  }

  /** True if {@code file} is an existing regular file (contents are not checked). */
  public static boolean exists(Path file) {
    return Files.isRegularFile(file);
  }

  // ---------------------------------------------------------------- queries

  public synchronized boolean hasUsers() {
    return !users.isEmpty();
  }

  /** Normalised usernames that hold a wrapped key, in insertion order. */
  public synchronized List<String> usernames() {
    return List.copyOf(users.keySet());
  }

  public synchronized Optional<UserId> userId(String username) {
    return Optional.ofNullable(users.get(normalise(username))).map(Entry::userId);
  }

  /** The (normalised) username holding a key for {@code id}. */
  public synchronized Optional<String> username(UserId id) {
    Objects.requireNonNull(id, "id");
    return users.values().stream()
        .filter(e -> e.userId().equals(id))
        .map(Entry::username)
        .findFirst();
  }

  /** When the user's current lock-out ends; empty if not locked now (or unknown). */
  public synchronized Optional<Instant> lockedUntil(String username) {
    Entry e = users.get(normalise(username));
    if (e == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    return e.attempts().lockedUntil().filter(now::isBefore);
  }

  /** Consecutive failed attempts since the last success or reset (0 for unknown users). */
  public synchronized int failedAttempts(String username) {
    Entry e = users.get(normalise(username));
    return e == null ? 0 : e.attempts().failures();
  }

  /** The Argon2id parameters a user's wrap was made with. */
  public synchronized Optional<KdfParams> kdfParams(String username) {
    return Optional.ofNullable(users.get(normalise(username))).map(Entry::kdf);
  }

  // ---------------------------------------------------------------- unlock

  /**
   * Unwraps the data key with {@code password}. On success the failure counter is reset; if the
   * user's wrap used older Argon2 parameters it is re-made with the current ones.
   *
   * @throws AuthenticationException WRONG_CREDENTIALS ("Wrong username or password.") for an
   *     unknown username or a wrong password, after identical work; LOCKED_OUT with {@code
   *     lockedUntil} while locked out (no password is checked then) and on the failure that
   *     triggers a lock-out. If the counters cannot be saved (disk full) that is logged and the
   *     attempt is still refused; a successful unlock returns the key even if saving the reset
   *     counter or the upgraded wrap fails.
   */
  public synchronized DataKey unlock(String username, char[] password) {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    String u = normalise(username);
    Instant now = clock.instant();
    Entry entry = users.get(u);
    String probe = entry == null ? probeId(u) : null;
    Attempts attempts =
        entry != null ? entry.attempts() : unknown.getOrDefault(probe, Attempts.NONE);
    Optional<Instant> lock = attempts.lockedUntil().filter(now::isBefore);
    if (lock.isPresent()) {
      throw lockedOut(lock.get(), now);
    }
    byte[] raw = entry == null ? tryDecoy(password, u) : tryUnwrap(entry, password);
    if (raw == null) {
      Attempts next = nextFailure(attempts, now);
      if (entry != null) {
        users.put(u, entry.withAttempts(next));
      } else {
        unknown.remove(probe);
        unknown.put(probe, next);
        trimUnknown(now);
      }
      saveQuietly();
      LOG.info("Key ring: failed unlock attempt ({} consecutive)", next.failures());
      Optional<Instant> nowLocked = next.lockedUntil();
      if (nowLocked.isPresent()) {
        throw lockedOut(nowLocked.get(), now);
      }
      throw new AuthenticationException(
          AuthenticationException.Reason.WRONG_CREDENTIALS,
          Optional.empty(),
          WRONG_CREDENTIALS_MESSAGE);
    }
    DataKey key = DataKey.of(raw);
    Arrays.fill(raw, (byte) 0);
    boolean dirty = false;
    Entry updated = entry;
    if (!entry.attempts().equals(Attempts.NONE)) {
      updated = updated.withAttempts(Attempts.NONE);
      dirty = true;
    }
    if (!entry.kdf().equals(kdf)) {
      updated = wrap(entry.username(), entry.userId(), password, key, Attempts.NONE);
      dirty = true;
      LOG.info("Key ring: re-wrapped a key with the current Argon2id parameters");
    }
    if (keyCheck.isEmpty()) {
      keyCheck = Optional.of(check(key));
      dirty = true;
    }
    if (dirty) {
      users.put(u, updated);
      saveQuietly();
    }
    return key;
  }

  /**
   * Checks a password (unlock screen, re-authentication) with the same counters and lock-out as
   * {@link #unlock}. Returns false for a wrong password or unknown username.
   *
   * @throws AuthenticationException LOCKED_OUT while locked out or when this failure triggers one
   */
  public synchronized boolean verify(String username, char[] password) {
    try (DataKey _ = unlock(username, password)) {
      return true;
    } catch (AuthenticationException e) {
      if (e.reason() == AuthenticationException.Reason.WRONG_CREDENTIALS) {
        return false;
      }
      throw e;
    }
  }

  // ---------------------------------------------------------------- administration

  /**
   * Wraps {@code key} for a new user under {@code password}.
   *
   * @throws IllegalArgumentException if the username is blank
   * @throws KeyRingException USER_EXISTS, WRONG_DATA_KEY (not the key this ring protects), IO_ERROR
   */
  public synchronized void addUser(String username, UserId id, char[] password, DataKey key) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(key, "key");
    String u = normalise(username);
    if (u.isEmpty()) {
      throw new IllegalArgumentException("username is blank");
    }
    if (users.containsKey(u) || users.values().stream().anyMatch(e -> e.userId().equals(id))) {
      throw new KeyRingException(
          KeyRingException.Kind.USER_EXISTS, "This user already has a key in the key ring");
    }
    requireSameKey(key);
    users.put(u, wrap(u, id, password, key, Attempts.NONE));
    unknown.remove(probeId(u));
    keyCheck = Optional.of(check(key));
    save();
  }

  /**
   * Re-wraps {@code key} for an existing user under a new password (password change or admin
   * reset). The data key — and therefore all data — stays the same; the old wrap is overwritten and
   * the user's lock-out is cleared.
   *
   * @throws KeyRingException UNKNOWN_USER, WRONG_DATA_KEY, IO_ERROR
   */
  public synchronized void rewrap(String username, char[] newPassword, DataKey key) {
    Objects.requireNonNull(newPassword, "newPassword");
    Objects.requireNonNull(key, "key");
    String u = normalise(username);
    Entry e = users.get(u);
    if (e == null) {
      throw new KeyRingException(
          KeyRingException.Kind.UNKNOWN_USER, "This user has no key in the key ring");
    }
    requireSameKey(key);
    users.put(u, wrap(u, e.userId(), newPassword, key, Attempts.NONE));
    save();
  }

  /**
   * Destroys the user's wrapped key, so that password can never unlock the data again (disable).
   * Afterwards the username behaves exactly like an unknown one. No-op for unknown usernames.
   *
   * @throws KeyRingException IO_ERROR
   */
  public synchronized void removeUser(String username) {
    String u = normalise(username);
    if (users.remove(u) != null) {
      save();
    }
  }

  /** Resets the failure counter and lock-out of a user. No-op for unknown usernames. */
  public synchronized void clearLockout(String username) {
    String u = normalise(username);
    Entry e = users.get(u);
    if (e != null && !e.attempts().equals(Attempts.NONE)) {
      users.put(u, e.withAttempts(Attempts.NONE));
      save();
    }
  }

  /**
   * The X25519 public key (X.509 encoding) that pre-authentication records are sealed to.
   *
   * @throws IllegalStateException if none was set
   */
  public synchronized byte[] sealingPublicKey() {
    return sealingPublicKey
        .map(byte[]::clone)
        .orElseThrow(() -> new IllegalStateException("no sealing public key in the key ring"));
  }

  /** Like {@link #sealingPublicKey()} but empty when none was set. */
  public synchronized Optional<byte[]> sealingPublicKeyIfPresent() {
    return sealingPublicKey.map(byte[]::clone);
  }

  /**
   * Stores the X25519 public key for {@link SealedJournal}.
   *
   * @throws IllegalArgumentException if it is not an X.509-encoded X25519 public key
   */
  public synchronized void setSealingPublicKey(byte[] x509) {
    Objects.requireNonNull(x509, "x509");
    requireX25519(x509);
    sealingPublicKey = Optional.of(x509.clone());
    save();
  }

  /** The file this ring is stored in. */
  public Path file() {
    return file;
  }

  // ---------------------------------------------------------------- internals

  /** Strip, NFC, lower-case (locale-independent). */
  static String normalise(String username) {
    Objects.requireNonNull(username, "username");
    return java.text.Normalizer.normalize(username.strip(), java.text.Normalizer.Form.NFC)
        .toLowerCase(Locale.ROOT);
  }

  private Entry wrap(String u, UserId id, char[] password, DataKey key, Attempts attempts) {
    byte[] salt = random(Argon2.SALT_BYTES);
    byte[] kek = Argon2.derive(password, salt, kdf, 32);
    byte[] raw = key.raw();
    try {
      byte[] wrapped = Gcm.seal(kek, raw, aad(id.value(), u));
      return new Entry(u, id, kdf, salt, wrapped, attempts);
    } finally {
      Arrays.fill(kek, (byte) 0);
      Arrays.fill(raw, (byte) 0);
    }
  }

  /** The unwrapped key, or null for a wrong password. */
  private static byte[] tryUnwrap(Entry e, char[] password) {
    byte[] kek = Argon2.derive(password, e.salt(), e.kdf(), 32);
    try {
      return Gcm.open(kek, e.wrapped(), aad(e.userId().value(), e.username()));
    } catch (AEADBadTagException wrong) {
      return null;
    } finally {
      Arrays.fill(kek, (byte) 0);
    }
  }

  /** Same work as {@link #tryUnwrap} against random bytes; always null. */
  private byte[] tryDecoy(char[] password, String u) {
    byte[] kek = Argon2.derive(password, decoySalt, kdf, 32);
    try {
      Gcm.open(kek, decoyWrapped, aad("00000000-0000-0000-0000-000000000000", u));
      return null; // a random blob cannot authenticate (2^-128)
    } catch (AEADBadTagException expected) {
      return null;
    } finally {
      Arrays.fill(kek, (byte) 0);
    }
  }

  private Attempts nextFailure(Attempts a, Instant now) {
    int failures = a.failures() == Integer.MAX_VALUE ? a.failures() : a.failures() + 1;
    Duration d = policy.lockDuration(failures);
    return new Attempts(failures, d.isZero() ? Optional.empty() : Optional.of(now.plus(d)));
  }

  private static AuthenticationException lockedOut(Instant until, Instant now) {
    long seconds = Math.max(1, Duration.between(now, until).toSeconds());
    return new AuthenticationException(
        AuthenticationException.Reason.LOCKED_OUT,
        Optional.of(until),
        "Too many failed attempts. Try again in " + humanDuration(seconds) + ".");
  }

  private static String humanDuration(long seconds) {
    if (seconds < 120) {
      return seconds + " seconds";
    }
    return ((seconds + 59) / 60) + " minutes";
  }

  /** Keeps the unknown-username table bounded: drops expired, then oldest entries. */
  private void trimUnknown(Instant now) {
    if (unknown.size() <= MAX_TRACKED_UNKNOWN) {
      return;
    }
    unknown
        .values()
        .removeIf(
            a ->
                a.lockedUntil().filter(now::isBefore).isEmpty()
                    && a.failures() < policy.threshold());
    Iterator<String> it = unknown.keySet().iterator();
    while (unknown.size() > MAX_TRACKED_UNKNOWN && it.hasNext()) {
      it.next();
      it.remove();
    }
  }

  private void requireSameKey(DataKey key) {
    if (keyCheck.isPresent()
        && !MessageDigest.isEqual(
            keyCheck.get().getBytes(StandardCharsets.US_ASCII),
            check(key).getBytes(StandardCharsets.US_ASCII))) {
      throw new KeyRingException(
          KeyRingException.Kind.WRONG_DATA_KEY,
          "This is not the data key of this workstation; the key ring was not changed");
    }
  }

  private static String check(DataKey key) {
    return HexFormat.of().formatHex(key.derive(CHECK_PURPOSE, 16));
  }

  private String probeId(String u) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(probeSalt);
      sha.update(u.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  private static byte[] aad(String userId, String username) {
    byte[] id = userId.getBytes(StandardCharsets.UTF_8);
    byte[] name = username.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(AAD_DOMAIN.length + 8 + id.length + name.length)
        .put(AAD_DOMAIN)
        .putInt(id.length)
        .put(id)
        .putInt(name.length)
        .put(name)
        .array();
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  private static void requireArgs(Path file, KdfParams kdf, Clock clock, LockoutPolicy policy) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(kdf, "kdf");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(policy, "policy");
  }

  private static void requireX25519(byte[] x509) {
    try {
      KeyFactory.getInstance("X25519").generatePublic(new X509EncodedKeySpec(x509));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException("not an X.509-encoded X25519 public key", e);
    }
  }

  private static KeyRingException corrupt(String why, Throwable cause) {
    return new KeyRingException(
        KeyRingException.Kind.CORRUPT,
        "The key ring file (keyring.json) is damaged: "
            + why
            + ". Restore the data directory from a backup.",
        cause);
  }

  // ---------------------------------------------------------------- persistence

  private void save() {
    try {
      AtomicFiles.write(file, JSON.writeValueAsBytes(toJson()));
    } catch (IOException e) {
      throw new KeyRingException(
          KeyRingException.Kind.IO_ERROR,
          "The key ring file cannot be written: " + e.getMessage(),
          e);
    }
  }

  /** Failure counters must not turn a refused login into a crash when the disk is full. */
  private void saveQuietly() {
    try {
      save();
    } catch (KeyRingException e) {
      LOG.error("Key ring: cannot persist attempt counters", e);
    }
  }

  private ObjectNode toJson() {
    Base64.Encoder b64 = Base64.getEncoder();
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("version", FILE_VERSION);
    root.put("probeSalt", b64.encodeToString(probeSalt));
    keyCheck.ifPresent(c -> root.put("keyCheck", c));
    sealingPublicKey.ifPresent(k -> root.put("sealingPublicKey", b64.encodeToString(k)));
    ArrayNode list = root.putArray("users");
    for (Entry e : users.values()) {
      ObjectNode n = list.addObject();
      n.put("username", e.username());
      n.put("userId", e.userId().value());
      ObjectNode k = n.putObject("kdf");
      k.put("algorithm", "argon2id-v13");
      k.put("memoryKiB", e.kdf().memoryKiB());
      k.put("iterations", e.kdf().iterations());
      k.put("parallelism", e.kdf().parallelism());
      n.put("salt", b64.encodeToString(e.salt()));
      n.put("wrappedKey", b64.encodeToString(e.wrapped()));
      putAttempts(n, e.attempts());
    }
    ArrayNode probes = root.putArray("unknownUsernameAttempts");
    for (Map.Entry<String, Attempts> p : unknown.entrySet()) {
      ObjectNode n = probes.addObject();
      n.put("probe", p.getKey());
      putAttempts(n, p.getValue());
    }
    return root;
  }

  private static void putAttempts(ObjectNode n, Attempts a) {
    n.put("failedAttempts", a.failures());
    a.lockedUntil().ifPresent(t -> n.put("lockedUntil", t.toString()));
  }

  private static KeyRing parse(
      Path file, byte[] bytes, KdfParams kdf, Clock clock, LockoutPolicy policy)
      throws IOException {
    JsonNode root = JSON.readTree(bytes);
    if (root == null || !root.isObject()) {
      throw corrupt("it is not a key ring", null);
    }
    if (!FORMAT.equals(text(root, "format"))) {
      throw corrupt("it is not a key ring", null);
    }
    int version = integer(root, "version");
    if (version != FILE_VERSION) {
      throw corrupt("format version " + version + " is not supported by this version", null);
    }
    byte[] probeSalt = base64(root, "probeSalt", 16, 64);
    Optional<String> keyCheck = Optional.empty();
    if (root.has("keyCheck")) {
      String c = text(root, "keyCheck");
      if (!c.matches("[0-9a-f]{32}")) {
        throw corrupt("the key check is invalid", null);
      }
      keyCheck = Optional.of(c);
    }
    Optional<byte[]> sealing = Optional.empty();
    if (root.has("sealingPublicKey")) {
      byte[] pk = base64(root, "sealingPublicKey", 1, 1024);
      try {
        requireX25519(pk);
      } catch (IllegalArgumentException e) {
        throw corrupt("the sealing public key is invalid", e);
      }
      sealing = Optional.of(pk);
    }
    KeyRing ring = new KeyRing(file, kdf, clock, policy, probeSalt, keyCheck, sealing);
    Set<String> ids = new HashSet<>();
    for (JsonNode n : array(root, "users")) {
      String username = text(n, "username");
      if (username.isEmpty() || !normalise(username).equals(username)) {
        throw corrupt("a username is not normalised", null);
      }
      UserId id = new UserId(text(n, "userId"));
      JsonNode k = n.get("kdf");
      if (k == null || !k.isObject() || !"argon2id-v13".equals(text(k, "algorithm"))) {
        throw corrupt("a key derivation setting is invalid", null);
      }
      KdfParams p =
          new KdfParams(
              integer(k, "memoryKiB"), integer(k, "iterations"), integer(k, "parallelism"));
      byte[] salt = base64(n, "salt", 8, 64);
      byte[] wrapped =
          base64(
              n,
              "wrappedKey",
              Gcm.NONCE_BYTES + DataKey.LENGTH + Gcm.TAG_BYTES,
              Gcm.NONCE_BYTES + DataKey.LENGTH + Gcm.TAG_BYTES);
      if (ring.users.containsKey(username) || !ids.add(id.value())) {
        throw corrupt("a user appears twice", null);
      }
      ring.users.put(username, new Entry(username, id, p, salt, wrapped, attempts(n)));
    }
    if (root.has("unknownUsernameAttempts")) {
      for (JsonNode n : array(root, "unknownUsernameAttempts")) {
        String probe = text(n, "probe");
        if (!probe.matches("[0-9a-f]{32}")) {
          throw corrupt("an attempt counter is invalid", null);
        }
        ring.unknown.put(probe, attempts(n));
      }
    }
    return ring;
  }

  private static Attempts attempts(JsonNode n) {
    int failures = integer(n, "failedAttempts");
    if (failures < 0) {
      throw corrupt("an attempt counter is negative", null);
    }
    Optional<Instant> until =
        n.has("lockedUntil")
            ? Optional.of(Instant.parse(text(n, "lockedUntil")))
            : Optional.empty();
    return new Attempts(failures, until);
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw corrupt("field '" + field + "' is missing", null);
    }
    return v.asText();
  }

  private static int integer(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isInt()) {
      throw corrupt("field '" + field + "' is missing", null);
    }
    return v.intValue();
  }

  private static List<JsonNode> array(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isArray()) {
      throw corrupt("field '" + field + "' is missing", null);
    }
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode e : v) {
      if (!e.isObject()) {
        throw corrupt("field '" + field + "' is invalid", null);
      }
      out.add(e);
    }
    return out;
  }

  private static byte[] base64(JsonNode n, String field, int min, int max) {
    byte[] b;
    try {
      b = Base64.getDecoder().decode(text(n, field));
    } catch (IllegalArgumentException e) {
      throw corrupt("field '" + field + "' is not base64", e);
    }
    if (b.length < min || b.length > max) {
      throw corrupt("field '" + field + "' has the wrong length", null);
    }
    return b;
  }
}
