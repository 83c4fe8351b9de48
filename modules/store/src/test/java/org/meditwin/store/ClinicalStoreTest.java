package org.meditwin.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.core.domain.AuditAction;
import org.meditwin.core.domain.AuditEvent;
import org.meditwin.core.service.AccessDeniedException;
import org.meditwin.core.service.AuditLog;
import org.meditwin.core.service.ClinicalStore;
import org.meditwin.core.service.UserSession;
import org.meditwin.testsupport.MutableClock;

class ClinicalStoreTest {
  @TempDir Path dir;
  final MutableClock clock = StoreFixture.clock();

  private static void insert(ClinicalStore.Tx tx, String id, String body) throws Exception {
    try (PreparedStatement ps =
        tx.connection()
            .prepareStatement(
                "INSERT INTO test_feature_note (id, body, original) VALUES (?,?,?)")) {
      ps.setString(1, id);
      ps.setString(2, body);
      ps.setBytes(3, new byte[] {1, 2, 3});
      ps.executeUpdate();
    }
  }

  private static int count(ClinicalStore store) {
    return store.read(
        tx -> {
          try (PreparedStatement ps =
                  tx.connection().prepareStatement("SELECT COUNT(*) FROM test_feature_note");
              ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
          }
        });
  }

  @Test
  void featureTablesFromTheClassPathAreMigratedAndWritesCommitWithTheirAuditEntry() {
    try (EmbeddedWorkstation ws = StoreFixture.open(dir, clock);
        UserSession s = ws.initialise("admin", "Ada", StoreFixture.ADMIN_PASSWORD.clone())) {
      ClinicalStore store = s.clinicalStore();
      store.write(
          tx -> {
            try {
              insert(tx, "n1", "first note");
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
            tx.audit(AuditAction.PHI_CREATE, "test-note", "n1", true, "");
            return null;
          });
      assertThat(count(store)).isEqualTo(1);
      List<AuditEvent> entries = s.audit().find(AuditLog.Filter.all(), 5);
      assertThat(entries.getFirst().action()).isEqualTo(AuditAction.PHI_CREATE);
      assertThat(entries.getFirst().targetId()).isEqualTo("n1");
      assertThat(entries.getFirst().actor()).isEqualTo(store.actorPseudonym());
      assertThat(s.audit().verify().ok()).isTrue();
    }
  }

  @Test
  void aFailedTransactionRollsBackDataAndAuditTogether() {
    try (EmbeddedWorkstation ws = StoreFixture.open(dir, clock);
        UserSession s = ws.initialise("admin", "Ada", StoreFixture.ADMIN_PASSWORD.clone())) {
      ClinicalStore store = s.clinicalStore();
      long before = s.audit().size();
      assertThatThrownBy(
              () ->
                  store.write(
                      tx -> {
                        try {
                          insert(tx, "n2", "lost");
                        } catch (Exception e) {
                          throw new IllegalStateException(e);
                        }
                        tx.audit(AuditAction.PHI_CREATE, "test-note", "n2", true, "");
                        throw new IllegalArgumentException("validation failed");
                      }))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(count(store)).isZero();
      assertThat(s.audit().size()).isEqualTo(before);
    }
  }

  @Test
  void readTransactionsCannotAuditAndLockedSessionsAreRefused() {
    try (EmbeddedWorkstation ws = StoreFixture.open(dir, clock)) {
      UserSession s = ws.initialise("admin", "Ada", StoreFixture.ADMIN_PASSWORD.clone());
      ClinicalStore store = s.clinicalStore();
      assertThatThrownBy(
              () ->
                  store.read(
                      tx -> {
                        tx.audit(AuditAction.PHI_READ, "test-note", "n1", true, "");
                        return null;
                      }))
          .isInstanceOf(IllegalStateException.class);
      s.lock();
      assertThatThrownBy(() -> count(store)).isInstanceOf(AccessDeniedException.class);
      assertThatThrownBy(s::clinicalStore).isInstanceOf(AccessDeniedException.class);
      s.close();
      assertThatThrownBy(() -> store.derivedKey("x")).isInstanceOf(AccessDeniedException.class);
    }
  }

  @Test
  void derivedKeysArePerPurposeAndDistinctFromTheSearchIndexKey() {
    try (EmbeddedWorkstation ws = StoreFixture.open(dir, clock);
        UserSession s = ws.initialise("admin", "Ada", StoreFixture.ADMIN_PASSWORD.clone())) {
      ClinicalStore store = s.clinicalStore();
      byte[] a = store.derivedKey("patient-index");
      assertThat(a).hasSize(32).isEqualTo(store.derivedKey("patient-index"));
      assertThat(store.derivedKey("other")).isNotEqualTo(a);
      assertThat(s.searchIndexKey()).isNotEqualTo(store.derivedKey("lucene-index"));
      assertThatThrownBy(() -> store.derivedKey(" ")).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
