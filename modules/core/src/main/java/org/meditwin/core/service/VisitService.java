package org.meditwin.core.service;

import java.util.List;
import java.util.Optional;
import org.meditwin.core.domain.PatientId;
import org.meditwin.core.domain.ProfessionalId;
import org.meditwin.core.domain.VisitId;
import org.meditwin.core.domain.VisitSession;
import org.meditwin.core.domain.VisitStatus;

/** Visit sessions of a patient. */
public interface VisitService {

  VisitSession start(PatientId patient, ProfessionalId professional, String reason);

  VisitSession changeStatus(VisitId id, VisitStatus status);

  Optional<VisitSession> find(VisitId id);

  /** Newest first. */
  List<VisitSession> forPatient(PatientId patient);
}
