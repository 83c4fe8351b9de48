-- Transactional outbox for the patient-record search index (ADR 0132): ids only (no PHI), written
-- in the same transaction as every event change, drained by the app into the encrypted
-- patient-record index (modules/search, org.meditwin.search.patient). Events stored before this
-- migration are queued once so an existing record becomes searchable at the next drain.
CREATE TABLE record_index_outbox (
  seq        BIGINT AUTO_INCREMENT PRIMARY KEY,
  event_id   VARCHAR(64) NOT NULL,
  patient_id VARCHAR(36) NOT NULL,
  op         VARCHAR(8)  NOT NULL
);
INSERT INTO record_index_outbox (event_id, patient_id, op)
  SELECT id, patient_id, 'UPSERT' FROM record_event ORDER BY created_at;
