package org.meditwin.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.core.domain.AuditVerification;
import org.meditwin.core.domain.Patient;
import org.meditwin.core.service.UserSession;
import org.meditwin.testsupport.MutableClock;

/** Edits the audit table behind the application's back and checks that verify() notices. */
class AuditTamperTest {

  @TempDir Path dir;
  final MutableClock clock = StoreFixture.clock();

  @BeforeEach
  void writeSomeHistory() {
    try (EmbeddedWorkstation ws = StoreFixture.open(dir, clock);
        UserSession s = ws.initialise("admin", "Ada", StoreFixture.ADMIN_PASSWORD.clone())) {
      for (int i = 0; i < 3; i++) {
        Patient p = s.patients().create(StoreFixture.patient("Ann" + i, "Lee"));
        s.patients().find(p.id());
      }
      assertThat(s.audit().verify().ok()).isTrue();
    }
  }

  private void tamper(String... sql) throws SQLException {
    try (Connection c = RawDatabase.open(dir, "admin", StoreFixture.ADMIN_PASSWORD);
        Statement st = c.createStatement()) {
      for (String s : sql) {
        st.execute(s);
      }
    }
  }

  private AuditVerification verify() {
    try (EmbeddedWorkstation ws = StoreFixture.open(dir, clock);
        UserSession s = StoreFixture.adminSession(ws)) {
      return s.audit().verify();
    }
  }

  @Test
  void untouchedChainVerifies() {
    AuditVerification v = verify();
    assertThat(v.ok()).isTrue();
    assertThat(v.firstBrokenEntry()).isEmpty();
    assertThat(v.entries()).isGreaterThan(10);
  }

  @Test
  void editedEntryIsDetected() throws SQLException {
    tamper("UPDATE audit_log SET detail = 'results=0' WHERE seq = 5");
    AuditVerification v = verify();
    assertThat(v.ok()).isFalse();
    assertThat(v.firstBrokenEntry()).hasValue(5);
  }

  @Test
  void editedActorIsDetected() throws SQLException {
    tamper("UPDATE audit_log SET actor = 'u_0000000000000000' WHERE seq = 6");
    assertThat(verify().firstBrokenEntry()).hasValue(6);
  }

  @Test
  void removedEntryIsDetected() throws SQLException {
    tamper("DELETE FROM audit_log WHERE seq = 4");
    AuditVerification v = verify();
    assertThat(v.ok()).isFalse();
    // Entry 5 is the first one whose position and previous hash no longer match.
    assertThat(v.firstBrokenEntry()).hasValue(5);
  }

  @Test
  void reorderedEntriesAreDetected() throws SQLException {
    String swap =
        "UPDATE audit_log a SET (at, actor, action, target_type, target_id, success, detail,"
            + " prev_hash, hash) = (SELECT b.at, b.actor, b.action, b.target_type, b.target_id,"
            + " b.success, b.detail, b.prev_hash, b.hash FROM audit_copy b WHERE b.seq = CASE"
            + " a.seq WHEN 4 THEN 5 ELSE 4 END) WHERE a.seq IN (4, 5)";
    tamper("CREATE TABLE audit_copy AS SELECT * FROM audit_log", swap, "DROP TABLE audit_copy");
    AuditVerification v = verify();
    assertThat(v.ok()).isFalse();
    assertThat(v.firstBrokenEntry()).hasValue(4);
  }

  @Test
  void deletedNewestEntriesAreDetectedThroughTheCommitMarker() throws SQLException {
    long last = lastSeq();
    tamper("DELETE FROM audit_log WHERE seq > " + (last - 3));
    AuditVerification v = verify();
    assertThat(v.ok()).isFalse();
    assertThat(v.firstBrokenEntry()).hasValue(last - 2);
    // The finding is kept: later appends on top of the shorter chain do not hide it.
    assertThat(verify().firstBrokenEntry()).hasValue(last - 2);
  }

  @Test
  void rewrittenNewestEntryWithAValidHashIsDetected() throws SQLException {
    long last = lastSeq();
    String prev;
    try (Connection c = RawDatabase.open(dir, "admin", StoreFixture.ADMIN_PASSWORD);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT prev_hash FROM audit_log WHERE seq = " + last)) {
      rs.next();
      prev = rs.getString(1);
    }
    java.time.Instant at = java.time.Instant.parse("2026-03-02T09:00:00Z");
    String forged =
        org.meditwin.security.AuditChain.hash(
            prev,
            last,
            at,
            "u_forged00000000",
            org.meditwin.core.domain.AuditAction.LOGOUT,
            "user",
            "",
            true,
            "");
    tamper(
        "UPDATE audit_log SET actor = 'u_forged00000000', action = 'LOGOUT', target_type = 'user',"
            + " target_id = '', success = TRUE, detail = '', at = TIMESTAMP WITH TIME ZONE"
            + " '2026-03-02 09:00:00+00', hash = '"
            + forged
            + "' WHERE seq = "
            + last);
    AuditVerification v = verify();
    assertThat(v.ok()).isFalse();
    assertThat(v.firstBrokenEntry()).hasValue(last);
  }

  private long lastSeq() throws SQLException {
    try (Connection c = RawDatabase.open(dir, "admin", StoreFixture.ADMIN_PASSWORD);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT MAX(seq) FROM audit_log")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void entryWithUnknownActionIsReportedNotThrown() throws SQLException {
    tamper("UPDATE audit_log SET action = 'NOT_AN_ACTION' WHERE seq = 3");
    assertThat(verify().firstBrokenEntry()).hasValue(3);
  }

  @Test
  void rawConnectionSeesTheSchemaItTampersWith() throws SQLException {
    try (Connection c = RawDatabase.open(dir, "admin", StoreFixture.ADMIN_PASSWORD);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM audit_log")) {
      rs.next();
      assertThat(rs.getInt(1)).isGreaterThan(5);
    }
  }
}
