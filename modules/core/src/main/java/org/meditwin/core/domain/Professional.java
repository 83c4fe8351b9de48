package org.meditwin.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A clinician or hearing-care professional who conducts visits (Echo Notes "professional").
 *
 * @param profession free text such as "Audiologist" or "General practitioner"
 * @param account the workstation login of this professional, if any
 */
public record Professional(
    ProfessionalId id,
    String displayName,
    String profession,
    String licenseNumber,
    Optional<UserId> account,
    boolean active,
    Instant createdAt) {

  public Professional {
    Objects.requireNonNull(id, "id");
    displayName = displayName == null ? "" : displayName.strip();
    profession = profession == null ? "" : profession.strip();
    licenseNumber = licenseNumber == null ? "" : licenseNumber.strip();
    account = account == null ? Optional.empty() : account;
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
