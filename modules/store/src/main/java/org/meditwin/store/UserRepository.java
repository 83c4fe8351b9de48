package org.meditwin.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.meditwin.core.domain.Role;
import org.meditwin.core.domain.UserAccount;
import org.meditwin.core.domain.UserId;

/** SQL of the users table (staff accounts; the keys live in keyring.json). */
final class UserRepository {
  private UserRepository() {}

  static void insert(Tx tx, UserAccount u) throws SQLException {
    try (PreparedStatement ps =
        tx.prepare(
            "INSERT INTO users (id, username, display_name, role, disabled, created_at,"
                + " last_login_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, u.id().value());
      ps.setString(2, u.username());
      ps.setString(3, u.displayName());
      ps.setString(4, u.role().name());
      ps.setBoolean(5, u.disabled());
      ps.setObject(6, Tx.timestamp(u.createdAt()));
      ps.setObject(7, u.lastLoginAt().map(Tx::timestamp).orElse(null));
      ps.executeUpdate();
    }
  }

  static Optional<UserAccount> byUsername(Tx tx, String username) throws SQLException {
    return one(tx, "SELECT * FROM users WHERE username = ?", username);
  }

  static Optional<UserAccount> byId(Tx tx, UserId id) throws SQLException {
    return one(tx, "SELECT * FROM users WHERE id = ?", id.value());
  }

  static List<UserAccount> all(Tx tx) throws SQLException {
    List<UserAccount> out = new ArrayList<>();
    try (PreparedStatement ps = tx.prepare("SELECT * FROM users ORDER BY username");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(map(rs));
      }
    }
    return out;
  }

  static int enabledAdministrators(Tx tx) throws SQLException {
    try (PreparedStatement ps =
        tx.prepare("SELECT COUNT(*) FROM users WHERE role = ? AND disabled = FALSE")) {
      ps.setString(1, Role.ADMINISTRATOR.name());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  static void setDisabled(Tx tx, UserId id, boolean disabled) throws SQLException {
    try (PreparedStatement ps = tx.prepare("UPDATE users SET disabled = ? WHERE id = ?")) {
      ps.setBoolean(1, disabled);
      ps.setString(2, id.value());
      ps.executeUpdate();
    }
  }

  static void setLastLogin(Tx tx, UserId id, Instant at) throws SQLException {
    try (PreparedStatement ps = tx.prepare("UPDATE users SET last_login_at = ? WHERE id = ?")) {
      ps.setObject(1, Tx.timestamp(at));
      ps.setString(2, id.value());
      ps.executeUpdate();
    }
  }

  private static Optional<UserAccount> one(Tx tx, String sql, String arg) throws SQLException {
    try (PreparedStatement ps = tx.prepare(sql)) {
      ps.setString(1, arg);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(map(rs)) : Optional.empty();
      }
    }
  }

  private static UserAccount map(ResultSet rs) throws SQLException {
    return new UserAccount(
        new UserId(rs.getString("id")),
        rs.getString("username"),
        rs.getString("display_name"),
        Role.valueOf(rs.getString("role")),
        rs.getBoolean("disabled"),
        Tx.instant(rs, "created_at"),
        Optional.ofNullable(Tx.instant(rs, "last_login_at")));
  }
}
