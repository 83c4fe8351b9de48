package org.meditwin.chat.tools;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The patient's medications for the medication-list tool; the app adapts the timeline. */
@FunctionalInterface
public interface MedicationLookup {
  List<Medication> medications(String patientId);

  /**
   * One medication.
   *
   * @param dose e.g. "5 mg", when known
   * @param active false when stopped
   */
  record Medication(
      String name,
      Optional<String> dose,
      Optional<String> frequency,
      Optional<LocalDate> started,
      boolean active) {
    public Medication {
      dose = dose == null ? Optional.empty() : dose;
      frequency = frequency == null ? Optional.empty() : frequency;
      started = started == null ? Optional.empty() : started;
    }
  }
}
