package org.meditwin.record.fhir;

/**
 * An input item that was not imported, with a PHI-free reason.
 *
 * @param source file name (or "patient" for a whole patient that was rolled back)
 * @param item where in the source: "line 12", "entry 3", "Condition/abc", or empty for the file
 */
public record FhirSkipped(String source, String item, String reason) {}
