package org.meditwin.core.service;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.meditwin.core.domain.AuditAction;
import org.meditwin.core.domain.AuditEvent;
import org.meditwin.core.domain.AuditVerification;

/** Read side of the hash-chained audit log (writes happen inside the services). */
public interface AuditLog {

  /** Filters for the Admin pane; empty fields match everything. */
  record Filter(
      Optional<Instant> from,
      Optional<Instant> to,
      Optional<AuditAction> action,
      Optional<String> actor,
      Optional<Boolean> success) {
    public static Filter all() {
      return new Filter(
          Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
  }

  /** Newest first. */
  List<AuditEvent> find(Filter filter, int limit);

  long size();

  /** Re-hashes the whole chain. */
  AuditVerification verify();

  /** The pseudonym under which this user id appears in the log (for the Admin filter). */
  String pseudonymOf(org.meditwin.core.domain.UserId user);

  /** Records an export of PHI (PDF, file, clipboard) done outside the services. */
  void recordExport(String targetType, String targetId, String detail);
}
