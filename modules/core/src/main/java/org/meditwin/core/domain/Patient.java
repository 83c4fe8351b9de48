package org.meditwin.core.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A patient. All fields except {@code id}, {@code synthetic} and the timestamps are PHI.
 *
 * @param mrn medical record number, unique per workstation
 * @param synthetic true for clearly-labelled demo data ({@code ./run demo load})
 */
public record Patient(
    PatientId id,
    String mrn,
    String givenName,
    String familyName,
    Optional<LocalDate> birthDate,
    Sex sex,
    String phone,
    String email,
    String address,
    String notes,
    boolean synthetic,
    Instant createdAt,
    Instant updatedAt) {

  public Patient {
    Objects.requireNonNull(id, "id");
    mrn = nonNull(mrn);
    givenName = nonNull(givenName);
    familyName = nonNull(familyName);
    birthDate = birthDate == null ? Optional.empty() : birthDate;
    sex = sex == null ? Sex.UNKNOWN : sex;
    phone = nonNull(phone);
    email = nonNull(email);
    address = nonNull(address);
    notes = nonNull(notes);
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /** "Family, Given" as shown in lists. */
  public String displayName() {
    if (givenName.isEmpty()) {
      return familyName;
    }
    return familyName.isEmpty() ? givenName : familyName + ", " + givenName;
  }

  private static String nonNull(String s) {
    return s == null ? "" : s.strip();
  }
}
