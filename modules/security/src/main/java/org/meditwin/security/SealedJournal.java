package org.meditwin.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.XECPrivateKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import javax.crypto.KeyAgreement;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only file of records that can be written without any secret and read only with a
 * private key: used for audit records produced before the database is unlocked (failed logins).
 *
 * <p>Each record is sealed to the recipient's X25519 public key with a fresh ephemeral key pair:
 * {@code k = HKDF-SHA256(ikm = X25519(eph, recipient), salt = ephPub || recipientPub, info =
 * "meditwin-sealed-journal-v1")}, then AES-256-GCM with the ephemeral public key as AAD. One line
 * per record: {@code base64(version(1) || ephPubX509(44) || nonce(12) || ciphertext || tag(16))}
 * followed by {@code '\n'}; every append is fsync'ed.
 *
 * <p>A line cut short by a crash mid-append is skipped on {@link #drain}, as is any line that does
 * not open with the given key; the remaining records are still returned.
 */
public final class SealedJournal {
  private static final Logger LOG = LoggerFactory.getLogger(SealedJournal.class);
  private static final byte VERSION = 1;
  private static final int X25519_X509_BYTES = 44;
  private static final byte[] INFO =
      "meditwin-sealed-journal-v1".getBytes(StandardCharsets.US_ASCII);

  /**
   * File locks guard against other processes only; within this JVM a second lock on the same file
   * would throw {@code OverlappingFileLockException}, so threads also serialise here.
   */
  private static final Object JVM_LOCK = new Object();

  /** Largest record accepted by {@link #append} (pre-auth audit lines are small). */
  public static final int MAX_RECORD_BYTES = 64 * 1024;

  private SealedJournal() {}

  /** A fresh X25519 key pair; store the private key encrypted (for example in the database). */
  public static KeyPair generateKeyPair() {
    try {
      return KeyPairGenerator.getInstance("X25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("X25519 unavailable", e);
    }
  }

  /**
   * Seals {@code record} to {@code publicKeyX509} and appends it as one line, creating the file if
   * needed.
   *
   * @throws IllegalArgumentException if the public key is not an X25519 X.509 encoding or the
   *     record is larger than {@link #MAX_RECORD_BYTES}
   * @throws UncheckedIOException if the file cannot be written
   */
  public static void append(Path file, byte[] publicKeyX509, byte[] record) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(publicKeyX509, "publicKeyX509");
    Objects.requireNonNull(record, "record");
    if (record.length > MAX_RECORD_BYTES) {
      throw new IllegalArgumentException("journal record too large");
    }
    byte[] line = (seal(publicKeyX509, record) + "\n").getBytes(StandardCharsets.US_ASCII);
    synchronized (JVM_LOCK) {
      appendLine(file, line);
    }
  }

  private static void appendLine(Path file, byte[] line) {
    try (FileChannel ch =
            FileChannel.open(
                file,
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                StandardOpenOption.READ);
        FileLock _ = ch.lock()) {
      long size = ch.size();
      ByteBuffer out;
      if (size > 0 && !endsWithNewline(ch, size)) {
        // The previous append was torn: terminate it so this record starts on its own line.
        out = ByteBuffer.allocate(line.length + 1).put((byte) '\n').put(line).flip();
      } else {
        out = ByteBuffer.wrap(line);
      }
      long pos = size;
      while (out.hasRemaining()) {
        pos += ch.write(out, pos);
      }
      ch.force(true);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot append to the sealed journal", e);
    }
  }

  /**
   * Reads every record that opens with {@code privateKey}, then truncates the file to zero length,
   * under one file lock. Returns an empty list when the file does not exist. Unreadable lines (a
   * torn last line, foreign or damaged records) are skipped and counted in a warning log.
   *
   * @throws UncheckedIOException if the file cannot be read or truncated
   */
  public static List<byte[]> drain(Path file, PrivateKey privateKey) {
    return readAll(file, privateKey, true);
  }

  /** Like {@link #drain} but leaves the file untouched (at-least-once consumers drain after). */
  public static List<byte[]> read(Path file, PrivateKey privateKey) {
    return readAll(file, privateKey, false);
  }

  private static List<byte[]> readAll(Path file, PrivateKey privateKey, boolean truncate) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(privateKey, "privateKey");
    byte[] publicOfRecipient = publicKeyOf(privateKey);
    synchronized (JVM_LOCK) {
      return readLocked(file, privateKey, publicOfRecipient, truncate);
    }
  }

  private static List<byte[]> readLocked(
      Path file, PrivateKey privateKey, byte[] publicOfRecipient, boolean truncate) {
    try (FileChannel ch =
            FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock _ = ch.lock()) {
      long size = ch.size();
      if (size > Integer.MAX_VALUE - 16) {
        throw new UncheckedIOException(new IOException("sealed journal too large: " + size));
      }
      ByteBuffer buf = ByteBuffer.allocate((int) size);
      while (buf.hasRemaining() && ch.read(buf, buf.position()) >= 0) {
        // read fully
      }
      String text = new String(buf.array(), 0, buf.position(), StandardCharsets.ISO_8859_1);
      List<byte[]> records = new ArrayList<>();
      int skipped = 0;
      int start = 0;
      while (start < text.length()) {
        int nl = text.indexOf('\n', start);
        if (nl < 0) {
          skipped++; // torn last line: the append never completed
          break;
        }
        String line = text.substring(start, nl).strip();
        start = nl + 1;
        if (line.isEmpty()) {
          continue;
        }
        byte[] rec = open(line, privateKey, publicOfRecipient);
        if (rec == null) {
          skipped++;
        } else {
          records.add(rec);
        }
      }
      if (skipped > 0) {
        LOG.warn("Sealed journal: skipped {} unreadable line(s), read {}", skipped, records.size());
      }
      if (truncate) {
        ch.truncate(0);
        ch.force(true);
      }
      return records;
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the sealed journal", e);
    }
  }

  private static boolean endsWithNewline(FileChannel ch, long size) throws IOException {
    ByteBuffer last = ByteBuffer.allocate(1);
    ch.read(last, size - 1);
    return last.get(0) == '\n';
  }

  private static String seal(byte[] recipientX509, byte[] record) {
    try {
      PublicKey recipient = decodePublic(recipientX509);
      KeyPair eph = generateKeyPair();
      byte[] ephPub = eph.getPublic().getEncoded();
      byte[] key = deriveKey(eph.getPrivate(), recipient, ephPub, recipient.getEncoded());
      byte[] sealed = Gcm.seal(key, record, ephPub);
      Arrays.fill(key, (byte) 0);
      ByteBuffer out = ByteBuffer.allocate(1 + ephPub.length + sealed.length);
      out.put(VERSION).put(ephPub).put(sealed);
      return Base64.getEncoder().encodeToString(out.array());
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an X25519 public key", e);
    }
  }

  /** Null when the line is damaged or sealed to another key. */
  private static byte[] open(String line, PrivateKey privateKey, byte[] recipientX509) {
    try {
      byte[] raw = Base64.getDecoder().decode(line);
      if (raw.length < 1 + X25519_X509_BYTES + Gcm.NONCE_BYTES + Gcm.TAG_BYTES
          || raw[0] != VERSION) {
        return null;
      }
      byte[] ephPub = Arrays.copyOfRange(raw, 1, 1 + X25519_X509_BYTES);
      byte[] sealed = Arrays.copyOfRange(raw, 1 + X25519_X509_BYTES, raw.length);
      byte[] key = deriveKey(privateKey, decodePublic(ephPub), ephPub, recipientX509);
      try {
        return Gcm.open(key, sealed, ephPub);
      } finally {
        Arrays.fill(key, (byte) 0);
      }
    } catch (GeneralSecurityException | RuntimeException e) {
      return null; // damaged, truncated or sealed to another key: the caller counts it
    }
  }

  private static byte[] deriveKey(
      PrivateKey mine, PublicKey theirs, byte[] ephPub, byte[] recipientPub)
      throws GeneralSecurityException {
    KeyAgreement ka = KeyAgreement.getInstance("X25519");
    ka.init(mine);
    ka.doPhase(theirs, true);
    byte[] shared = ka.generateSecret();
    byte[] salt = new byte[ephPub.length + recipientPub.length];
    System.arraycopy(ephPub, 0, salt, 0, ephPub.length);
    System.arraycopy(recipientPub, 0, salt, ephPub.length, recipientPub.length);
    byte[] key = Hkdf.derive(shared, salt, INFO, 32);
    Arrays.fill(shared, (byte) 0);
    return key;
  }

  private static PublicKey decodePublic(byte[] x509) throws GeneralSecurityException {
    return KeyFactory.getInstance("X25519").generatePublic(new X509EncodedKeySpec(x509));
  }

  /** X.509 SubjectPublicKeyInfo prefix of an X25519 key (RFC 8410). */
  private static final byte[] X25519_SPKI_PREFIX =
      HexFormat.of().parseHex("302a300506032b656e032100");

  /** The recipient's public key (needed for the HKDF salt), recomputed from the private scalar. */
  private static byte[] publicKeyOf(PrivateKey privateKey) {
    if (!(privateKey instanceof XECPrivateKey xec)) {
      throw new IllegalArgumentException("not an X25519 private key");
    }
    byte[] scalar =
        xec.getScalar()
            .orElseThrow(() -> new IllegalArgumentException("not an X25519 private key"));
    if (scalar.length != X25519.SCALAR_SIZE) {
      throw new IllegalArgumentException("not an X25519 private key");
    }
    byte[] out = new byte[X25519_SPKI_PREFIX.length + X25519.POINT_SIZE];
    System.arraycopy(X25519_SPKI_PREFIX, 0, out, 0, X25519_SPKI_PREFIX.length);
    X25519.generatePublicKey(scalar, 0, out, X25519_SPKI_PREFIX.length);
    Arrays.fill(scalar, (byte) 0);
    return out;
  }
}
