package org.meditwin.record.graph;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.meditwin.record.Anatomy;
import org.meditwin.record.Laterality;

/**
 * Reads from the relational store exactly what the graph may hold: ids, type, code, date, the
 * anatomy key (never the free text) and laterality, plus explicit links.
 */
final class GraphProjection {
  /** One event as the graph sees it. */
  record EventRow(
      String id,
      String patientId,
      String type,
      Optional<String> code,
      LocalDate date,
      Optional<String> partKey,
      Laterality side) {}

  /** One link as the graph sees it. */
  record LinkRow(String from, String to, String relation) {}

  private static final String SELECT =
      "SELECT id, patient_id, event_type, code, event_date, body_part, laterality FROM"
          + " record_event";

  private GraphProjection() {}

  static List<EventRow> all(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SELECT + " ORDER BY patient_id, id")) {
      return read(ps);
    }
  }

  static List<EventRow> byIds(Connection c, Collection<String> ids) throws SQLException {
    List<EventRow> out = new ArrayList<>();
    List<String> list = List.copyOf(ids);
    for (int from = 0; from < list.size(); from += 500) {
      List<String> chunk = list.subList(from, Math.min(list.size(), from + 500));
      try (PreparedStatement ps =
          c.prepareStatement(SELECT + " WHERE id IN (" + "?,".repeat(chunk.size() - 1) + "?)")) {
        for (int i = 0; i < chunk.size(); i++) {
          ps.setString(i + 1, chunk.get(i));
        }
        out.addAll(read(ps));
      }
    }
    return out;
  }

  static List<LinkRow> linksFrom(Connection c, Collection<String> fromIds) throws SQLException {
    List<LinkRow> out = new ArrayList<>();
    List<String> list = List.copyOf(fromIds);
    for (int from = 0; from < list.size(); from += 500) {
      List<String> chunk = list.subList(from, Math.min(list.size(), from + 500));
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT from_id, to_id, relation FROM record_event_link WHERE from_id IN ("
                  + "?,".repeat(chunk.size() - 1)
                  + "?)")) {
        for (int i = 0; i < chunk.size(); i++) {
          ps.setString(i + 1, chunk.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new LinkRow(rs.getString(1), rs.getString(2), rs.getString(3)));
          }
        }
      }
    }
    return out;
  }

  static List<LinkRow> allLinks(Connection c) throws SQLException {
    List<LinkRow> out = new ArrayList<>();
    try (PreparedStatement ps =
            c.prepareStatement("SELECT from_id, to_id, relation FROM record_event_link");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new LinkRow(rs.getString(1), rs.getString(2), rs.getString(3)));
      }
    }
    return out;
  }

  private static List<EventRow> read(PreparedStatement ps) throws SQLException {
    Anatomy anatomy = Anatomy.standard();
    List<EventRow> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        Optional<String> part = Optional.empty();
        Laterality side = Laterality.valueOf(rs.getString(7));
        String text = rs.getString(6);
        if (text != null) {
          Optional<Anatomy.BodyPart> bp = anatomy.resolve(text);
          if (bp.isEmpty()) {
            bp = anatomy.infer(text).map(Anatomy.Site::part);
          }
          part = bp.map(Anatomy.BodyPart::key);
          if (bp.isPresent() && !bp.get().paired()) {
            side = Laterality.NONE;
          }
        }
        out.add(
            new EventRow(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                Optional.ofNullable(rs.getString(4)),
                rs.getDate(5).toLocalDate(),
                part,
                side));
      }
    }
    return out;
  }
}
