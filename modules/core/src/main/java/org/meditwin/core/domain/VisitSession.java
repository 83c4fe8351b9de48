package org.meditwin.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One encounter between a professional and a patient; later capabilities hang transcripts, SOAP
 * notes and documents off it. {@code reason} is PHI.
 */
public record VisitSession(
    VisitId id,
    PatientId patientId,
    ProfessionalId professionalId,
    Instant startedAt,
    Optional<Instant> endedAt,
    String reason,
    VisitStatus status) {

  public VisitSession {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(patientId, "patientId");
    Objects.requireNonNull(professionalId, "professionalId");
    Objects.requireNonNull(startedAt, "startedAt");
    endedAt = endedAt == null ? Optional.empty() : endedAt;
    reason = reason == null ? "" : reason.strip();
    status = status == null ? VisitStatus.SCHEDULED : status;
  }
}
