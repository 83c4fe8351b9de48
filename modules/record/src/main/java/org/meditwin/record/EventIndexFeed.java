package org.meditwin.record;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.meditwin.core.domain.AuditAction;
import org.meditwin.core.service.ClinicalStore;
import org.meditwin.core.service.UserSession;

/**
 * The timeline's feed for a search index (ADR 0132). Every event change (create, update, relate,
 * import, delete — whoever makes it: the timeline pane, a document confirmation, a FHIR import, the
 * CLI) queues the event id in {@code record_index_outbox} in the same transaction, so an index that
 * drains this feed misses nothing, even across crashes and processes.
 *
 * <p>Protocol: {@link #pending(int)} returns the next batch (the current content of changed events
 * and the ids of removed ones, read in one audited transaction); the caller applies it to its
 * index, commits there, then calls {@link #acknowledge(long)}. A crash between the two re-delivers
 * the batch, which is harmless (upserts and deletes are idempotent). Events entered in error are
 * delivered as removals: they must not be found.
 *
 * <p>{@link #snapshot(Optional)} serves full rebuilds. Thread-safe (the store serialises
 * transactions); callers draining from several threads must serialise the drains themselves.
 */
public final class EventIndexFeed {
  static final String TARGET = "timeline-index";

  private final ClinicalStore store;

  private EventIndexFeed(ClinicalStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /** The signed-in user's feed. */
  public static EventIndexFeed of(UserSession session) {
    return new EventIndexFeed(session.clinicalStore());
  }

  /** For adapters that already hold the store. */
  public static EventIndexFeed of(ClinicalStore store) {
    return new EventIndexFeed(store);
  }

  /** An event that must no longer be found. */
  public record Removal(String eventId, String patientId) {}

  /**
   * One batch of changes, oldest first.
   *
   * @param upserts current content of events to add or replace
   * @param removals events to remove from the index
   * @param lastSeq acknowledge this after applying the batch; 0 when the batch is empty
   */
  public record Batch(List<ClinicalEvent> upserts, List<Removal> removals, long lastSeq) {
    public Batch {
      upserts = List.copyOf(upserts);
      removals = List.copyOf(removals);
    }

    /** Nothing to apply. */
    public boolean isEmpty() {
      return upserts.isEmpty() && removals.isEmpty() && lastSeq == 0;
    }
  }

  /** Number of queued changes (ids only, no PHI: not audited). */
  public int backlog() {
    return store.read(
        tx -> {
          try (PreparedStatement ps =
                  tx.connection().prepareStatement("SELECT COUNT(*) FROM record_index_outbox");
              ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
          }
        });
  }

  /**
   * The next at most {@code max} queued changes (several changes of one event collapse into its
   * current state). Reading event content is audited (PHI_READ, count only).
   */
  public Batch pending(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be positive");
    }
    return store.write(
        tx -> {
          Connection c = tx.connection();
          Map<String, String> changed = new LinkedHashMap<>();
          long last = 0;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT seq, event_id, patient_id FROM record_index_outbox ORDER BY seq"
                      + " FETCH FIRST ? ROWS ONLY")) {
            ps.setInt(1, max);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                last = rs.getLong(1);
                changed.remove(rs.getString(2));
                changed.put(rs.getString(2), rs.getString(3));
              }
            }
          }
          if (changed.isEmpty()) {
            return new Batch(List.of(), List.of(), 0);
          }
          Map<String, ClinicalEvent> current = current(c, changed.keySet());
          List<ClinicalEvent> upserts = new ArrayList<>();
          List<Removal> removals = new ArrayList<>();
          for (Map.Entry<String, String> e : changed.entrySet()) {
            ClinicalEvent now = current.get(e.getKey());
            if (now == null || now.status() == EventStatus.ENTERED_IN_ERROR) {
              removals.add(new Removal(e.getKey(), e.getValue()));
            } else {
              upserts.add(now);
            }
          }
          if (!upserts.isEmpty()) {
            tx.audit(
                AuditAction.PHI_READ, TARGET, "*", true, "index feed events=" + upserts.size());
          }
          return new Batch(upserts, removals, last);
        });
  }

  /** Drops every queued change up to and including {@code seq} (after the index committed). */
  public void acknowledge(long seq) {
    if (seq <= 0) {
      return;
    }
    store.write(
        tx -> {
          try (PreparedStatement ps =
              tx.connection().prepareStatement("DELETE FROM record_index_outbox WHERE seq <= ?")) {
            ps.setLong(1, seq);
            ps.executeUpdate();
          }
          return null;
        });
  }

  /**
   * Every indexable event (all patients, or one), for a rebuild, with the queue position it
   * reflects: acknowledge {@link Batch#lastSeq()} after the rebuild committed (changes made after
   * the snapshot stay queued). Audited as PHI_READ.
   */
  public Batch snapshot(Optional<String> patientId) {
    Objects.requireNonNull(patientId, "patientId");
    return store.write(
        tx -> {
          Connection c = tx.connection();
          long last;
          try (PreparedStatement ps =
                  c.prepareStatement("SELECT COALESCE(MAX(seq), 0) FROM record_index_outbox");
              ResultSet rs = ps.executeQuery()) {
            rs.next();
            last = rs.getLong(1);
          }
          String sql =
              "SELECT "
                  + EventRows.COLUMNS
                  + " FROM record_event WHERE status <> 'ENTERED_IN_ERROR'"
                  + (patientId.isPresent() ? " AND patient_id=?" : "")
                  + " ORDER BY patient_id, event_date, id";
          List<ClinicalEvent> events = new ArrayList<>();
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (patientId.isPresent()) {
              ps.setString(1, patientId.get());
            }
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                events.add(EventRows.read(rs));
              }
            }
          }
          tx.audit(
              AuditAction.PHI_READ,
              TARGET,
              patientId.orElse("*"),
              true,
              "index snapshot events=" + events.size());
          return new Batch(events, List.of(), last);
        });
  }

  /**
   * Acknowledges the queued changes of one patient up to {@code seq} (after a per-patient rebuild;
   * other patients' changes stay queued).
   */
  public void acknowledgePatient(String patientId, long seq) {
    Objects.requireNonNull(patientId, "patientId");
    store.write(
        tx -> {
          try (PreparedStatement ps =
              tx.connection()
                  .prepareStatement(
                      "DELETE FROM record_index_outbox WHERE patient_id=? AND seq <= ?")) {
            ps.setString(1, patientId);
            ps.setLong(2, seq);
            ps.executeUpdate();
          }
          return null;
        });
  }

  private static Map<String, ClinicalEvent> current(Connection c, java.util.Collection<String> ids)
      throws SQLException {
    Map<String, ClinicalEvent> out = new LinkedHashMap<>();
    List<String> all = new ArrayList<>(ids);
    for (int from = 0; from < all.size(); from += 500) {
      List<String> part = all.subList(from, Math.min(all.size(), from + 500));
      String sql =
          "SELECT "
              + EventRows.COLUMNS
              + " FROM record_event WHERE id IN ("
              + "?,".repeat(part.size() - 1)
              + "?)";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (int i = 0; i < part.size(); i++) {
          ps.setString(i + 1, part.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            ClinicalEvent e = EventRows.read(rs);
            out.put(e.id(), e);
          }
        }
      }
    }
    return out;
  }
}
