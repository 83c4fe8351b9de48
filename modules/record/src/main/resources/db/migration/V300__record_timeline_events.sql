-- Patient record timeline (modules/record, Flyway range 300-349, ADR 0023 / 0110).
-- Clinical events with their TRUE clinical date; PHI (title, code, body part...) lives only in
-- this encrypted database. Deleting a patient deletes their events.
CREATE TABLE record_event (
  id            VARCHAR(64)    NOT NULL PRIMARY KEY,
  patient_id    VARCHAR(36)    NOT NULL,
  event_type    VARCHAR(24)    NOT NULL,
  title         VARCHAR(2000)  NOT NULL,
  code          VARCHAR(200),
  event_date    DATE           NOT NULL,
  end_date      DATE,
  body_part     VARCHAR(200),
  laterality    VARCHAR(12)    NOT NULL,
  severity      VARCHAR(100),
  status        VARCHAR(24)    NOT NULL,
  num_value     DOUBLE PRECISION,
  unit          VARCHAR(64),
  source_kind   VARCHAR(24)    NOT NULL,
  source_id     VARCHAR(500)   NOT NULL,
  source_page   INT,
  source_start  INT,
  source_end    INT,
  created_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  updated_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  CONSTRAINT fk_record_event_patient FOREIGN KEY (patient_id) REFERENCES patients (id) ON DELETE CASCADE
);
CREATE INDEX ix_record_event_patient_date ON record_event (patient_id, event_date);
CREATE INDEX ix_record_event_patient_type ON record_event (patient_id, event_type, event_date);
CREATE INDEX ix_record_event_source ON record_event (patient_id, source_kind, source_id);

-- Explicit relations between events (same encounter, reason for a prescription...).
CREATE TABLE record_event_link (
  from_id   VARCHAR(64) NOT NULL,
  to_id     VARCHAR(64) NOT NULL,
  relation  VARCHAR(24) NOT NULL,
  CONSTRAINT pk_record_event_link PRIMARY KEY (from_id, to_id, relation),
  CONSTRAINT fk_record_link_from FOREIGN KEY (from_id) REFERENCES record_event (id) ON DELETE CASCADE,
  CONSTRAINT fk_record_link_to FOREIGN KEY (to_id) REFERENCES record_event (id) ON DELETE CASCADE
);
CREATE INDEX ix_record_event_link_to ON record_event_link (to_id);

-- Transactional outbox for the knowledge graph: ids only (no PHI), written in the same
-- transaction as the event change, drained by the graph projector.
CREATE TABLE record_graph_outbox (
  seq        BIGINT AUTO_INCREMENT PRIMARY KEY,
  event_id   VARCHAR(64) NOT NULL,
  patient_id VARCHAR(36) NOT NULL,
  op         VARCHAR(8)  NOT NULL
);
