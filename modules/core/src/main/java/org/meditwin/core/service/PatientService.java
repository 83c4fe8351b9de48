package org.meditwin.core.service;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.meditwin.core.domain.Patient;
import org.meditwin.core.domain.PatientId;
import org.meditwin.core.domain.Sex;

/**
 * Patients: every call is audited (PHI_READ / PHI_SEARCH / PHI_CREATE / PHI_UPDATE / PHI_DELETE).
 */
public interface PatientService {

  /** Fields a user enters; validated by {@link #create} and {@link #update}. */
  record PatientInput(
      String mrn,
      String givenName,
      String familyName,
      Optional<LocalDate> birthDate,
      Sex sex,
      String phone,
      String email,
      String address,
      String notes) {}

  /**
   * @throws IllegalArgumentException with a PHI-free message when a field is invalid
   */
  Patient create(PatientInput input);

  /** Creates a clearly-labelled synthetic patient (demo data). */
  Patient createSynthetic(PatientInput input);

  Patient update(PatientId id, PatientInput input);

  Optional<Patient> find(PatientId id);

  /**
   * Case- and accent-insensitive search over name, MRN, phone and e-mail; blank query lists
   * everything (most recently updated first).
   */
  List<Patient> search(String query, int limit);

  int count();

  void delete(PatientId id);
}
