package org.meditwin.core.service;

import java.util.List;
import java.util.Optional;
import org.meditwin.core.domain.Professional;
import org.meditwin.core.domain.ProfessionalId;
import org.meditwin.core.domain.UserId;

/** Professionals who conduct visits. */
public interface ProfessionalService {

  Professional create(
      String displayName, String profession, String licenseNumber, Optional<UserId> account);

  Professional update(Professional professional);

  Optional<Professional> find(ProfessionalId id);

  /** The professional linked to a login, if any. */
  Optional<Professional> forAccount(UserId account);

  List<Professional> list(boolean includeInactive);
}
