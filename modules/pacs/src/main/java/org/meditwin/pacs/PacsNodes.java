package org.meditwin.pacs;

import java.net.URI;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.meditwin.core.domain.AuditAction;
import org.meditwin.core.service.ClinicalStore;
import org.meditwin.core.service.UserSession;

/**
 * The configured PACS nodes, kept in the encrypted clinical store (Flyway V600). Changes are
 * audited as {@code SETTINGS_CHANGE} with the node name as target (configuration, not PHI).
 */
public final class PacsNodes {
  private final ClinicalStore store;

  private PacsNodes(ClinicalStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  public static PacsNodes of(UserSession session) {
    return new PacsNodes(session.clinicalStore());
  }

  public static PacsNodes of(ClinicalStore store) {
    return new PacsNodes(store);
  }

  /** All nodes, by name. */
  public List<PacsNode> list() {
    return store.read(
        tx -> {
          try (PreparedStatement ps =
                  tx.connection()
                      .prepareStatement(
                          "SELECT name, called_ae, host, port, calling_ae, dicomweb_url, store_scp_port"
                              + " FROM pacs_node ORDER BY LOWER(name)");
              ResultSet rs = ps.executeQuery()) {
            List<PacsNode> nodes = new ArrayList<>();
            while (rs.next()) {
              nodes.add(row(rs));
            }
            return nodes;
          }
        });
  }

  public Optional<PacsNode> find(String name) {
    String n = name == null ? "" : name.strip();
    return list().stream().filter(p -> p.name().equalsIgnoreCase(n)).findFirst();
  }

  /** Adds or replaces the node with the same name (case-insensitive). */
  public PacsNode save(PacsNode node) {
    return store.write(
        tx -> {
          boolean existed;
          try (PreparedStatement del =
              tx.connection()
                  .prepareStatement("DELETE FROM pacs_node WHERE LOWER(name) = LOWER(?)")) {
            del.setString(1, node.name());
            existed = del.executeUpdate() > 0;
          }
          try (PreparedStatement ps =
              tx.connection()
                  .prepareStatement(
                      "INSERT INTO pacs_node (name, called_ae, host, port, calling_ae, dicomweb_url,"
                          + " store_scp_port, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, node.name());
            ps.setString(2, node.calledAe());
            ps.setString(3, node.host());
            ps.setInt(4, node.port());
            ps.setString(5, node.callingAe());
            if (node.dicomWebUrl().isPresent()) {
              ps.setString(6, node.dicomWebUrl().get().toString());
            } else {
              ps.setNull(6, Types.VARCHAR);
            }
            if (node.storeScpPort().isPresent()) {
              ps.setInt(7, node.storeScpPort().getAsInt());
            } else {
              ps.setNull(7, Types.INTEGER);
            }
            ps.setTimestamp(8, Timestamp.from(tx.now()));
            ps.executeUpdate();
          }
          tx.audit(
              AuditAction.SETTINGS_CHANGE,
              "pacs-node",
              node.name(),
              true,
              (existed ? "updated " : "added ")
                  + node.calledAe()
                  + "@"
                  + node.host()
                  + ":"
                  + node.port());
          return node;
        });
  }

  /** Removes the node; false when there was none with that name. */
  public boolean remove(String name) {
    return store.write(
        tx -> {
          try (PreparedStatement del =
              tx.connection()
                  .prepareStatement("DELETE FROM pacs_node WHERE LOWER(name) = LOWER(?)")) {
            del.setString(1, name.strip());
            boolean removed = del.executeUpdate() > 0;
            if (removed) {
              tx.audit(AuditAction.SETTINGS_CHANGE, "pacs-node", name.strip(), true, "removed");
            }
            return removed;
          }
        });
  }

  private static PacsNode row(ResultSet rs) throws SQLException {
    String url = rs.getString(6);
    int scp = rs.getInt(7);
    boolean noScp = rs.wasNull();
    return new PacsNode(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getInt(4),
        rs.getString(5),
        url == null ? Optional.empty() : Optional.of(URI.create(url)),
        noScp ? OptionalInt.empty() : OptionalInt.of(scp));
  }
}
