package org.meditwin.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/**
 * Layout of a backup archive: an {@code ArchiveCipher} stream (Argon2id + AES-GCM chunks) holding a
 * zip with the still-encrypted database copy, the commit marker matching it, the key ring, the
 * sealed pre-authentication journal if any, and last a manifest with each entry's size and SHA-256.
 */
final class BackupArchive {

  static final String MANIFEST = "meditwin-backup.properties";
  static final String DB = "db/meditwin.mv.db";
  static final String MARKER = "db/commit.marker";
  static final String KEYRING = "keyring.json";
  static final String JOURNAL = "audit-preauth.journal";
  static final Set<String> FILES = Set.of(DB, MARKER, KEYRING, JOURNAL);
  static final Set<String> REQUIRED = Set.of(DB, MARKER, KEYRING);
  static final String FORMAT = "1";

  private BackupArchive() {}

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Copies and hashes; returns {size, hash}. */
  static String[] copy(InputStream in, OutputStream out) throws IOException {
    MessageDigest md = sha256();
    byte[] buf = new byte[64 * 1024];
    long size = 0;
    int n;
    while ((n = in.read(buf)) > 0) {
      out.write(buf, 0, n);
      md.update(buf, 0, n);
      size += n;
    }
    return new String[] {Long.toString(size), HexFormat.of().formatHex(md.digest())};
  }
}
