package org.meditwin.record.fhir;

import java.util.List;

/**
 * What an import did.
 *
 * @param patients patients whose events were imported (matched or created)
 * @param createdPatients of which newly created
 * @param events events stored (created or updated in place on re-import)
 * @param links relations stored between events (same encounter, reason, part of a report)
 * @param patientIds the workstation ids of the imported patients
 * @param skipped items not imported, each with a PHI-free reason
 */
public record FhirImportResult(
    int patients,
    int createdPatients,
    int events,
    int links,
    List<String> patientIds,
    List<FhirSkipped> skipped) {
  public FhirImportResult {
    patientIds = List.copyOf(patientIds);
    skipped = List.copyOf(skipped);
  }
}
