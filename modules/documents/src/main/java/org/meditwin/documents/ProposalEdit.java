package org.meditwin.documents;

import java.time.LocalDate;
import java.util.Optional;

/** What the clinician may correct on a proposed event before confirming it. */
public record ProposalEdit(
    ProposedEventType type,
    String title,
    LocalDate date,
    Optional<String> bodyPart,
    Side laterality,
    Optional<String> severity) {
  public ProposalEdit {
    if (title == null || title.isBlank()) {
      throw new IllegalArgumentException("an event needs a title");
    }
    if (title.strip().length() > 400) {
      throw new IllegalArgumentException("title longer than 400 characters");
    }
  }

  public static ProposalEdit of(ProposedEvent e) {
    return new ProposalEdit(
        e.type(), e.title(), e.date(), e.bodyPart(), e.laterality(), e.severity());
  }
}
