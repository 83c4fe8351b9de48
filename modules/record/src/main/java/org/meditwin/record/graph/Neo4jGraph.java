package org.meditwin.record.graph;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.meditwin.record.Anatomy;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Result;
import org.neo4j.graphdb.Transaction;

/**
 * The embedded Neo4j database (community edition) holding the non-PHI projection. Only ids,
 * pseudonyms, event type, code, date, anatomy keys and laterality are ever written here: Neo4j
 * community has no encryption at rest (ADR 0112).
 */
final class Neo4jGraph implements AutoCloseable {
  static final String DATABASE = "neo4j";

  /** Settings that keep Neo4j embedded quiet, small and offline (ARCHITECTURE.md). */
  static final String CONFIG =
      """
      # written by MediTwin (modules/record graph); regenerated on every start
      dbms.usage_report.enabled=false
      dbms.fleet_manager.enabled=false
      server.bolt.enabled=false
      db.tx_log.preallocate=false
      db.tx_log.rotation.retention_policy=2 files
      server.memory.pagecache.size=16m
      db.logs.query.enabled=OFF
      server.logs.debug.enabled=false
      """;

  private final DatabaseManagementService dbms;
  private final GraphDatabaseService db;

  private Neo4jGraph(DatabaseManagementService dbms) {
    this.dbms = dbms;
    this.db = dbms.database(DATABASE);
  }

  static Neo4jGraph open(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path conf = dir.resolve("neo4j.conf");
    Files.writeString(conf, CONFIG, StandardCharsets.UTF_8);
    DatabaseManagementService dbms =
        new DatabaseManagementServiceBuilder(dir).loadPropertiesFromFile(conf).build();
    Neo4jGraph g = new Neo4jGraph(dbms);
    try {
      g.schema();
      g.anatomy(Anatomy.standard());
    } catch (RuntimeException e) {
      g.close();
      throw e;
    }
    return g;
  }

  private void schema() {
    for (String c :
        List.of(
            "CREATE CONSTRAINT event_id IF NOT EXISTS FOR (e:Event) REQUIRE e.id IS UNIQUE",
            "CREATE CONSTRAINT patient_pid IF NOT EXISTS FOR (p:Patient) REQUIRE p.pid IS UNIQUE",
            "CREATE CONSTRAINT body_part_key IF NOT EXISTS FOR (b:BodyPart) REQUIRE b.key IS"
                + " UNIQUE")) {
      try (Transaction tx = db.beginTx()) {
        tx.execute(c).close();
        tx.commit();
      }
    }
  }

  /** The anatomy hierarchy (idempotent). */
  private void anatomy(Anatomy anatomy) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Anatomy.BodyPart p : anatomy.all()) {
      Map<String, Object> m = new HashMap<>();
      m.put("key", p.key());
      m.put("name", p.name());
      m.put("uberon", p.uberonId());
      m.put("paired", p.paired());
      m.put("parent", p.parent().orElse(null));
      rows.add(m);
    }
    write(
        "UNWIND $rows AS r MERGE (b:BodyPart {key: r.key}) SET b.name = r.name, b.uberon ="
            + " r.uberon, b.paired = r.paired",
        Map.of("rows", rows));
    write(
        "UNWIND $rows AS r WITH r WHERE r.parent IS NOT NULL MATCH (c:BodyPart {key: r.key}),"
            + " (p:BodyPart {key: r.parent}) MERGE (c)-[:IS_PART_OF]->(p)",
        Map.of("rows", rows));
  }

  void write(String cypher, Map<String, Object> params) {
    try (Transaction tx = db.beginTx()) {
      tx.execute(cypher, params).close();
      tx.commit();
    }
  }

  List<Map<String, Object>> read(String cypher, Map<String, Object> params) {
    try (Transaction tx = db.beginTx();
        Result r = tx.execute(cypher, params)) {
      List<Map<String, Object>> out = new ArrayList<>();
      while (r.hasNext()) {
        out.add(new LinkedHashMap<>(r.next()));
      }
      tx.commit();
      return out;
    }
  }

  long count(String cypher) {
    List<Map<String, Object>> rows = read(cypher, Map.of());
    return rows.isEmpty() ? 0 : ((Number) rows.getFirst().values().iterator().next()).longValue();
  }

  @Override
  public void close() {
    dbms.shutdown();
  }
}
