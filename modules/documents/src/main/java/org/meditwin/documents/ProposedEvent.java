package org.meditwin.documents;

import java.time.LocalDate;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A timeline event proposed from a document's entities, with provenance (document, page, character
 * offsets into that page's text). Nothing reaches the timeline until the clinician confirms it.
 *
 * @param timelineEventId the timeline event created on confirmation
 */
public record ProposedEvent(
    String id,
    String documentId,
    String patientId,
    ProposedEventType type,
    String title,
    LocalDate date,
    DateSource dateSource,
    Optional<String> bodyPart,
    Side laterality,
    Optional<String> severity,
    OptionalDouble value,
    Optional<String> unit,
    boolean uncertain,
    boolean historical,
    int page,
    int start,
    int end,
    ProposalStatus status,
    Optional<String> timelineEventId) {

  /** The clinician's corrections applied (status unchanged). */
  public ProposedEvent edited(ProposalEdit e) {
    return new ProposedEvent(
        id,
        documentId,
        patientId,
        e.type(),
        e.title().strip(),
        e.date(),
        e.date().equals(date) ? dateSource : DateSource.EDITED,
        e.bodyPart().map(String::strip).filter(s -> !s.isEmpty()),
        e.laterality(),
        e.severity().map(String::strip).filter(s -> !s.isEmpty()),
        value,
        unit,
        uncertain,
        historical,
        page,
        start,
        end,
        status,
        timelineEventId);
  }

  ProposedEvent withStatus(ProposalStatus s, Optional<String> timelineId) {
    return new ProposedEvent(
        id,
        documentId,
        patientId,
        type,
        title,
        date,
        dateSource,
        bodyPart,
        laterality,
        severity,
        value,
        unit,
        uncertain,
        historical,
        page,
        start,
        end,
        s,
        timelineId);
  }
}
