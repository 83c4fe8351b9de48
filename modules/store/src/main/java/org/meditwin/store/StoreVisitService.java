package org.meditwin.store;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.meditwin.core.domain.AuditAction;
import org.meditwin.core.domain.PatientId;
import org.meditwin.core.domain.Professional;
import org.meditwin.core.domain.ProfessionalId;
import org.meditwin.core.domain.VisitId;
import org.meditwin.core.domain.VisitSession;
import org.meditwin.core.domain.VisitStatus;
import org.meditwin.core.service.VisitService;

/**
 * Visit sessions. Life cycle: SCHEDULED → IN_PROGRESS → COMPLETED, or CANCELLED from any open
 * state; COMPLETED and CANCELLED are final.
 */
final class StoreVisitService implements VisitService {

  static final String TARGET = "visit";
  static final int MAX_REASON = 2000;

  private final StoreSession session;

  StoreVisitService(StoreSession session) {
    this.session = session;
  }

  @Override
  public VisitSession start(PatientId patient, ProfessionalId professional, String reason) {
    session.guard();
    Objects.requireNonNull(patient, "patient");
    Objects.requireNonNull(professional, "professional");
    String why = reason == null ? "" : reason.strip();
    if (why.length() > MAX_REASON) {
      throw new IllegalArgumentException(
          "Reason is too long (at most " + MAX_REASON + " characters).");
    }
    return session
        .db()
        .write(
            tx -> {
              if (PatientRepository.find(tx, patient).isEmpty()) {
                throw new IllegalArgumentException("No such patient.");
              }
              Professional pro =
                  ProfessionalRepository.find(tx, professional)
                      .orElseThrow(() -> new IllegalArgumentException("No such professional."));
              if (!pro.active()) {
                throw new IllegalArgumentException("This professional is inactive.");
              }
              VisitSession v =
                  new VisitSession(
                      VisitId.random(),
                      patient,
                      professional,
                      tx.now(),
                      Optional.empty(),
                      why,
                      VisitStatus.IN_PROGRESS);
              VisitRepository.insert(tx, v);
              session.audit(
                  tx, AuditAction.PHI_CREATE, TARGET, v.id().value(), true, "patient=" + patient);
              return v;
            });
  }

  @Override
  public VisitSession changeStatus(VisitId id, VisitStatus status) {
    session.guard();
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    return session
        .db()
        .write(
            tx -> {
              VisitSession v =
                  VisitRepository.find(tx, id)
                      .orElseThrow(() -> new IllegalArgumentException("No such visit."));
              if (v.status() == status) {
                return v;
              }
              if (v.status() == VisitStatus.COMPLETED || v.status() == VisitStatus.CANCELLED) {
                throw new IllegalArgumentException(
                    "This visit is already " + v.status().name().toLowerCase() + ".");
              }
              if (status == VisitStatus.SCHEDULED) {
                throw new IllegalArgumentException("A started visit cannot be scheduled again.");
              }
              boolean ends = status == VisitStatus.COMPLETED || status == VisitStatus.CANCELLED;
              VisitSession changed =
                  new VisitSession(
                      v.id(),
                      v.patientId(),
                      v.professionalId(),
                      v.startedAt(),
                      ends ? Optional.of(tx.now()) : Optional.empty(),
                      v.reason(),
                      status);
              VisitRepository.updateStatus(tx, changed);
              session.audit(
                  tx, AuditAction.PHI_UPDATE, TARGET, id.value(), true, "status=" + status.name());
              return changed;
            });
  }

  @Override
  public Optional<VisitSession> find(VisitId id) {
    session.guard();
    Objects.requireNonNull(id, "id");
    return session
        .db()
        .write(
            tx -> {
              Optional<VisitSession> v = VisitRepository.find(tx, id);
              session.audit(
                  tx,
                  AuditAction.PHI_READ,
                  TARGET,
                  id.value(),
                  v.isPresent(),
                  v.isPresent() ? "" : "found=false");
              return v;
            });
  }

  @Override
  public List<VisitSession> forPatient(PatientId patient) {
    session.guard();
    Objects.requireNonNull(patient, "patient");
    return session
        .db()
        .write(
            tx -> {
              List<VisitSession> list = VisitRepository.forPatient(tx, patient);
              session.audit(
                  tx,
                  AuditAction.PHI_READ,
                  StorePatientService.TARGET,
                  patient.value(),
                  true,
                  "visits=" + list.size());
              return list;
            });
  }
}
