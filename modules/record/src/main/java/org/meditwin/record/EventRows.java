package org.meditwin.record;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/** JDBC mapping of {@code record_event} rows. */
final class EventRows {
  static final String COLUMNS =
      "id, patient_id, event_type, title, code, event_date, end_date, body_part, laterality,"
          + " severity, status, num_value, unit, source_kind, source_id, source_page, source_start,"
          + " source_end";

  static final String INSERT =
      "INSERT INTO record_event ("
          + COLUMNS
          + ", created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

  static final String UPDATE =
      "UPDATE record_event SET event_type=?, title=?, code=?, event_date=?, end_date=?,"
          + " body_part=?, laterality=?, severity=?, status=?, num_value=?, unit=?, source_kind=?,"
          + " source_id=?, source_page=?, source_start=?, source_end=?, updated_at=?"
          + " WHERE id=? AND patient_id=?";

  private EventRows() {}

  static void bindInsert(PreparedStatement ps, ClinicalEvent e, Instant now) throws SQLException {
    ps.setString(1, e.id());
    ps.setString(2, e.patientId());
    bindBody(ps, 3, e);
    OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
    ps.setObject(19, at);
    ps.setObject(20, at);
  }

  static void bindUpdate(PreparedStatement ps, ClinicalEvent e, Instant now) throws SQLException {
    bindBody(ps, 1, e);
    ps.setObject(17, now.atOffset(ZoneOffset.UTC));
    ps.setString(18, e.id());
    ps.setString(19, e.patientId());
  }

  /** Binds the 16 columns from event_type to source_end starting at {@code i}. */
  private static void bindBody(PreparedStatement ps, int i, ClinicalEvent e) throws SQLException {
    ps.setString(i++, e.type().name());
    ps.setString(i++, e.title());
    setOpt(ps, i++, e.code());
    ps.setDate(i++, Date.valueOf(e.date()));
    if (e.endDate().isPresent()) {
      ps.setDate(i++, Date.valueOf(e.endDate().get()));
    } else {
      ps.setNull(i++, Types.DATE);
    }
    setOpt(ps, i++, e.bodyPart());
    ps.setString(i++, e.laterality().name());
    setOpt(ps, i++, e.severity());
    ps.setString(i++, e.status().name());
    if (e.value().isPresent()) {
      ps.setDouble(i++, e.value().getAsDouble());
    } else {
      ps.setNull(i++, Types.DOUBLE);
    }
    setOpt(ps, i++, e.unit());
    Provenance p = e.provenance();
    ps.setString(i++, p.sourceKind());
    ps.setString(i++, p.sourceId());
    setOptInt(ps, i++, p.page());
    setOptInt(ps, i++, p.start());
    setOptInt(ps, i, p.end());
  }

  static ClinicalEvent read(ResultSet rs) throws SQLException {
    Date end = rs.getDate("end_date");
    double v = rs.getDouble("num_value");
    OptionalDouble value = rs.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(v);
    return new ClinicalEvent(
        rs.getString("id"),
        rs.getString("patient_id"),
        EventType.valueOf(rs.getString("event_type")),
        rs.getString("title"),
        Optional.ofNullable(rs.getString("code")),
        rs.getDate("event_date").toLocalDate(),
        end == null ? Optional.empty() : Optional.of(end.toLocalDate()),
        Optional.ofNullable(rs.getString("body_part")),
        Laterality.valueOf(rs.getString("laterality")),
        Optional.ofNullable(rs.getString("severity")),
        EventStatus.valueOf(rs.getString("status")),
        value,
        Optional.ofNullable(rs.getString("unit")),
        new Provenance(
            rs.getString("source_kind"),
            rs.getString("source_id"),
            optInt(rs, "source_page"),
            optInt(rs, "source_start"),
            optInt(rs, "source_end")));
  }

  private static OptionalInt optInt(ResultSet rs, String col) throws SQLException {
    int v = rs.getInt(col);
    return rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(v);
  }

  private static void setOpt(PreparedStatement ps, int i, Optional<String> v) throws SQLException {
    if (v.isPresent()) {
      ps.setString(i, v.get());
    } else {
      ps.setNull(i, Types.VARCHAR);
    }
  }

  private static void setOptInt(PreparedStatement ps, int i, OptionalInt v) throws SQLException {
    if (v.isPresent()) {
      ps.setInt(i, v.getAsInt());
    } else {
      ps.setNull(i, Types.INTEGER);
    }
  }
}
