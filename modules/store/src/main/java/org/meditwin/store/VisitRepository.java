package org.meditwin.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.meditwin.core.domain.PatientId;
import org.meditwin.core.domain.ProfessionalId;
import org.meditwin.core.domain.VisitId;
import org.meditwin.core.domain.VisitSession;
import org.meditwin.core.domain.VisitStatus;

/** SQL of the visit_sessions table. */
final class VisitRepository {
  private VisitRepository() {}

  static void insert(Tx tx, VisitSession v) throws SQLException {
    try (PreparedStatement ps =
        tx.prepare(
            "INSERT INTO visit_sessions (id, patient_id, professional_id, started_at, ended_at,"
                + " reason, status) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, v.id().value());
      ps.setString(2, v.patientId().value());
      ps.setString(3, v.professionalId().value());
      ps.setObject(4, Tx.timestamp(v.startedAt()));
      ps.setObject(5, v.endedAt().map(Tx::timestamp).orElse(null));
      ps.setString(6, v.reason());
      ps.setString(7, v.status().name());
      ps.executeUpdate();
    }
  }

  static void updateStatus(Tx tx, VisitSession v) throws SQLException {
    try (PreparedStatement ps =
        tx.prepare("UPDATE visit_sessions SET status = ?, ended_at = ? WHERE id = ?")) {
      ps.setString(1, v.status().name());
      ps.setObject(2, v.endedAt().map(Tx::timestamp).orElse(null));
      ps.setString(3, v.id().value());
      ps.executeUpdate();
    }
  }

  static Optional<VisitSession> find(Tx tx, VisitId id) throws SQLException {
    try (PreparedStatement ps = tx.prepare("SELECT * FROM visit_sessions WHERE id = ?")) {
      ps.setString(1, id.value());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(map(rs)) : Optional.empty();
      }
    }
  }

  static List<VisitSession> forPatient(Tx tx, PatientId patient) throws SQLException {
    List<VisitSession> out = new ArrayList<>();
    try (PreparedStatement ps =
        tx.prepare(
            "SELECT * FROM visit_sessions WHERE patient_id = ? ORDER BY started_at DESC, id")) {
      ps.setString(1, patient.value());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(map(rs));
        }
      }
    }
    return out;
  }

  private static VisitSession map(ResultSet rs) throws SQLException {
    return new VisitSession(
        new VisitId(rs.getString("id")),
        new PatientId(rs.getString("patient_id")),
        new ProfessionalId(rs.getString("professional_id")),
        Tx.instant(rs, "started_at"),
        Optional.ofNullable(Tx.instant(rs, "ended_at")),
        rs.getString("reason"),
        VisitStatus.valueOf(rs.getString("status")));
  }
}
