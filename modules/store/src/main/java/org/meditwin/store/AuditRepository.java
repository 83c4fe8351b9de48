package org.meditwin.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.meditwin.core.domain.AuditAction;
import org.meditwin.core.domain.AuditEvent;
import org.meditwin.core.domain.AuditVerification;
import org.meditwin.core.service.AuditLog;
import org.meditwin.security.AuditChain;

/** SQL of the hash-chained audit table. Appends run inside the caller's transaction. */
final class AuditRepository {

  static final int MAX_DETAIL = 500;

  private AuditRepository() {}

  /** Appends one entry chained to the current last entry, inside {@code tx}. */
  static AuditEvent append(
      Tx tx,
      Instant at,
      String actor,
      AuditAction action,
      String targetType,
      String targetId,
      boolean success,
      String detail)
      throws SQLException {
    long seq = 1;
    String prev = AuditChain.GENESIS;
    try (PreparedStatement ps =
            tx.prepare(
                "SELECT seq, hash FROM audit_log ORDER BY seq DESC FETCH FIRST 1 ROWS ONLY");
        ResultSet rs = ps.executeQuery()) {
      if (rs.next()) {
        seq = rs.getLong(1) + 1;
        prev = rs.getString(2);
      }
    }
    String type = clean(targetType, 40);
    String id = clean(targetId, 64);
    String det = clean(detail, MAX_DETAIL);
    String hash = AuditChain.hash(prev, seq, at, actor, action, type, id, success, det);
    try (PreparedStatement ps =
        tx.prepare(
            "INSERT INTO audit_log (seq, at, actor, action, target_type, target_id, success,"
                + " detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setLong(1, seq);
      ps.setObject(2, Tx.timestamp(at));
      ps.setString(3, actor);
      ps.setString(4, action.name());
      ps.setString(5, type);
      ps.setString(6, id);
      ps.setBoolean(7, success);
      ps.setString(8, det);
      ps.setString(9, prev);
      ps.setString(10, hash);
      ps.executeUpdate();
    }
    AuditEvent event = new AuditEvent(seq, at, actor, action, type, id, success, det, prev, hash);
    tx.appended(event);
    return event;
  }

  /** First entry found missing or rewritten when the database was opened (see Database). */
  static OptionalLong recordedBreak(Tx tx) throws SQLException {
    try (PreparedStatement ps =
        tx.prepare("SELECT setting_value FROM settings WHERE setting_key = ?")) {
      ps.setString(1, Database.AUDIT_BREAK_SETTING);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return OptionalLong.empty();
        }
        try {
          return OptionalLong.of(Long.parseLong(rs.getString(1).strip()));
        } catch (NumberFormatException e) {
          return OptionalLong.of(1);
        }
      }
    }
  }

  /** Audit fields are PHI-free by construction; this only bounds length and drops controls. */
  static String clean(String s, int max) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(Math.min(s.length(), max));
    for (int i = 0; i < s.length() && b.length() < max; i++) {
      char c = s.charAt(i);
      b.append(Character.isISOControl(c) ? ' ' : c);
    }
    return b.toString();
  }

  static List<AuditEvent> find(Tx tx, AuditLog.Filter filter, int limit) throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT * FROM audit_log WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    filter
        .from()
        .ifPresent(
            f -> {
              sql.append(" AND at >= ?");
              args.add(Tx.timestamp(f));
            });
    filter
        .to()
        .ifPresent(
            t -> {
              sql.append(" AND at < ?");
              args.add(Tx.timestamp(t));
            });
    filter
        .action()
        .ifPresent(
            a -> {
              sql.append(" AND action = ?");
              args.add(a.name());
            });
    filter
        .actor()
        .filter(a -> !a.isBlank())
        .ifPresent(
            a -> {
              sql.append(" AND actor = ?");
              args.add(a.strip());
            });
    filter
        .success()
        .ifPresent(
            s -> {
              sql.append(" AND success = ?");
              args.add(s);
            });
    sql.append(" ORDER BY seq DESC FETCH FIRST ? ROWS ONLY");
    args.add(Math.max(0, limit));
    List<AuditEvent> out = new ArrayList<>();
    try (PreparedStatement ps = tx.prepare(sql.toString())) {
      for (int i = 0; i < args.size(); i++) {
        ps.setObject(i + 1, args.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          try {
            out.add(map(rs));
          } catch (IllegalArgumentException e) {
            // An entry with an unknown action was tampered with; verify() reports it.
          }
        }
      }
    }
    return out;
  }

  static long size(Tx tx) throws SQLException {
    try (PreparedStatement ps = tx.prepare("SELECT COUNT(*) FROM audit_log");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Re-hashes every entry in sequence order. */
  static AuditVerification verify(Tx tx) throws SQLException {
    List<AuditEvent> entries = new ArrayList<>();
    long rows = 0;
    OptionalLong unreadable = OptionalLong.empty();
    try (PreparedStatement ps = tx.prepare("SELECT * FROM audit_log ORDER BY seq");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        rows++;
        if (unreadable.isPresent()) {
          continue;
        }
        try {
          entries.add(map(rs));
        } catch (IllegalArgumentException | NullPointerException e) {
          unreadable = OptionalLong.of(rs.getLong("seq"));
        }
      }
    }
    AuditVerification prefix = AuditChain.verify(entries);
    OptionalLong broken = prefix.ok() ? unreadable : prefix.firstBrokenEntry();
    OptionalLong tail = recordedBreak(tx);
    if (tail.isPresent() && (broken.isEmpty() || tail.getAsLong() < broken.getAsLong())) {
      broken = tail;
    }
    return broken.isEmpty()
        ? new AuditVerification(true, rows, OptionalLong.empty())
        : new AuditVerification(false, rows, broken);
  }

  private static AuditEvent map(ResultSet rs) throws SQLException {
    return new AuditEvent(
        rs.getLong("seq"),
        Tx.instant(rs, "at"),
        rs.getString("actor"),
        AuditAction.valueOf(rs.getString("action")),
        rs.getString("target_type"),
        rs.getString("target_id"),
        rs.getBoolean("success"),
        rs.getString("detail"),
        rs.getString("prev_hash"),
        rs.getString("hash"));
  }
}
