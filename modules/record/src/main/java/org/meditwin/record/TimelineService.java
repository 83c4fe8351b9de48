package org.meditwin.record;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import org.meditwin.core.domain.AuditAction;
import org.meditwin.core.service.ClinicalStore;
import org.meditwin.core.service.UserSession;

/**
 * A patient's timeline of clinical events, persisted in the encrypted store ({@code record_event},
 * Flyway V300). Every call that reads or writes event content runs inside one audited transaction:
 * {@code PHI_CREATE/UPDATE/DELETE} per event, {@code PHI_SEARCH} per query, {@code PHI_READ} for
 * statistics and single reads, {@code PHI_IMPORT} per import. Each change also records the event id
 * in the knowledge-graph outbox so the graph follows the record (ADR 0112) and in the search-index
 * outbox so the patient-record index follows it ({@link EventIndexFeed}, ADR 0132).
 *
 * <p>Thread-safe (the store serialises transactions); cheap to create.
 */
public final class TimelineService {

  static final String TARGET_EVENT = "timeline-event";
  static final String TARGET_TIMELINE = "timeline";

  private final ClinicalStore store;
  private final Anatomy anatomy;

  private TimelineService(ClinicalStore store, Anatomy anatomy) {
    this.store = Objects.requireNonNull(store, "store");
    this.anatomy = anatomy;
  }

  /** The signed-in user's timeline service. */
  public static TimelineService of(UserSession session) {
    return new TimelineService(session.clinicalStore(), Anatomy.standard());
  }

  /** For adapters that already hold the store (same behaviour as {@link #of}). */
  public static TimelineService of(ClinicalStore store) {
    return new TimelineService(store, Anatomy.standard());
  }

  /** A link from one event to another, named by provenance source ids (used by imports). */
  public record SourceLink(String fromSourceId, String toSourceId, EventRelation relation) {}

  /** An event related to another one, with the reason. */
  public record RelatedEvent(ClinicalEvent event, EventRelation relation, boolean outgoing) {}

  /** Outcome of {@link #importEvents}. */
  public record ImportOutcome(List<ClinicalEvent> events, int created, int updated, int links) {}

  /**
   * Stores a new event (a blank id gets a random one) and returns it as stored.
   *
   * @throws IllegalArgumentException when the patient does not exist or the id is taken
   */
  public ClinicalEvent add(ClinicalEvent event) {
    return addAll(List.of(event)).getFirst();
  }

  /** Stores several events in ONE transaction: all of them or none. */
  public List<ClinicalEvent> addAll(List<ClinicalEvent> events) {
    List<ClinicalEvent> withIds = new ArrayList<>(events.size());
    for (ClinicalEvent e : events) {
      withIds.add(e.id().isEmpty() ? e.withId(UUID.randomUUID().toString()) : e);
    }
    if (withIds.isEmpty()) {
      return List.of();
    }
    return store.write(
        tx -> {
          insert(tx, withIds);
          for (ClinicalEvent e : withIds) {
            tx.audit(AuditAction.PHI_CREATE, TARGET_EVENT, e.id(), true, "type=" + e.type());
          }
          return List.copyOf(withIds);
        });
  }

  /**
   * Replaces an existing event's content (its patient cannot change).
   *
   * @throws NoSuchElementException when no such event exists for that patient
   */
  public ClinicalEvent update(ClinicalEvent event) {
    if (event.id().isEmpty()) {
      throw new IllegalArgumentException("Only a stored event (with an id) can be updated.");
    }
    return store.write(
        tx -> {
          int n;
          try (PreparedStatement ps = tx.connection().prepareStatement(EventRows.UPDATE)) {
            EventRows.bindUpdate(ps, event, tx.now());
            n = ps.executeUpdate();
          }
          if (n == 0) {
            throw new NoSuchElementException("That timeline event no longer exists.");
          }
          outbox(tx.connection(), List.of(event), "UPSERT");
          tx.audit(AuditAction.PHI_UPDATE, TARGET_EVENT, event.id(), true, "type=" + event.type());
          return event;
        });
  }

  /** Deletes an event (and its links); false when it did not exist. */
  public boolean delete(String id) {
    Objects.requireNonNull(id, "id");
    return store.write(
        tx -> {
          Optional<String> patient = patientOf(tx.connection(), id);
          if (patient.isEmpty()) {
            return false;
          }
          try (PreparedStatement ps =
              tx.connection().prepareStatement("DELETE FROM record_event WHERE id=?")) {
            ps.setString(1, id);
            ps.executeUpdate();
          }
          outbox(tx.connection(), id, patient.get(), "DELETE");
          tx.audit(AuditAction.PHI_DELETE, TARGET_EVENT, id, true, "");
          return true;
        });
  }

  /** One event by id. */
  public Optional<ClinicalEvent> get(String id) {
    return store.write(
        tx -> {
          Optional<ClinicalEvent> e = byId(tx.connection(), id);
          tx.audit(AuditAction.PHI_READ, TARGET_EVENT, id, e.isPresent(), "");
          return e;
        });
  }

  /**
   * The patient's events among {@code ids} (unknown ids and other patients' events are left out),
   * in clinical-date order; one audit entry. Used to turn knowledge-graph answers (ids only) back
   * into events.
   */
  public List<ClinicalEvent> findByIds(String patientId, java.util.Collection<String> ids) {
    Objects.requireNonNull(patientId, "patientId");
    if (ids.isEmpty()) {
      return List.of();
    }
    List<String> list = List.copyOf(new java.util.LinkedHashSet<>(ids));
    return store.write(
        tx -> {
          List<ClinicalEvent> out = new ArrayList<>();
          for (int from = 0; from < list.size(); from += 500) {
            List<String> chunk = list.subList(from, Math.min(list.size(), from + 500));
            List<Object> args = new ArrayList<>();
            args.add(patientId);
            args.addAll(chunk);
            out.addAll(
                query(
                    tx.connection(),
                    "SELECT "
                        + EventRows.COLUMNS
                        + " FROM record_event WHERE patient_id=? AND id IN ("
                        + "?,".repeat(chunk.size() - 1)
                        + "?)",
                    args));
          }
          out.sort(
              java.util.Comparator.comparing(ClinicalEvent::date).thenComparing(ClinicalEvent::id));
          tx.audit(AuditAction.PHI_READ, TARGET_TIMELINE, patientId, true, "byIds=" + out.size());
          return out;
        });
  }

  /** The patient's events matching {@code filter}, in clinical-date order (then id). */
  public List<ClinicalEvent> find(String patientId, EventFilter filter) {
    Objects.requireNonNull(patientId, "patientId");
    Objects.requireNonNull(filter, "filter");
    StringBuilder sql =
        new StringBuilder("SELECT ")
            .append(EventRows.COLUMNS)
            .append(" FROM record_event WHERE patient_id=?");
    List<Object> args = new ArrayList<>();
    args.add(patientId);
    if (!filter.types().isEmpty()) {
      sql.append(" AND event_type IN (")
          .append("?,".repeat(filter.types().size() - 1))
          .append("?)");
      filter.types().stream().sorted().forEach(t -> args.add(t.name()));
    }
    filter
        .from()
        .ifPresent(
            d -> {
              sql.append(" AND event_date >= ?");
              args.add(Date.valueOf(d));
            });
    filter
        .to()
        .ifPresent(
            d -> {
              sql.append(" AND event_date <= ?");
              args.add(Date.valueOf(d));
            });
    filter
        .text()
        .ifPresent(
            t -> {
              sql.append(
                  " AND (LOWER(title) LIKE ? ESCAPE '\\' OR LOWER(code) LIKE ? ESCAPE '\\'"
                      + " OR LOWER(body_part) LIKE ? ESCAPE '\\')");
              String like = "%" + escapeLike(t.toLowerCase(java.util.Locale.ROOT)) + "%";
              args.add(like);
              args.add(like);
              args.add(like);
            });
    filter.bodyPart().ifPresent(part -> appendBodyPart(sql, args, part));
    sql.append(" ORDER BY event_date, id");
    return store.write(
        tx -> {
          List<ClinicalEvent> out = query(tx.connection(), sql.toString(), args);
          tx.audit(
              AuditAction.PHI_SEARCH,
              TARGET_TIMELINE,
              patientId,
              true,
              "results=" + out.size() + describe(filter));
          return out;
        });
  }

  /**
   * The patient's events on {@code bodyPart} or any part inside it, on {@code side} (bilateral
   * events count for both sides; {@link Laterality#NONE} asks for every side), in date order. This
   * is the relational answer to "what affects the left ear?"; the knowledge graph gives the same
   * set plus related events.
   */
  public List<ClinicalEvent> affecting(String patientId, String bodyPart, Laterality side) {
    return find(patientId, EventFilter.all().withBodyPart(bodyPart)).stream()
        .filter(e -> e.laterality().affects(side))
        .toList();
  }

  /** Summary statistics: counts by type and year, active problems, current medications. */
  public TimelineStats stats(String patientId) {
    Objects.requireNonNull(patientId, "patientId");
    return store.write(
        tx -> {
          Connection c = tx.connection();
          Map<EventType, Integer> byType = new EnumMap<>(EventType.class);
          for (EventType t : EventType.values()) {
            byType.put(t, 0);
          }
          SortedMap<Integer, Integer> byYear = new TreeMap<>();
          SortedMap<Integer, Map<EventType, Integer>> byYearType = new TreeMap<>();
          int total = 0;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT event_type, EXTRACT(YEAR FROM event_date) AS y, COUNT(*) FROM"
                      + " record_event WHERE patient_id=? GROUP BY event_type, y")) {
            ps.setString(1, patientId);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                EventType t = EventType.valueOf(rs.getString(1));
                int y = rs.getInt(2);
                int n = rs.getInt(3);
                total += n;
                byType.merge(t, n, Integer::sum);
                byYear.merge(y, n, Integer::sum);
                byYearType
                    .computeIfAbsent(y, k -> new EnumMap<>(EventType.class))
                    .merge(t, n, Integer::sum);
              }
            }
          }
          Optional<LocalDate> first = Optional.empty();
          Optional<LocalDate> last = Optional.empty();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT MIN(event_date), MAX(event_date) FROM record_event WHERE patient_id=?")) {
            ps.setString(1, patientId);
            try (ResultSet rs = ps.executeQuery()) {
              if (rs.next() && rs.getDate(1) != null) {
                first = Optional.of(rs.getDate(1).toLocalDate());
                last = Optional.of(rs.getDate(2).toLocalDate());
              }
            }
          }
          LocalDate today = LocalDate.ofInstant(tx.now(), ZoneOffset.UTC);
          String current =
              "SELECT "
                  + EventRows.COLUMNS
                  + " FROM record_event WHERE patient_id=? AND event_type IN (%s) AND"
                  + " status='ACTIVE' AND (end_date IS NULL OR end_date >= ?) ORDER BY event_date"
                  + " DESC, id";
          List<ClinicalEvent> problems =
              query(
                  c,
                  current.formatted("'DIAGNOSIS','SYMPTOM'"),
                  List.of(patientId, Date.valueOf(today)));
          List<ClinicalEvent> meds =
              query(c, current.formatted("'MEDICATION'"), List.of(patientId, Date.valueOf(today)));
          Map<EventType, Integer> typed = new LinkedHashMap<>(byType);
          tx.audit(AuditAction.PHI_READ, TARGET_TIMELINE, patientId, true, "stats total=" + total);
          return new TimelineStats(
              total,
              typed,
              byYear,
              byYearType,
              TimelineStats.newestPerTitle(problems),
              TimelineStats.newestPerTitle(meds),
              first,
              last);
        });
  }

  /** Number of events of a patient (no PHI: a count). */
  public int count(String patientId) {
    return store.read(
        tx -> {
          try (PreparedStatement ps =
              tx.connection()
                  .prepareStatement("SELECT COUNT(*) FROM record_event WHERE patient_id=?")) {
            ps.setString(1, patientId);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return rs.getInt(1);
            }
          }
        });
  }

  /** Records that {@code fromId} relates to {@code toId} (both must exist; idempotent). */
  public void relate(String fromId, String toId, EventRelation relation) {
    store.write(
        tx -> {
          Optional<String> a = patientOf(tx.connection(), fromId);
          Optional<String> b = patientOf(tx.connection(), toId);
          if (a.isEmpty() || b.isEmpty()) {
            throw new NoSuchElementException("That timeline event no longer exists.");
          }
          if (!a.equals(b)) {
            throw new IllegalArgumentException("Events of different patients cannot be related.");
          }
          insertLink(tx.connection(), fromId, toId, relation);
          outbox(tx.connection(), fromId, a.get(), "UPSERT");
          tx.audit(AuditAction.PHI_UPDATE, TARGET_EVENT, fromId, true, "relate " + relation);
          return null;
        });
  }

  /** Events linked to {@code eventId} in either direction. */
  public List<RelatedEvent> related(String eventId) {
    return store.write(
        tx -> {
          List<RelatedEvent> out = new ArrayList<>();
          String sql =
              "SELECT l.relation, l.from_id = ? AS outgoing, "
                  + prefixed("e")
                  + " FROM record_event_link l JOIN record_event e ON e.id = CASE WHEN l.from_id"
                  + " = ? THEN l.to_id ELSE l.from_id END WHERE l.from_id = ? OR l.to_id = ?"
                  + " ORDER BY e.event_date, e.id";
          try (PreparedStatement ps = tx.connection().prepareStatement(sql)) {
            for (int i = 1; i <= 4; i++) {
              ps.setString(i, eventId);
            }
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new RelatedEvent(
                        EventRows.read(rs),
                        EventRelation.valueOf(rs.getString("relation")),
                        rs.getBoolean("outgoing")));
              }
            }
          }
          tx.audit(AuditAction.PHI_READ, TARGET_EVENT, eventId, true, "related=" + out.size());
          return out;
        });
  }

  /**
   * Imports events for ONE patient in one transaction (all or nothing): an event whose provenance
   * (kind + source id) is already stored for the patient is updated in place, so importing the same
   * source twice creates no duplicates. Links name events by provenance source id; links to sources
   * not in the record are ignored.
   */
  public ImportOutcome importEvents(
      String patientId, List<ClinicalEvent> events, List<SourceLink> links) {
    Objects.requireNonNull(patientId, "patientId");
    for (ClinicalEvent e : events) {
      if (!e.patientId().equals(patientId)) {
        throw new IllegalArgumentException("All imported events must belong to the one patient.");
      }
    }
    return store.write(
        tx -> {
          Connection c = tx.connection();
          Map<String, String> existing = new HashMap<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT source_kind, source_id, id FROM record_event WHERE patient_id=?")) {
            ps.setString(1, patientId);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                existing.putIfAbsent(rs.getString(1) + ":" + rs.getString(2), rs.getString(3));
              }
            }
          }
          List<ClinicalEvent> fresh = new ArrayList<>();
          List<ClinicalEvent> changed = new ArrayList<>();
          List<ClinicalEvent> all = new ArrayList<>();
          Map<String, String> idBySource = new HashMap<>();
          for (ClinicalEvent e : events) {
            String key = e.provenance().sourceKind() + ":" + e.provenance().sourceId();
            String known = e.provenance().sourceId().isEmpty() ? null : existing.get(key);
            if (known == null && idBySource.containsKey(key)) {
              continue; // the same resource twice in one import: keep the first
            }
            ClinicalEvent stored;
            if (known != null) {
              stored = e.withId(known);
              changed.add(stored);
            } else {
              stored = e.id().isEmpty() ? e.withId(UUID.randomUUID().toString()) : e;
              fresh.add(stored);
            }
            idBySource.putIfAbsent(key, stored.id());
            idBySource.putIfAbsent(e.provenance().sourceId(), stored.id());
            all.add(stored);
          }
          insert(tx, fresh);
          if (!changed.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(EventRows.UPDATE)) {
              for (ClinicalEvent e : changed) {
                EventRows.bindUpdate(ps, e, tx.now());
                ps.addBatch();
              }
              ps.executeBatch();
            }
            outbox(c, changed, "UPSERT");
          }
          int linked = 0;
          for (SourceLink l : links) {
            String from = idBySource.get(l.fromSourceId());
            String to = idBySource.get(l.toSourceId());
            if (from == null) {
              from = existing.get(Provenance.FHIR + ":" + l.fromSourceId());
            }
            if (to == null) {
              to = existing.get(Provenance.FHIR + ":" + l.toSourceId());
            }
            if (from != null && to != null && !from.equals(to)) {
              insertLink(c, from, to, l.relation());
              linked++;
            }
          }
          tx.audit(
              AuditAction.PHI_IMPORT,
              TARGET_TIMELINE,
              patientId,
              true,
              "created=" + fresh.size() + " updated=" + changed.size() + " links=" + linked);
          return new ImportOutcome(List.copyOf(all), fresh.size(), changed.size(), linked);
        });
  }

  // ---------------------------------------------------------------- implementation

  private void insert(ClinicalStore.Tx tx, List<ClinicalEvent> events) throws SQLException {
    if (events.isEmpty()) {
      return;
    }
    Set<String> patients = new java.util.HashSet<>();
    for (ClinicalEvent e : events) {
      patients.add(e.patientId());
    }
    for (String p : patients) {
      try (PreparedStatement ps =
          tx.connection().prepareStatement("SELECT COUNT(*) FROM patients WHERE id=?")) {
        ps.setString(1, p);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          if (rs.getInt(1) == 0) {
            throw new IllegalArgumentException("The patient of this event does not exist.");
          }
        }
      }
    }
    try (PreparedStatement ps = tx.connection().prepareStatement(EventRows.INSERT)) {
      for (ClinicalEvent e : events) {
        EventRows.bindInsert(ps, e, tx.now());
        ps.addBatch();
      }
      ps.executeBatch();
    }
    outbox(tx.connection(), events, "UPSERT");
  }

  /** The outboxes every event change is queued in: the knowledge graph and the search index. */
  private static final List<String> OUTBOXES =
      List.of("record_graph_outbox", "record_index_outbox");

  private static void outbox(Connection c, Collection<ClinicalEvent> events, String op)
      throws SQLException {
    for (String table : OUTBOXES) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO " + table + " (event_id, patient_id, op) VALUES (?,?,?)")) {
        for (ClinicalEvent e : events) {
          ps.setString(1, e.id());
          ps.setString(2, e.patientId());
          ps.setString(3, op);
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
  }

  private static void outbox(Connection c, String eventId, String patientId, String op)
      throws SQLException {
    for (String table : OUTBOXES) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO " + table + " (event_id, patient_id, op) VALUES (?,?,?)")) {
        ps.setString(1, eventId);
        ps.setString(2, patientId);
        ps.setString(3, op);
        ps.executeUpdate();
      }
    }
  }

  private static void insertLink(Connection c, String from, String to, EventRelation r)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "MERGE INTO record_event_link (from_id, to_id, relation) KEY (from_id, to_id,"
                + " relation) VALUES (?,?,?)")) {
      ps.setString(1, from);
      ps.setString(2, to);
      ps.setString(3, r.name());
      ps.executeUpdate();
    }
  }

  private void appendBodyPart(StringBuilder sql, List<Object> args, String part) {
    Optional<Anatomy.BodyPart> known = anatomy.resolve(part);
    if (known.isPresent()) {
      Set<String> terms = anatomy.termsWithin(known.get());
      sql.append(" AND LOWER(body_part) IN (").append("?,".repeat(terms.size() - 1)).append("?)");
      args.addAll(terms);
    } else {
      sql.append(" AND LOWER(body_part) LIKE ? ESCAPE '\\'");
      args.add("%" + escapeLike(Anatomy.norm(part)) + "%");
    }
  }

  private static List<ClinicalEvent> query(Connection c, String sql, List<Object> args)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.size(); i++) {
        ps.setObject(i + 1, args.get(i));
      }
      List<ClinicalEvent> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(EventRows.read(rs));
        }
      }
      return out;
    }
  }

  static Optional<ClinicalEvent> byId(Connection c, String id) throws SQLException {
    List<ClinicalEvent> l =
        query(c, "SELECT " + EventRows.COLUMNS + " FROM record_event WHERE id=?", List.of(id));
    return l.isEmpty() ? Optional.empty() : Optional.of(l.getFirst());
  }

  private static Optional<String> patientOf(Connection c, String id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT patient_id FROM record_event WHERE id=?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  private static String prefixed(String alias) {
    StringBuilder b = new StringBuilder();
    for (String col : EventRows.COLUMNS.split(",")) {
      if (!b.isEmpty()) {
        b.append(", ");
      }
      b.append(alias).append('.').append(col.strip());
    }
    return b.toString();
  }

  private static String escapeLike(String s) {
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  /** Filter shape for the audit detail: which criteria, never their (PHI) values. */
  private static String describe(EventFilter f) {
    StringBuilder b = new StringBuilder();
    if (f.text().isPresent()) {
      b.append(" text");
    }
    if (!f.types().isEmpty()) {
      b.append(" types=").append(f.types().size());
    }
    if (f.bodyPart().isPresent()) {
      b.append(" bodyPart");
    }
    if (f.from().isPresent() || f.to().isPresent()) {
      b.append(" dates");
    }
    return b.toString();
  }
}
