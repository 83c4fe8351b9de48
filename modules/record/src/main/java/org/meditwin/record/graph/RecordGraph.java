package org.meditwin.record.graph;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.meditwin.core.domain.AuditAction;
import org.meditwin.core.service.ClinicalStore;
import org.meditwin.core.service.UserSession;
import org.meditwin.record.Anatomy;
import org.meditwin.record.ClinicalEvent;
import org.meditwin.record.Laterality;
import org.meditwin.record.TimelineService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The patient-record knowledge graph on Neo4j embedded: {@code (:Patient {pid})-[:HAS_EVENT]->
 * (:Event {id, type, code, date})-[:AFFECTS {laterality}]->(:BodyPart {key, name, uberon})
 * -[:IS_PART_OF]->(:BodyPart)}, {@code (:Event)-[:RELATED_TO {relation}]->(:Event)}.
 *
 * <p>No PHI is stored: the patient is an HMAC pseudonym (key derived from the data key, purpose
 * {@code "record-graph"}), events are random ids with type, code and date only, body parts come
 * from the curated anatomy list (free text never enters the graph). The relational store stays the
 * source of truth: {@link #sync()} applies the transactional outbox written by {@link
 * TimelineService}, {@link #rebuild()} recreates everything from it.
 *
 * <p>Start-up takes seconds (Neo4j), so open it in the background; always {@link #close()}.
 */
public final class RecordGraph implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RecordGraph.class);
  static final String KEY_PURPOSE = "record-graph";

  /** What a sync or rebuild did. */
  public record SyncReport(int upserted, int deleted, int links, boolean rebuilt, long millis) {}

  /** Counts in the graph (no PHI). */
  public record GraphStats(
      long patients, long events, long bodyParts, long affects, long related) {}

  /** How many of a patient's events affect each body part (for the anatomy view). */
  public record PartCount(String partKey, String partName, Laterality side, int events) {}

  private final ClinicalStore store;
  private final TimelineService timeline;
  private final Neo4jGraph graph;
  private final byte[] pseudonymKey;

  private RecordGraph(ClinicalStore store, TimelineService timeline, Neo4jGraph graph, byte[] key) {
    this.store = store;
    this.timeline = timeline;
    this.graph = graph;
    this.pseudonymKey = key;
  }

  /** The graph directory inside a data directory. */
  public static Path directoryIn(Path dataDir) {
    return dataDir.resolve("graph");
  }

  /**
   * Opens (creating if needed) the graph under {@code dataDir/graph} and brings it up to date with
   * the record.
   *
   * @throws IOException when the folder cannot be used (for example another MediTwin process holds
   *     it)
   */
  public static RecordGraph open(UserSession session, Path dataDir) throws IOException {
    ClinicalStore store = session.clinicalStore();
    Neo4jGraph g;
    try {
      g = Neo4jGraph.open(directoryIn(dataDir));
    } catch (RuntimeException e) {
      throw new IOException(
          "The knowledge graph could not be opened (is another MediTwin window or command using"
              + " it?): "
              + e.getClass().getSimpleName(),
          e);
    }
    RecordGraph rg =
        new RecordGraph(store, TimelineService.of(store), g, store.derivedKey(KEY_PURPOSE));
    try {
      rg.sync();
    } catch (RuntimeException e) {
      rg.close();
      throw e;
    }
    return rg;
  }

  /** The pseudonym the graph uses for a patient id ("p_" + 32 hex of HMAC-SHA256). */
  public String pseudonym(String patientId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(pseudonymKey, "HmacSHA256"));
      byte[] h = mac.doFinal(patientId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return "p_" + HexFormat.of().formatHex(h, 0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }

  /**
   * Applies pending changes from the record (the outbox). Rebuilds instead when the graph and the
   * record disagree on the number of events (e.g. a patient was deleted, which removes events
   * without an outbox entry).
   */
  public synchronized SyncReport sync() {
    long t0 = System.nanoTime();
    record Pending(long maxSeq, Set<String> upserts, Set<String> deletes) {}
    Pending pending =
        store.read(
            tx -> {
              long max = 0;
              Set<String> up = new LinkedHashSet<>();
              Set<String> del = new LinkedHashSet<>();
              try (PreparedStatement ps =
                      tx.connection()
                          .prepareStatement(
                              "SELECT seq, event_id, op FROM record_graph_outbox ORDER BY seq");
                  ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                  max = rs.getLong(1);
                  String id = rs.getString(2);
                  if ("DELETE".equals(rs.getString(3))) {
                    up.remove(id);
                    del.add(id);
                  } else {
                    del.remove(id);
                    up.add(id);
                  }
                }
              }
              return new Pending(max, up, del);
            });
    int links = 0;
    if (!pending.upserts().isEmpty() || !pending.deletes().isEmpty()) {
      if (!pending.deletes().isEmpty()) {
        graph.write(
            "UNWIND $ids AS id MATCH (e:Event {id: id}) DETACH DELETE e",
            Map.of("ids", List.copyOf(pending.deletes())));
        graph.write("MATCH (p:Patient) WHERE NOT (p)-[:HAS_EVENT]->() DELETE p", Map.of());
      }
      if (!pending.upserts().isEmpty()) {
        record Rows(List<GraphProjection.EventRow> events, List<GraphProjection.LinkRow> links) {}
        Rows rows =
            store.write(
                tx -> {
                  List<GraphProjection.EventRow> ev =
                      GraphProjection.byIds(tx.connection(), pending.upserts());
                  List<GraphProjection.LinkRow> ln =
                      GraphProjection.linksFrom(tx.connection(), pending.upserts());
                  tx.audit(
                      AuditAction.PHI_READ,
                      "record-graph",
                      "sync",
                      true,
                      "events=" + ev.size() + " links=" + ln.size());
                  return new Rows(ev, ln);
                });
        upsert(rows.events());
        graph.write(
            "UNWIND $ids AS id MATCH (:Event {id: id})-[r:RELATED_TO]->() DELETE r",
            Map.of("ids", List.copyOf(pending.upserts())));
        links = link(rows.links());
      }
      store.write(
          tx -> {
            try (PreparedStatement ps =
                tx.connection()
                    .prepareStatement("DELETE FROM record_graph_outbox WHERE seq <= ?")) {
              ps.setLong(1, pending.maxSeq());
              ps.executeUpdate();
            }
            return null;
          });
    }
    long inRecord = recordEventCount();
    long inGraph = graph.count("MATCH (e:Event) RETURN count(e)");
    if (inRecord != inGraph) {
      LOG.info(
          "knowledge graph out of step with the record ({} vs {}): rebuilding", inGraph, inRecord);
      return rebuild();
    }
    return new SyncReport(
        pending.upserts().size(),
        pending.deletes().size(),
        links,
        false,
        (System.nanoTime() - t0) / 1_000_000);
  }

  /** Deletes the projection and recreates it from the relational store (one command). */
  public synchronized SyncReport rebuild() {
    long t0 = System.nanoTime();
    record All(
        long maxSeq, List<GraphProjection.EventRow> events, List<GraphProjection.LinkRow> links) {}
    All all =
        store.write(
            tx -> {
              long max = 0;
              try (PreparedStatement ps =
                      tx.connection()
                          .prepareStatement(
                              "SELECT COALESCE(MAX(seq), 0) FROM record_graph_outbox");
                  ResultSet rs = ps.executeQuery()) {
                rs.next();
                max = rs.getLong(1);
              }
              List<GraphProjection.EventRow> ev = GraphProjection.all(tx.connection());
              List<GraphProjection.LinkRow> ln = GraphProjection.allLinks(tx.connection());
              tx.audit(
                  AuditAction.PHI_READ,
                  "record-graph",
                  "rebuild",
                  true,
                  "events=" + ev.size() + " links=" + ln.size());
              return new All(max, ev, ln);
            });
    // delete in batches: one huge transaction would need a large heap
    while (graph.count("MATCH (n) WHERE n:Event OR n:Patient RETURN count(n)") > 0) {
      graph.write(
          "MATCH (n) WHERE n:Event OR n:Patient WITH n LIMIT 5000 DETACH DELETE n", Map.of());
    }
    upsert(all.events());
    int links = link(all.links());
    store.write(
        tx -> {
          try (PreparedStatement ps =
              tx.connection().prepareStatement("DELETE FROM record_graph_outbox WHERE seq <= ?")) {
            ps.setLong(1, all.maxSeq());
            ps.executeUpdate();
          }
          return null;
        });
    long ms = (System.nanoTime() - t0) / 1_000_000;
    LOG.info(
        "knowledge graph rebuilt: {} events, {} links in {} ms", all.events().size(), links, ms);
    return new SyncReport(all.events().size(), 0, links, true, ms);
  }

  private void upsert(List<GraphProjection.EventRow> events) {
    for (int from = 0; from < events.size(); from += 2000) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (GraphProjection.EventRow e :
          events.subList(from, Math.min(events.size(), from + 2000))) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", e.id());
        m.put("pid", pseudonym(e.patientId()));
        m.put("type", e.type());
        m.put("code", e.code().orElse(null));
        m.put("date", e.date());
        m.put("part", e.partKey().orElse(null));
        m.put("side", e.side().name());
        rows.add(m);
      }
      graph.write(
          "UNWIND $rows AS r "
              + "MERGE (p:Patient {pid: r.pid}) "
              + "MERGE (e:Event {id: r.id}) SET e.type = r.type, e.code = r.code, e.date = r.date "
              + "MERGE (p)-[:HAS_EVENT]->(e) "
              + "WITH e, r OPTIONAL MATCH (e)-[old:AFFECTS]->() DELETE old "
              + "WITH DISTINCT e, r WHERE r.part IS NOT NULL "
              + "MATCH (b:BodyPart {key: r.part}) MERGE (e)-[a:AFFECTS]->(b) SET a.laterality ="
              + " r.side",
          Map.of("rows", rows));
    }
  }

  private int link(List<GraphProjection.LinkRow> links) {
    for (int from = 0; from < links.size(); from += 5000) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (GraphProjection.LinkRow l : links.subList(from, Math.min(links.size(), from + 5000))) {
        rows.add(Map.of("from", l.from(), "to", l.to(), "rel", l.relation()));
      }
      graph.write(
          "UNWIND $rows AS r MATCH (a:Event {id: r.from}), (b:Event {id: r.to}) "
              + "MERGE (a)-[x:RELATED_TO {relation: r.rel}]->(b)",
          Map.of("rows", rows));
    }
    return links.size();
  }

  private long recordEventCount() {
    return store.read(
        tx -> {
          try (PreparedStatement ps =
                  tx.connection().prepareStatement("SELECT COUNT(*) FROM record_event");
              ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  /**
   * "What affects the left ear?": the patient's events affecting {@code bodyPart} or any part
   * inside it on {@code side} (bilateral events count for both sides; {@link Laterality#NONE} asks
   * for every side), plus the events related to them.
   *
   * @throws NoSuchElementException when the body part is not in the anatomy list
   */
  public AnatomyAnswer whatAffects(String patientId, String bodyPart, Laterality side) {
    Anatomy.BodyPart part =
        Anatomy.standard()
            .resolve(bodyPart)
            .orElseThrow(() -> new NoSuchElementException("Unknown body part."));
    sync();
    List<Map<String, Object>> rows =
        graph.read(
            "MATCH (p:Patient {pid: $pid})-[:HAS_EVENT]->(e:Event)-[a:AFFECTS]->(b:BodyPart)"
                + "-[:IS_PART_OF*0..]->(t:BodyPart {key: $key}) "
                + "WHERE $side IN ['NONE', 'BILATERAL'] OR a.laterality = $side"
                + " OR a.laterality = 'BILATERAL' "
                + "OPTIONAL MATCH (e)-[:RELATED_TO]-(o:Event) "
                + "RETURN DISTINCT e.id AS id, collect(DISTINCT o.id) AS related",
            Map.of("pid", pseudonym(patientId), "key", part.key(), "side", side.name()));
    Set<String> hits = new LinkedHashSet<>();
    Set<String> related = new LinkedHashSet<>();
    for (Map<String, Object> r : rows) {
      hits.add((String) r.get("id"));
      for (Object o : (List<?>) r.get("related")) {
        if (o != null) {
          related.add((String) o);
        }
      }
    }
    related.removeAll(hits);
    List<ClinicalEvent> events = timeline.findByIds(patientId, hits);
    List<ClinicalEvent> rel =
        related.isEmpty() ? List.of() : timeline.findByIds(patientId, related);
    return new AnatomyAnswer(part, side, events, rel);
  }

  /** Events per body part and side for one patient (graph only; no PHI). */
  public List<PartCount> bodyMap(String patientId) {
    sync();
    List<Map<String, Object>> rows =
        graph.read(
            "MATCH (:Patient {pid: $pid})-[:HAS_EVENT]->(e:Event)-[a:AFFECTS]->(b:BodyPart) "
                + "RETURN b.key AS key, b.name AS name, a.laterality AS side, count(e) AS n "
                + "ORDER BY n DESC, key",
            Map.of("pid", pseudonym(patientId)));
    List<PartCount> out = new ArrayList<>();
    for (Map<String, Object> r : rows) {
      out.add(
          new PartCount(
              (String) r.get("key"),
              (String) r.get("name"),
              Laterality.valueOf((String) r.get("side")),
              ((Number) r.get("n")).intValue()));
    }
    return out;
  }

  /** Node and relationship counts. */
  public GraphStats stats() {
    Map<String, Long> c = new LinkedHashMap<>();
    c.put("p", graph.count("MATCH (n:Patient) RETURN count(n)"));
    c.put("e", graph.count("MATCH (n:Event) RETURN count(n)"));
    c.put("b", graph.count("MATCH (n:BodyPart) RETURN count(n)"));
    c.put("a", graph.count("MATCH ()-[r:AFFECTS]->() RETURN count(r)"));
    c.put("r", graph.count("MATCH ()-[r:RELATED_TO]->() RETURN count(r)"));
    return new GraphStats(c.get("p"), c.get("e"), c.get("b"), c.get("a"), c.get("r"));
  }

  /** Every property value stored in the graph, for the no-PHI test. */
  List<Object> allPropertyValues() {
    List<Object> out = new ArrayList<>();
    for (Map<String, Object> r :
        graph.read(
            "MATCH (n) RETURN properties(n) AS p UNION ALL MATCH ()-[x]->() RETURN properties(x) AS p",
            Map.of())) {
      out.addAll(((Map<?, ?>) r.get("p")).values());
    }
    return out;
  }

  @Override
  public void close() {
    java.util.Arrays.fill(pseudonymKey, (byte) 0);
    graph.close();
  }

  static Map<String, Object> params(Object... kv) {
    Map<String, Object> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }
}
