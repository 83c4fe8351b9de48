package org.meditwin.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.meditwin.core.domain.Patient;
import org.meditwin.core.domain.PatientId;
import org.meditwin.core.domain.Sex;

/** SQL of the patients table. */
final class PatientRepository {

  private static final String COLUMNS =
      "id, mrn, given_name, family_name, birth_date, sex, phone, email, address, notes,"
          + " synthetic, created_at, updated_at";

  private PatientRepository() {}

  static void insert(Tx tx, Patient p) throws SQLException {
    try (PreparedStatement ps =
        tx.prepare(
            "INSERT INTO patients ("
                + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      bind(ps, p);
      ps.executeUpdate();
    }
    try (PreparedStatement ps =
        tx.prepare(
            "INSERT INTO patient_search (sort_key, search_text, patient_id) VALUES (?, ?, ?)")) {
      bindSearch(ps, p);
      ps.executeUpdate();
    }
  }

  static void update(Tx tx, Patient p) throws SQLException {
    try (PreparedStatement ps =
        tx.prepare(
            "UPDATE patients SET id = ?, mrn = ?, given_name = ?, family_name = ?, birth_date = ?,"
                + " sex = ?, phone = ?, email = ?, address = ?, notes = ?, synthetic = ?,"
                + " created_at = ?, updated_at = ? WHERE id = ?")) {
      bind(ps, p);
      ps.setString(14, p.id().value());
      ps.executeUpdate();
    }
    try (PreparedStatement ps =
        tx.prepare(
            "UPDATE patient_search SET sort_key = ?, search_text = ? WHERE patient_id = ?")) {
      bindSearch(ps, p);
      ps.executeUpdate();
    }
  }

  private static void bindSearch(PreparedStatement ps, Patient p) throws SQLException {
    ps.setString(1, SearchText.sortKey(p.familyName(), p.givenName()));
    ps.setString(
        2, SearchText.forPatient(p.givenName(), p.familyName(), p.mrn(), p.phone(), p.email()));
    ps.setString(3, p.id().value());
  }

  private static void bind(PreparedStatement ps, Patient p) throws SQLException {
    ps.setString(1, p.id().value());
    ps.setString(2, p.mrn());
    ps.setString(3, p.givenName());
    ps.setString(4, p.familyName());
    ps.setObject(5, p.birthDate().orElse(null));
    ps.setString(6, p.sex().name());
    ps.setString(7, p.phone());
    ps.setString(8, p.email());
    ps.setString(9, p.address());
    ps.setString(10, p.notes());
    ps.setBoolean(11, p.synthetic());
    ps.setObject(12, Tx.timestamp(p.createdAt()));
    ps.setObject(13, Tx.timestamp(p.updatedAt()));
  }

  static Optional<Patient> find(Tx tx, PatientId id) throws SQLException {
    try (PreparedStatement ps = tx.prepare("SELECT " + COLUMNS + " FROM patients WHERE id = ?")) {
      ps.setString(1, id.value());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(map(rs)) : Optional.empty();
      }
    }
  }

  /** Id of the patient holding this MRN (case-insensitive), if any. */
  static Optional<PatientId> idForMrn(Tx tx, String mrn) throws SQLException {
    try (PreparedStatement ps = tx.prepare("SELECT id FROM patients WHERE LOWER(mrn) = LOWER(?)")) {
      ps.setString(1, mrn);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(new PatientId(rs.getString(1))) : Optional.empty();
      }
    }
  }

  static List<Patient> recent(Tx tx, int limit) throws SQLException {
    try (PreparedStatement ps =
        tx.prepare(
            "SELECT "
                + COLUMNS
                + " FROM patients ORDER BY updated_at DESC FETCH FIRST ? ROWS ONLY")) {
      ps.setInt(1, limit);
      return list(ps);
    }
  }

  /**
   * Every token must occur in the normalised search key; tokens with digits also match the
   * digits-only phone ("555-0101" finds "(555) 0101").
   */
  static List<Patient> search(Tx tx, List<String> tokens, int limit) throws SQLException {
    StringBuilder sql =
        new StringBuilder("SELECT patient_id, sort_key FROM patient_search WHERE 1 = 1");
    List<String> args = new ArrayList<>();
    for (String t : tokens) {
      String digits = SearchText.digits(t);
      if (digits.length() >= 3 && !digits.equals(t)) {
        sql.append(" AND (LOCATE(?, search_text) > 0 OR LOCATE(?, search_text) > 0)");
        args.add(t);
        args.add(digits);
      } else {
        // Plain substring test: H2 re-compiles a LIKE pattern bound as a parameter for every
        // row, which made this scan several times slower.
        sql.append(" AND LOCATE(?, search_text) > 0");
        args.add(t);
      }
    }
    sql.append(" ORDER BY sort_key, patient_id FETCH FIRST ? ROWS ONLY");
    // Match on the narrow search table, then fetch only the rows shown.
    String query =
        "SELECT p.* FROM ("
            + sql
            + ") s JOIN patients p ON p.id = s.patient_id ORDER BY s.sort_key, s.patient_id";
    try (PreparedStatement ps = tx.prepare(query)) {
      int i = 1;
      for (String a : args) {
        ps.setString(i++, a);
      }
      ps.setInt(i, limit);
      return list(ps);
    }
  }

  static int count(Tx tx) throws SQLException {
    try (PreparedStatement ps = tx.prepare("SELECT COUNT(*) FROM patients");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    }
  }

  static int countVisits(Tx tx, PatientId id) throws SQLException {
    try (PreparedStatement ps =
        tx.prepare("SELECT COUNT(*) FROM visit_sessions WHERE patient_id = ?")) {
      ps.setString(1, id.value());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  static boolean delete(Tx tx, PatientId id) throws SQLException {
    try (PreparedStatement ps = tx.prepare("DELETE FROM patients WHERE id = ?")) {
      ps.setString(1, id.value());
      return ps.executeUpdate() == 1;
    }
  }

  private static List<Patient> list(PreparedStatement ps) throws SQLException {
    List<Patient> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(map(rs));
      }
    }
    return out;
  }

  private static Patient map(ResultSet rs) throws SQLException {
    LocalDate birth = rs.getObject("birth_date", LocalDate.class);
    return new Patient(
        new PatientId(rs.getString("id")),
        rs.getString("mrn"),
        rs.getString("given_name"),
        rs.getString("family_name"),
        birth == null ? Optional.empty() : Optional.of(birth),
        Sex.valueOf(rs.getString("sex")),
        rs.getString("phone"),
        rs.getString("email"),
        rs.getString("address"),
        rs.getString("notes"),
        rs.getBoolean("synthetic"),
        Tx.instant(rs, "created_at"),
        Tx.instant(rs, "updated_at"));
  }
}
