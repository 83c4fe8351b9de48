package org.meditwin.store;

import java.util.List;
import java.util.Objects;
import org.meditwin.core.domain.AuditAction;
import org.meditwin.core.domain.AuditEvent;
import org.meditwin.core.domain.AuditVerification;
import org.meditwin.core.domain.UserId;
import org.meditwin.core.service.AuditLog;

/** Read side of the audit chain plus export records. */
final class StoreAuditLog implements AuditLog {

  private final StoreSession session;

  StoreAuditLog(StoreSession session) {
    this.session = session;
  }

  @Override
  public List<AuditEvent> find(Filter filter, int limit) {
    session.guard();
    Filter f = filter == null ? Filter.all() : filter;
    int max = Math.clamp(limit, 1, 100_000);
    return session.db().read(tx -> AuditRepository.find(tx, f, max));
  }

  @Override
  public long size() {
    session.guard();
    return session.db().read(AuditRepository::size);
  }

  @Override
  public AuditVerification verify() {
    session.guard();
    return session.db().read(AuditRepository::verify);
  }

  @Override
  public String pseudonymOf(UserId user) {
    session.guard();
    return session.store().actorOf(Objects.requireNonNull(user, "user"));
  }

  @Override
  public void recordExport(String targetType, String targetId, String detail) {
    session.guard();
    session
        .db()
        .write(tx -> session.audit(tx, AuditAction.EXPORT, targetType, targetId, true, detail));
  }
}
