package org.meditwin.core.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the hash-chained audit log. {@code actor} is an HMAC pseudonym of the user id;
 * {@code targetId} is an opaque id (never a name); {@code detail} is PHI-free.
 *
 * @param seq 1-based position in the chain
 * @param prevHash hex SHA-256 of the previous entry ("0"*64 for the first)
 * @param hash hex SHA-256 over this entry's fields and {@code prevHash}
 */
public record AuditEvent(
    long seq,
    Instant at,
    String actor,
    AuditAction action,
    String targetType,
    String targetId,
    boolean success,
    String detail,
    String prevHash,
    String hash) {

  public AuditEvent {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    targetType = targetType == null ? "" : targetType;
    targetId = targetId == null ? "" : targetId;
    detail = detail == null ? "" : detail;
    Objects.requireNonNull(prevHash, "prevHash");
    Objects.requireNonNull(hash, "hash");
  }
}
