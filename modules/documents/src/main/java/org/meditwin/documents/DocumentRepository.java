package org.meditwin.documents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.meditwin.core.service.ClinicalStore.Tx;

/** SQL over the V350 tables; every method runs inside the caller's transaction. */
final class DocumentRepository {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SUMMARY_COLUMNS =
      "id, patient_id, file_name, format, size_bytes, sha256, status, failure, failure_detail,"
          + " pages, ocr_pages, text_chars, attempts, created_at, updated_at";

  private DocumentRepository() {}

  static void insert(Tx tx, DocumentSummary d, byte[] original) throws SQLException {
    try (PreparedStatement ps =
        tx.connection()
            .prepareStatement(
                "INSERT INTO doc_document (id, patient_id, file_name, format, size_bytes, sha256,"
                    + " original, status, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)")) {
      ps.setString(1, d.id());
      ps.setString(2, d.patientId());
      ps.setString(3, d.fileName());
      ps.setString(4, d.format().name());
      ps.setLong(5, d.sizeBytes());
      ps.setString(6, d.sha256());
      ps.setBytes(7, original);
      ps.setString(8, d.status().name());
      ps.setObject(9, utc(d.createdAt()));
      ps.setObject(10, utc(d.updatedAt()));
      ps.executeUpdate();
    }
  }

  static Optional<DocumentSummary> byHash(Tx tx, String patientId, String sha256)
      throws SQLException {
    return one(
        tx,
        "SELECT " + SUMMARY_COLUMNS + " FROM doc_document WHERE patient_id = ? AND sha256 = ?",
        patientId,
        sha256);
  }

  static Optional<DocumentSummary> find(Tx tx, String id) throws SQLException {
    return one(tx, "SELECT " + SUMMARY_COLUMNS + " FROM doc_document WHERE id = ?", id);
  }

  static List<DocumentSummary> forPatient(Tx tx, String patientId) throws SQLException {
    return many(
        tx,
        "SELECT "
            + SUMMARY_COLUMNS
            + " FROM doc_document WHERE patient_id = ?"
            + " ORDER BY created_at DESC, id",
        patientId);
  }

  /** Ids of jobs in {@code status}, oldest first (no PHI). */
  static List<String> idsWithStatus(Tx tx, DocumentStatus status) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement ps =
        tx.connection()
            .prepareStatement(
                "SELECT id FROM doc_document WHERE status = ? ORDER BY created_at, id")) {
      ps.setString(1, status.name());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  /** Ids of finished documents not yet in the patient-record index. */
  static List<String> unindexed(Tx tx) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement ps =
            tx.connection()
                .prepareStatement(
                    "SELECT id FROM doc_document WHERE status = 'DONE' AND NOT indexed"
                        + " ORDER BY created_at");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  static byte[] original(Tx tx, String id) throws SQLException {
    try (PreparedStatement ps =
        tx.connection().prepareStatement("SELECT original FROM doc_document WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new java.util.NoSuchElementException("no such document");
        }
        return rs.getBytes(1);
      }
    }
  }

  static int setStatus(
      Tx tx,
      String id,
      DocumentStatus status,
      Optional<FailureReason> failure,
      Optional<String> detail,
      boolean countAttempt)
      throws SQLException {
    try (PreparedStatement ps =
        tx.connection()
            .prepareStatement(
                "UPDATE doc_document SET status = ?, failure = ?, failure_detail = ?,"
                    + " attempts = attempts + ?, updated_at = ? WHERE id = ?")) {
      ps.setString(1, status.name());
      ps.setString(2, failure.map(Enum::name).orElse(null));
      ps.setString(3, detail.map(s -> s.length() > 300 ? s.substring(0, 300) : s).orElse(null));
      ps.setInt(4, countAttempt ? 1 : 0);
      ps.setObject(5, utc(tx.now()));
      ps.setString(6, id);
      return ps.executeUpdate();
    }
  }

  static void markIndexed(Tx tx, String id) throws SQLException {
    try (PreparedStatement ps =
        tx.connection().prepareStatement("UPDATE doc_document SET indexed = TRUE WHERE id = ?")) {
      ps.setString(1, id);
      ps.executeUpdate();
    }
  }

  /** Stores a finished job's results (replacing any from an earlier attempt) and marks it DONE. */
  static void saveResults(
      Tx tx,
      String id,
      List<DocumentPage> pages,
      int ocrPages,
      List<DocumentEntity> entities,
      List<ProposedEvent> events)
      throws SQLException {
    Connection c = tx.connection();
    for (String table : List.of("doc_page", "doc_entity", "doc_proposed_event")) {
      try (PreparedStatement ps =
          c.prepareStatement("DELETE FROM " + table + " WHERE document_id = ?")) {
        ps.setString(1, id);
        ps.executeUpdate();
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO doc_page (document_id, page_no, method, text, boxes, ocr_confidence,"
                + " aspect) VALUES (?,?,?,?,?,?,?)")) {
      for (DocumentPage p : pages) {
        ps.setString(1, id);
        ps.setInt(2, p.page());
        ps.setString(3, p.method().name());
        ps.setString(4, p.text());
        ps.setBytes(5, boxes(p.boxes()));
        if (p.ocrConfidence().isPresent()) {
          ps.setDouble(6, p.ocrConfidence().getAsDouble());
        } else {
          ps.setNull(6, Types.DOUBLE);
        }
        ps.setDouble(7, p.aspect());
        ps.addBatch();
      }
      ps.executeBatch();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "MERGE INTO doc_entity (document_id, page_no, start_offset, end_offset, entity_type,"
                + " negated, uncertain, historical, experiencer) KEY (document_id, page_no,"
                + " start_offset, end_offset, entity_type) VALUES (?,?,?,?,?,?,?,?,?)")) {
      for (DocumentEntity e : entities) {
        ps.setString(1, id);
        ps.setInt(2, e.page());
        ps.setInt(3, e.start());
        ps.setInt(4, e.end());
        ps.setString(5, e.type());
        ps.setBoolean(6, e.negated());
        ps.setBoolean(7, e.uncertain());
        ps.setBoolean(8, e.historical());
        ps.setString(9, e.experiencer());
        ps.addBatch();
      }
      ps.executeBatch();
    }
    for (ProposedEvent e : events) {
      insertProposal(tx, e);
    }
    int chars = pages.stream().mapToInt(p -> p.text().length()).sum();
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE doc_document SET status = 'DONE', failure = NULL, failure_detail = NULL,"
                + " pages = ?, ocr_pages = ?, text_chars = ?, indexed = FALSE, updated_at = ?"
                + " WHERE id = ?")) {
      ps.setInt(1, pages.size());
      ps.setInt(2, ocrPages);
      ps.setInt(3, chars);
      ps.setObject(4, utc(tx.now()));
      ps.setString(5, id);
      ps.executeUpdate();
    }
  }

  static void insertProposal(Tx tx, ProposedEvent e) throws SQLException {
    try (PreparedStatement ps =
        tx.connection()
            .prepareStatement(
                "INSERT INTO doc_proposed_event (id, document_id, patient_id, event_type, title,"
                    + " event_date, date_source, body_part, laterality, severity, num_value, unit,"
                    + " uncertain, historical, page_no, start_offset, end_offset, status,"
                    + " timeline_event_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
      ps.setString(1, e.id());
      ps.setString(2, e.documentId());
      ps.setString(3, e.patientId());
      ps.setString(4, e.type().name());
      ps.setString(5, e.title());
      ps.setObject(6, e.date());
      ps.setString(7, e.dateSource().name());
      ps.setString(8, e.bodyPart().orElse(null));
      ps.setString(9, e.laterality().name());
      ps.setString(10, e.severity().orElse(null));
      if (e.value().isPresent()) {
        ps.setDouble(11, e.value().getAsDouble());
      } else {
        ps.setNull(11, Types.DOUBLE);
      }
      ps.setString(12, e.unit().orElse(null));
      ps.setBoolean(13, e.uncertain());
      ps.setBoolean(14, e.historical());
      ps.setInt(15, e.page());
      ps.setInt(16, e.start());
      ps.setInt(17, e.end());
      ps.setString(18, e.status().name());
      ps.setString(19, e.timelineEventId().orElse(null));
      ps.executeUpdate();
    }
  }

  static void updateProposal(Tx tx, ProposedEvent e) throws SQLException {
    try (PreparedStatement ps =
        tx.connection()
            .prepareStatement(
                "UPDATE doc_proposed_event SET event_type = ?, title = ?, event_date = ?,"
                    + " date_source = ?, body_part = ?, laterality = ?, severity = ?, status = ?,"
                    + " timeline_event_id = ?, decided_at = ? WHERE id = ?")) {
      ps.setString(1, e.type().name());
      ps.setString(2, e.title());
      ps.setObject(3, e.date());
      ps.setString(4, e.dateSource().name());
      ps.setString(5, e.bodyPart().orElse(null));
      ps.setString(6, e.laterality().name());
      ps.setString(7, e.severity().orElse(null));
      ps.setString(8, e.status().name());
      ps.setString(9, e.timelineEventId().orElse(null));
      ps.setObject(10, e.status() == ProposalStatus.PROPOSED ? null : utc(tx.now()));
      ps.setString(11, e.id());
      ps.executeUpdate();
    }
  }

  static Optional<ProposedEvent> proposal(Tx tx, String id) throws SQLException {
    List<ProposedEvent> l = proposals(tx, "id = ?", id);
    return l.isEmpty() ? Optional.empty() : Optional.of(l.getFirst());
  }

  static List<ProposedEvent> proposals(Tx tx, String documentId) throws SQLException {
    return proposals(tx, "document_id = ?", documentId);
  }

  private static List<ProposedEvent> proposals(Tx tx, String where, String arg)
      throws SQLException {
    List<ProposedEvent> out = new ArrayList<>();
    try (PreparedStatement ps =
        tx.connection()
            .prepareStatement(
                "SELECT id, document_id, patient_id, event_type, title, event_date, date_source,"
                    + " body_part, laterality, severity, num_value, unit, uncertain, historical,"
                    + " page_no, start_offset, end_offset, status, timeline_event_id"
                    + " FROM doc_proposed_event WHERE "
                    + where
                    + " ORDER BY page_no, start_offset, id")) {
      ps.setString(1, arg);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          double v = rs.getDouble(11);
          OptionalDouble value = rs.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(v);
          out.add(
              new ProposedEvent(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  ProposedEventType.valueOf(rs.getString(4)),
                  rs.getString(5),
                  rs.getObject(6, LocalDate.class),
                  DateSource.valueOf(rs.getString(7)),
                  Optional.ofNullable(rs.getString(8)),
                  Side.valueOf(rs.getString(9)),
                  Optional.ofNullable(rs.getString(10)),
                  value,
                  Optional.ofNullable(rs.getString(12)),
                  rs.getBoolean(13),
                  rs.getBoolean(14),
                  rs.getInt(15),
                  rs.getInt(16),
                  rs.getInt(17),
                  ProposalStatus.valueOf(rs.getString(18)),
                  Optional.ofNullable(rs.getString(19))));
        }
      }
    }
    return out;
  }

  static List<DocumentPage> pages(Tx tx, String documentId) throws SQLException {
    List<DocumentPage> out = new ArrayList<>();
    try (PreparedStatement ps =
        tx.connection()
            .prepareStatement(
                "SELECT page_no, method, text, boxes, ocr_confidence, aspect FROM doc_page"
                    + " WHERE document_id = ? ORDER BY page_no")) {
      ps.setString(1, documentId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          double conf = rs.getDouble(5);
          OptionalDouble c = rs.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(conf);
          out.add(
              new DocumentPage(
                  documentId,
                  rs.getInt(1),
                  ExtractionMethod.valueOf(rs.getString(2)),
                  rs.getString(3),
                  boxes(rs.getBytes(4)),
                  c,
                  rs.getDouble(6)));
        }
      }
    }
    return out;
  }

  static List<DocumentEntity> entities(Tx tx, String documentId) throws SQLException {
    List<DocumentEntity> out = new ArrayList<>();
    try (PreparedStatement ps =
        tx.connection()
            .prepareStatement(
                "SELECT page_no, start_offset, end_offset, entity_type, negated, uncertain,"
                    + " historical, experiencer FROM doc_entity WHERE document_id = ?"
                    + " ORDER BY page_no, start_offset")) {
      ps.setString(1, documentId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new DocumentEntity(
                  rs.getInt(1),
                  rs.getInt(2),
                  rs.getInt(3),
                  rs.getString(4),
                  rs.getBoolean(5),
                  rs.getBoolean(6),
                  rs.getBoolean(7),
                  rs.getString(8)));
        }
      }
    }
    return out;
  }

  static boolean delete(Tx tx, String id) throws SQLException {
    try (PreparedStatement ps =
        tx.connection().prepareStatement("DELETE FROM doc_document WHERE id = ?")) {
      ps.setString(1, id);
      return ps.executeUpdate() > 0;
    }
  }

  private static Optional<DocumentSummary> one(Tx tx, String sql, String... args)
      throws SQLException {
    List<DocumentSummary> l = many(tx, sql, args);
    return l.isEmpty() ? Optional.empty() : Optional.of(l.getFirst());
  }

  private static List<DocumentSummary> many(Tx tx, String sql, String... args) throws SQLException {
    List<DocumentSummary> out = new ArrayList<>();
    try (PreparedStatement ps = tx.connection().prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setString(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new DocumentSummary(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  DocumentFormat.valueOf(rs.getString(4)),
                  rs.getLong(5),
                  rs.getString(6),
                  DocumentStatus.valueOf(rs.getString(7)),
                  Optional.ofNullable(rs.getString(8)).map(FailureReason::valueOf),
                  Optional.ofNullable(rs.getString(9)),
                  rs.getInt(10),
                  rs.getInt(11),
                  rs.getInt(12),
                  rs.getInt(13),
                  rs.getObject(14, OffsetDateTime.class).toInstant(),
                  rs.getObject(15, OffsetDateTime.class).toInstant()));
        }
      }
    }
    return out;
  }

  private static OffsetDateTime utc(Instant i) {
    return i.atOffset(ZoneOffset.UTC);
  }

  private static byte[] boxes(List<TextBox> boxes) {
    try {
      return JSON.writeValueAsBytes(boxes);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("boxes not serialisable", e);
    }
  }

  private static List<TextBox> boxes(byte[] json) {
    try {
      return JSON.readValue(json, new TypeReference<List<TextBox>>() {});
    } catch (java.io.IOException e) {
      throw new IllegalStateException("stored text boxes are unreadable", e);
    }
  }
}
