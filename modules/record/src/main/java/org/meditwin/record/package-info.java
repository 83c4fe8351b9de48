/**
 * The patient record: a timeline of clinical events with true clinical dates, provenance, body part
 * and laterality ({@link org.meditwin.record.TimelineService}, {@link
 * org.meditwin.record.ClinicalEvent}, {@link org.meditwin.record.EventFilter}); the curated anatomy
 * ({@link org.meditwin.record.Anatomy}); FHIR R4 import/export in {@code org.meditwin.record.fhir};
 * the Neo4j knowledge graph in {@code org.meditwin.record.graph}.
 *
 * <p>Persistence: {@code record_event}, {@code record_event_link} and {@code record_graph_outbox}
 * in the session's encrypted store (Flyway V300–V349), every PHI access audited.
 */
package org.meditwin.record;
