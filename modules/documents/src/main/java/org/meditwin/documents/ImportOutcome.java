package org.meditwin.documents;

import java.util.Optional;

/**
 * What happened to one file handed to {@link DocumentService#importFile}.
 *
 * @param document the stored (new or already present) document; empty when refused
 * @param duplicate the patient already had a byte-identical document ({@code document} is it)
 * @param refused why the file was not stored at all (empty, too large, not a supported format)
 * @param detail PHI-free explanation for a refusal
 */
public record ImportOutcome(
    Optional<DocumentSummary> document,
    boolean duplicate,
    Optional<FailureReason> refused,
    String detail) {

  static ImportOutcome stored(DocumentSummary d) {
    return new ImportOutcome(Optional.of(d), false, Optional.empty(), "");
  }

  static ImportOutcome duplicateOf(DocumentSummary d) {
    return new ImportOutcome(Optional.of(d), true, Optional.empty(), "already imported");
  }

  static ImportOutcome refused(FailureReason reason, String detail) {
    return new ImportOutcome(Optional.empty(), false, Optional.of(reason), detail);
  }
}
