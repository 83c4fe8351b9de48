package org.meditwin.core.domain;

import java.util.OptionalLong;

/**
 * Result of re-hashing the audit chain.
 *
 * @param firstBrokenEntry sequence number of the first entry that was edited, removed or reordered
 *     (empty when {@code ok})
 */
public record AuditVerification(boolean ok, long entries, OptionalLong firstBrokenEntry) {}
