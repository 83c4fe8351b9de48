package org.meditwin.core.service;

import org.meditwin.core.domain.UserAccount;

/**
 * A signed-in user. Everything PHI goes through the services reached from here, which audit each
 * read and write under this user's pseudonym. While {@link #isLocked()} every service call throws
 * {@link AccessDeniedException}.
 */
public interface UserSession extends AutoCloseable {

  UserAccount user();

  PatientService patients();

  ProfessionalService professionals();

  VisitService visits();

  AuditLog audit();

  /** Administrator operations; throws {@link AccessDeniedException} for other roles. */
  AccountAdministration accounts();

  /** Backup and restore of the whole data directory. Administrators only. */
  BackupService backups();

  /**
   * The 256-bit key that encrypts this workstation's Lucene search indexes (the knowledge base
   * under {@code $MEDITWIN_HOME/kb}), derived from the data key for this one purpose only (HKDF
   * purpose {@code "lucene-index"}, ADR 0031). A fresh copy each call: the caller wipes it after
   * opening the index. Throws {@link AccessDeniedException} while locked or after close.
   *
   * @throws UnsupportedOperationException when the session has no encrypted store behind it
   */
  default byte[] searchIndexKey() {
    throw new UnsupportedOperationException("this session keeps no encrypted search indexes");
  }

  /**
   * The encrypted relational store for feature modules (ADR 0023): their own tables, BLOBs and
   * audited transactions. Throws {@link AccessDeniedException} while locked or after close.
   *
   * @throws UnsupportedOperationException when the session has no store behind it
   */
  default ClinicalStore clinicalStore() {
    throw new UnsupportedOperationException("this session has no clinical store");
  }

  /** Locks the session (idle timeout or user request); audited. */
  void lock();

  boolean isLocked();

  /**
   * Unlocks with the user's password; failures are audited and count towards lock-out.
   *
   * @throws AuthenticationException on a wrong password
   */
  void unlock(char[] password);

  /** Changes the signed-in user's own password (re-wraps the data key). */
  void changePassword(char[] oldPassword, char[] newPassword);

  /** Logs out (audited) and closes the stores. */
  @Override
  void close();
}
