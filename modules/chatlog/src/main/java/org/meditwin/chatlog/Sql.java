package org.meditwin.chatlog;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/** JDBC conversions shared by the repositories of this module. */
final class Sql {
  private Sql() {}

  static void instant(PreparedStatement ps, int i, Instant at) throws SQLException {
    ps.setObject(i, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
  }

  static void optionalInstant(PreparedStatement ps, int i, Optional<Instant> at)
      throws SQLException {
    if (at.isPresent()) {
      instant(ps, i, at.get());
    } else {
      ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
    }
  }

  static void optional(PreparedStatement ps, int i, Optional<String> value) throws SQLException {
    if (value.isPresent()) {
      ps.setString(i, value.get());
    } else {
      ps.setNull(i, Types.VARCHAR);
    }
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class).toInstant();
  }

  static Optional<Instant> optionalInstant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? Optional.empty() : Optional.of(t.toInstant());
  }

  static Optional<String> optional(ResultSet rs, String column) throws SQLException {
    return Optional.ofNullable(rs.getString(column));
  }

  /** Strips, collapses line breaks and cuts {@code text} to {@code max} characters. */
  static String oneLine(String text, int max) {
    String s = text == null ? "" : text.strip().replaceAll("\\s+", " ");
    if (s.length() <= max) {
      return s;
    }
    int cut = max - 1;
    if (Character.isHighSurrogate(s.charAt(cut - 1))) {
      cut--;
    }
    return s.substring(0, cut) + "…";
  }
}
