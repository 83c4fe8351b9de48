package org.meditwin.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.meditwin.core.domain.AuditAction;
import org.meditwin.core.domain.AuditEvent;
import org.meditwin.core.domain.AuditVerification;

class AuditChainTest {
  private static final Instant T0 = Instant.parse("2026-01-15T09:00:00.123Z");

  /** A valid chain of n entries, built the way the store appends them. */
  static List<AuditEvent> chain(int n) {
    List<AuditEvent> out = new ArrayList<>();
    String prev = AuditChain.GENESIS;
    for (int i = 1; i <= n; i++) {
      out.add(entry(i, prev, "u_" + i, i % 2 == 0));
      prev = out.getLast().hash();
    }
    return out;
  }

  static AuditEvent entry(long seq, String prev, String actor, boolean success) {
    Instant at = T0.plusSeconds(seq);
    AuditAction action = AuditAction.PHI_READ;
    String h = AuditChain.hash(prev, seq, at, actor, action, "patient", "p-" + seq, success, "");
    return new AuditEvent(seq, at, actor, action, "patient", "p-" + seq, success, "", prev, h);
  }

  private static AuditEvent withDetail(AuditEvent e, String detail) {
    return new AuditEvent(
        e.seq(),
        e.at(),
        e.actor(),
        e.action(),
        e.targetType(),
        e.targetId(),
        e.success(),
        detail,
        e.prevHash(),
        e.hash());
  }

  @Test
  void intactChainVerifies() {
    AuditVerification v = AuditChain.verify(chain(10));
    assertThat(v.ok()).isTrue();
    assertThat(v.entries()).isEqualTo(10);
    assertThat(v.firstBrokenEntry()).isEmpty();
    assertThat(AuditChain.verify(List.of()).ok()).isTrue();
  }

  @Test
  void hashIsLowerHexSha256AndFieldBoundariesMatter() {
    String a =
        AuditChain.hash(
            AuditChain.GENESIS, 1, T0, "ab", AuditAction.LOGIN_SUCCESS, "c", "", true, "");
    String b =
        AuditChain.hash(
            AuditChain.GENESIS, 1, T0, "a", AuditAction.LOGIN_SUCCESS, "bc", "", true, "");
    assertThat(a).matches("[0-9a-f]{64}").isNotEqualTo(b);
    assertThat(
            AuditChain.hash(
                AuditChain.GENESIS, 1, T0, "ab", AuditAction.LOGIN_SUCCESS, null, null, true, null))
        .isEqualTo(
            AuditChain.hash(
                AuditChain.GENESIS, 1, T0, "ab", AuditAction.LOGIN_SUCCESS, "", "", true, ""));
    assertThat(AuditChain.GENESIS).hasSize(64).matches("0+");
  }

  @Test
  void detectsEditedField() {
    List<AuditEvent> c = chain(6);
    c.set(3, withDetail(c.get(3), "edited"));
    assertThat(AuditChain.verify(c).firstBrokenEntry()).hasValue(4);
  }

  @Test
  void detectsEditedSuccessFlagAndTimestamp() {
    List<AuditEvent> c = chain(6);
    AuditEvent e = c.get(1);
    c.set(
        1,
        new AuditEvent(
            e.seq(),
            e.at(),
            e.actor(),
            e.action(),
            e.targetType(),
            e.targetId(),
            !e.success(),
            e.detail(),
            e.prevHash(),
            e.hash()));
    assertThat(AuditChain.verify(c).firstBrokenEntry()).hasValue(2);
    List<AuditEvent> d = chain(6);
    e = d.get(4);
    d.set(
        4,
        new AuditEvent(
            e.seq(),
            e.at().plusSeconds(1),
            e.actor(),
            e.action(),
            e.targetType(),
            e.targetId(),
            e.success(),
            e.detail(),
            e.prevHash(),
            e.hash()));
    assertThat(AuditChain.verify(d).firstBrokenEntry()).hasValue(5);
  }

  @Test
  void detectsEditWhoseHashWasRecomputedAtTheNextEntry() {
    List<AuditEvent> c = chain(6);
    AuditEvent e = withDetail(c.get(2), "edited");
    String h = AuditChain.hashOf(e);
    c.set(
        2,
        new AuditEvent(
            e.seq(),
            e.at(),
            e.actor(),
            e.action(),
            e.targetType(),
            e.targetId(),
            e.success(),
            e.detail(),
            e.prevHash(),
            h));
    assertThat(AuditChain.verify(c).firstBrokenEntry()).hasValue(4);
  }

  @Test
  void detectsRemovedEntryAndReportsTheEntryAfterTheGap() {
    List<AuditEvent> c = chain(6);
    c.remove(2); // seq 3
    AuditVerification v = AuditChain.verify(c);
    assertThat(v.ok()).isFalse();
    assertThat(v.firstBrokenEntry()).hasValue(4);
    List<AuditEvent> d = chain(3);
    d.removeFirst();
    assertThat(AuditChain.verify(d).firstBrokenEntry()).hasValue(2);
  }

  @Test
  void detectsRemovedEntryWithRenumberedSuccessors() {
    List<AuditEvent> c = chain(6);
    c.remove(2);
    List<AuditEvent> renumbered = new ArrayList<>();
    for (int i = 0; i < c.size(); i++) {
      AuditEvent e = c.get(i);
      renumbered.add(
          new AuditEvent(
              i + 1,
              e.at(),
              e.actor(),
              e.action(),
              e.targetType(),
              e.targetId(),
              e.success(),
              e.detail(),
              e.prevHash(),
              e.hash()));
    }
    assertThat(AuditChain.verify(renumbered).firstBrokenEntry()).hasValue(3);
  }

  @Test
  void detectsInsertedEntry() {
    List<AuditEvent> c = chain(6);
    // A forged entry hashed correctly onto entry 3, squeezed in before the real entry 4.
    AuditEvent forged = entry(4, c.get(2).hash(), "u_forger", true);
    c.add(3, forged);
    assertThat(AuditChain.verify(c).firstBrokenEntry()).hasValue(4); // the displaced original 4
    List<AuditEvent> d = chain(6);
    d.add(3, entry(4, AuditChain.GENESIS, "u_forger", true)); // sloppy forgery
    assertThat(AuditChain.verify(d).firstBrokenEntry()).hasValue(4);
    List<AuditEvent> e = chain(3);
    e.addLast(entry(4, AuditChain.GENESIS, "u_forger", true)); // appended with wrong link
    assertThat(AuditChain.verify(e).firstBrokenEntry()).hasValue(4);
  }

  @Test
  void detectsTwoSwappedEntries() {
    List<AuditEvent> c = chain(6);
    Collections.swap(c, 1, 2); // order 1,3,2,4...
    assertThat(AuditChain.verify(c).firstBrokenEntry()).hasValue(3);
    // Swapping contents while keeping the seq numbers in place (a re-keyed row swap).
    List<AuditEvent> d = chain(6);
    AuditEvent a = d.get(1);
    AuditEvent b = d.get(2);
    d.set(
        1,
        new AuditEvent(
            2,
            b.at(),
            b.actor(),
            b.action(),
            b.targetType(),
            b.targetId(),
            b.success(),
            b.detail(),
            b.prevHash(),
            b.hash()));
    d.set(
        2,
        new AuditEvent(
            3,
            a.at(),
            a.actor(),
            a.action(),
            a.targetType(),
            a.targetId(),
            a.success(),
            a.detail(),
            a.prevHash(),
            a.hash()));
    assertThat(AuditChain.verify(d).firstBrokenEntry()).hasValue(2);
  }

  @Test
  void timestampsAreHashedAtMillisecondPrecision() {
    Instant withNanos = T0.plusNanos(456_789);
    Instant micros = T0.plusNanos(456_000);
    assertThat(
            AuditChain.hash(
                AuditChain.GENESIS, 1, withNanos, "a", AuditAction.BACKUP, "", "", true, ""))
        .isEqualTo(
            AuditChain.hash(
                AuditChain.GENESIS, 1, micros, "a", AuditAction.BACKUP, "", "", true, ""));
    assertThat(
            AuditChain.hash(
                AuditChain.GENESIS, 1, T0.plusMillis(1), "a", AuditAction.BACKUP, "", "", true, ""))
        .isNotEqualTo(
            AuditChain.hash(AuditChain.GENESIS, 1, T0, "a", AuditAction.BACKUP, "", "", true, ""));
  }

  @Test
  void streamingVerifierMatchesListVerifyAndExposesTheHead() {
    List<AuditEvent> c = chain(50);
    AuditChain.Verifier v = AuditChain.verifier();
    c.forEach(v::add);
    assertThat(v.result()).isEqualTo(AuditChain.verify(c));
    assertThat(v.headSeq()).isEqualTo(50);
    assertThat(v.headHash()).isEqualTo(c.getLast().hash());

    // Dropping the newest entries leaves a valid chain whose head no longer matches.
    AuditChain.Verifier shorter = AuditChain.verifier();
    c.subList(0, 45).forEach(shorter::add);
    assertThat(shorter.result().ok()).isTrue();
    assertThat(shorter.headHash()).isNotEqualTo(c.getLast().hash());

    List<AuditEvent> broken = chain(10);
    broken.set(6, withDetail(broken.get(6), "x"));
    AuditChain.Verifier b = AuditChain.verifier();
    broken.forEach(b::add);
    assertThat(b.result()).isEqualTo(AuditChain.verify(broken));
    assertThat(b.result().firstBrokenEntry()).hasValue(7);
    assertThat(b.result().entries()).isEqualTo(10);
    assertThat(b.headSeq()).isEqualTo(6);
  }
}
