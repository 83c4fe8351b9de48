package org.meditwin.core.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import org.meditwin.core.domain.AuditAction;

/**
 * The encrypted relational store as seen by feature modules (SOAP notes, chat history, timeline,
 * documents, imaging). Each feature module owns its tables: it ships Flyway migrations under {@code
 * classpath:db/migration} in its own version range (ADR 0023) and reads/writes them with plain JDBC
 * inside {@link #write} or {@link #read}.
 *
 * <p>Binary originals (documents, images) are stored as BLOBs in the same database, so they are
 * encrypted, transactional and included in backups without extra machinery.
 *
 * <p>Every PHI read or write must call {@link Tx#audit} inside the same {@link #write} transaction:
 * the audit entry and the data commit (or roll back) together.
 */
public interface ClinicalStore {

  /** Work inside one transaction. */
  @FunctionalInterface
  interface Work<T> {
    T run(Tx tx) throws SQLException;
  }

  /** One transaction: its connection (never close it), its fixed time, and the audit hook. */
  interface Tx {
    Connection connection();

    /** The transaction's timestamp (microsecond precision, the store clock). */
    Instant now();

    /**
     * Appends a hash-chained audit entry under the signed-in user's pseudonym. {@code targetId}
     * must be an opaque id (never a name or text); {@code detail} must not contain PHI. Throws
     * {@link IllegalStateException} inside {@link ClinicalStore#read}.
     */
    void audit(AuditAction action, String targetType, String targetId, boolean ok, String detail);

    /** Forces the commit to stable storage ({@code CHECKPOINT SYNC}); for approvals and such. */
    void syncAfterCommit();
  }

  /**
   * Runs {@code work} in a write transaction; rolls back on any exception. SQL failures surface as
   * {@link StoreUnavailableException} with a message fit for the user (no SQL, no PHI).
   *
   * @throws AccessDeniedException while the session is locked or after it ended
   */
  <T> T write(Work<T> work);

  /** Read-only work that touches no PHI (counts, job states, ids); it cannot audit. */
  <T> T read(Work<T> work);

  /**
   * A 256-bit key derived from the data key for {@code purpose} only (HKDF, info {@code "feature:"
   * + purpose}); for encrypted side files such as a patient-record Lucene index. A fresh copy each
   * call: wipe it after use.
   */
  byte[] derivedKey(String purpose);

  /** The audit pseudonym of the signed-in user (safe for logs and for non-PHI metadata). */
  String actorPseudonym();
}
