package org.meditwin.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import org.meditwin.core.domain.AuditAction;
import org.meditwin.core.service.ClinicalStore;

/** {@link ClinicalStore} over the session's encrypted H2 database (ADR 0023). */
final class StoreClinicalStore implements ClinicalStore {

  /** HKDF info prefix that keeps feature keys apart from the store's own derived keys. */
  static final String PURPOSE_PREFIX = "feature:";

  private final StoreSession session;

  StoreClinicalStore(StoreSession session) {
    this.session = session;
  }

  @Override
  public <T> T write(Work<T> work) {
    Objects.requireNonNull(work, "work");
    session.guard();
    return session.db().write(tx -> work.run(new FeatureTx(tx, true)));
  }

  @Override
  public <T> T read(Work<T> work) {
    Objects.requireNonNull(work, "work");
    session.guard();
    return session.db().read(tx -> work.run(new FeatureTx(tx, false)));
  }

  @Override
  public byte[] derivedKey(String purpose) {
    if (purpose == null || purpose.isBlank()) {
      throw new IllegalArgumentException("A key purpose is required.");
    }
    session.guard();
    return session.store().key().derive(PURPOSE_PREFIX + purpose, 32);
  }

  @Override
  public String actorPseudonym() {
    return session.actor();
  }

  private final class FeatureTx implements Tx {
    private final org.meditwin.store.Tx tx;
    private final boolean writable;

    FeatureTx(org.meditwin.store.Tx tx, boolean writable) {
      this.tx = tx;
      this.writable = writable;
    }

    @Override
    public Connection connection() {
      return tx.connection();
    }

    @Override
    public Instant now() {
      return tx.now();
    }

    @Override
    public void audit(
        AuditAction action, String targetType, String targetId, boolean ok, String detail) {
      if (!writable) {
        throw new IllegalStateException("Audited work must run inside ClinicalStore.write.");
      }
      try {
        session.audit(
            tx,
            Objects.requireNonNull(action, "action"),
            Objects.requireNonNull(targetType, "targetType"),
            Objects.requireNonNull(targetId, "targetId"),
            ok,
            detail == null ? "" : detail);
      } catch (SQLException e) {
        throw SqlFailures.onUse(e);
      }
    }

    @Override
    public void syncAfterCommit() {
      if (!writable) {
        throw new IllegalStateException("Only a write transaction can be synced.");
      }
      tx.syncAfterCommit();
    }
  }
}
