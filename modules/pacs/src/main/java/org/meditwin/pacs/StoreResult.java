package org.meditwin.pacs;

import java.time.Duration;
import java.util.List;

/**
 * Outcome of a C-STORE or STOW-RS send.
 *
 * @param sent instances the PACS accepted (status success or warning)
 * @param failures one entry per instance that was not stored, in input order
 */
public record StoreResult(
    int sent, List<Failure> failures, long bytes, Duration elapsed, boolean cancelled) {
  public StoreResult {
    failures = List.copyOf(failures);
  }

  /** Why input {@code index} (0-based, in the order given) was not stored; no PHI. */
  public record Failure(int index, String source, String reason) {}
}
