package org.meditwin.search.cases;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Which cases a query may return; applied inside the kNN and BM25 queries. Clinic cases are only
 * ever selectable for one named patient — there is no way to ask for other patients' studies (ADR
 * 0130).
 *
 * @param referenceLibrary include the public reference library
 * @param clinicPatientId include this patient's own clinic studies
 * @param modality restrict to one modality (upper-cased)
 * @param bodyPart restrict to one body part (upper-cased)
 */
public record CaseFilter(
    boolean referenceLibrary,
    Optional<String> clinicPatientId,
    Optional<String> modality,
    Optional<String> bodyPart) {
  public CaseFilter {
    Objects.requireNonNull(clinicPatientId, "clinicPatientId");
    Objects.requireNonNull(modality, "modality");
    Objects.requireNonNull(bodyPart, "bodyPart");
    clinicPatientId = clinicPatientId.filter(p -> !p.isBlank());
    modality = modality.map(m -> m.strip().toUpperCase(Locale.ROOT)).filter(m -> !m.isEmpty());
    bodyPart = bodyPart.map(b -> b.strip().toUpperCase(Locale.ROOT)).filter(b -> !b.isEmpty());
    if (!referenceLibrary && clinicPatientId.isEmpty()) {
      throw new IllegalArgumentException("select the reference library, a patient or both");
    }
  }

  public static CaseFilter referenceLibraryOnly() {
    return new CaseFilter(true, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** The reference library and the given patient's own studies (the app's default). */
  public static CaseFilter referenceAndPatient(String patientId) {
    return new CaseFilter(true, Optional.of(patientId), Optional.empty(), Optional.empty());
  }

  public static CaseFilter patientOnly(String patientId) {
    return new CaseFilter(false, Optional.of(patientId), Optional.empty(), Optional.empty());
  }

  public CaseFilter withModality(String m) {
    return new CaseFilter(referenceLibrary, clinicPatientId, Optional.of(m), bodyPart);
  }

  public CaseFilter withBodyPart(String b) {
    return new CaseFilter(referenceLibrary, clinicPatientId, modality, Optional.of(b));
  }
}
