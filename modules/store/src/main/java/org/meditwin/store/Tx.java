package org.meditwin.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** One database transaction: the connection, a fixed "now", and post-commit options. */
final class Tx {
  private final Connection connection;
  private final Instant now;
  private boolean syncAfterCommit;
  private java.util.Optional<org.meditwin.core.domain.AuditEvent> lastAudit =
      java.util.Optional.empty();

  Tx(Connection connection, Instant now) {
    this.connection = connection;
    this.now = now;
  }

  Connection connection() {
    return connection;
  }

  /** The transaction's timestamp, truncated to microseconds (the column precision). */
  Instant now() {
    return now;
  }

  PreparedStatement prepare(String sql) throws SQLException {
    return connection.prepareStatement(sql);
  }

  /** Runs {@code CHECKPOINT SYNC} after the commit (account changes and other critical writes). */
  void syncAfterCommit() {
    syncAfterCommit = true;
  }

  void appended(org.meditwin.core.domain.AuditEvent event) {
    lastAudit = java.util.Optional.of(event);
  }

  /** The newest audit entry appended in this transaction. */
  java.util.Optional<org.meditwin.core.domain.AuditEvent> lastAudit() {
    return lastAudit;
  }

  boolean syncRequested() {
    return syncAfterCommit;
  }

  static OffsetDateTime timestamp(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  static Instant instant(java.sql.ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }
}
