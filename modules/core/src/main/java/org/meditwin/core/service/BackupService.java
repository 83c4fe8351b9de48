package org.meditwin.core.service;

import java.nio.file.Path;

/**
 * Encrypted archives of the whole data directory. The archive is encrypted with a key derived from
 * {@code archivePassword} (Argon2id + AES-GCM); the database inside stays encrypted too.
 */
public interface BackupService {

  /** Writes a consistent archive; audited as BACKUP. Returns bytes written. */
  long backup(Path archive, char[] archivePassword);
}
