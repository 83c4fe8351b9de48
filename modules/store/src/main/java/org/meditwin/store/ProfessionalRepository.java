package org.meditwin.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.meditwin.core.domain.Professional;
import org.meditwin.core.domain.ProfessionalId;
import org.meditwin.core.domain.UserId;

/** SQL of the professionals table. */
final class ProfessionalRepository {
  private ProfessionalRepository() {}

  static void insert(Tx tx, Professional p) throws SQLException {
    try (PreparedStatement ps =
        tx.prepare(
            "INSERT INTO professionals (id, display_name, profession, license_number,"
                + " account_user_id, active, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, p.id().value());
      ps.setString(2, p.displayName());
      ps.setString(3, p.profession());
      ps.setString(4, p.licenseNumber());
      ps.setString(5, p.account().map(UserId::value).orElse(null));
      ps.setBoolean(6, p.active());
      ps.setObject(7, Tx.timestamp(p.createdAt()));
      ps.executeUpdate();
    }
  }

  static void update(Tx tx, Professional p) throws SQLException {
    try (PreparedStatement ps =
        tx.prepare(
            "UPDATE professionals SET display_name = ?, profession = ?, license_number = ?,"
                + " account_user_id = ?, active = ? WHERE id = ?")) {
      ps.setString(1, p.displayName());
      ps.setString(2, p.profession());
      ps.setString(3, p.licenseNumber());
      ps.setString(4, p.account().map(UserId::value).orElse(null));
      ps.setBoolean(5, p.active());
      ps.setString(6, p.id().value());
      ps.executeUpdate();
    }
  }

  static Optional<Professional> find(Tx tx, ProfessionalId id) throws SQLException {
    try (PreparedStatement ps = tx.prepare("SELECT * FROM professionals WHERE id = ?")) {
      ps.setString(1, id.value());
      return first(ps);
    }
  }

  static Optional<Professional> forAccount(Tx tx, UserId account) throws SQLException {
    try (PreparedStatement ps =
        tx.prepare(
            "SELECT * FROM professionals WHERE account_user_id = ? ORDER BY active DESC,"
                + " created_at FETCH FIRST 1 ROWS ONLY")) {
      ps.setString(1, account.value());
      return first(ps);
    }
  }

  static Optional<Professional> byLicense(Tx tx, String licenseNumber) throws SQLException {
    try (PreparedStatement ps =
        tx.prepare(
            "SELECT * FROM professionals WHERE license_number = ? FETCH FIRST 1 ROWS ONLY")) {
      ps.setString(1, licenseNumber);
      return first(ps);
    }
  }

  static List<Professional> list(Tx tx, boolean includeInactive) throws SQLException {
    String sql =
        "SELECT * FROM professionals"
            + (includeInactive ? "" : " WHERE active = TRUE")
            + " ORDER BY display_name, id";
    List<Professional> out = new ArrayList<>();
    try (PreparedStatement ps = tx.prepare(sql);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(map(rs));
      }
    }
    return out;
  }

  private static Optional<Professional> first(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? Optional.of(map(rs)) : Optional.empty();
    }
  }

  private static Professional map(ResultSet rs) throws SQLException {
    String account = rs.getString("account_user_id");
    return new Professional(
        new ProfessionalId(rs.getString("id")),
        rs.getString("display_name"),
        rs.getString("profession"),
        rs.getString("license_number"),
        account == null ? Optional.empty() : Optional.of(new UserId(account)),
        rs.getBoolean("active"),
        Tx.instant(rs, "created_at"));
  }
}
