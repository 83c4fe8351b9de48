-- modules/documents (ADR 0023 range 350-399; ADR 0115). The whole database is AES-encrypted by H2;
-- originals are BLOBs here so they are transactional with their results and inside every backup.
CREATE TABLE doc_document (
  id             VARCHAR(36)   PRIMARY KEY,
  patient_id     VARCHAR(64)   NOT NULL,
  file_name      VARCHAR(400)  NOT NULL,
  format         VARCHAR(8)    NOT NULL,
  size_bytes     BIGINT        NOT NULL,
  sha256         CHAR(64)      NOT NULL,
  original       BLOB          NOT NULL,
  status         VARCHAR(12)   NOT NULL,
  failure        VARCHAR(32),
  failure_detail VARCHAR(300),
  pages          INT           NOT NULL DEFAULT 0,
  ocr_pages      INT           NOT NULL DEFAULT 0,
  text_chars     INT           NOT NULL DEFAULT 0,
  attempts       INT           NOT NULL DEFAULT 0,
  indexed        BOOLEAN       NOT NULL DEFAULT FALSE,
  created_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  updated_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  CONSTRAINT doc_document_patient_hash UNIQUE (patient_id, sha256)
);
CREATE INDEX doc_document_status ON doc_document (status, created_at);

CREATE TABLE doc_page (
  document_id    VARCHAR(36)   NOT NULL REFERENCES doc_document (id) ON DELETE CASCADE,
  page_no        INT           NOT NULL,
  method         VARCHAR(12)   NOT NULL,
  text           CLOB          NOT NULL,
  boxes          BLOB          NOT NULL,
  ocr_confidence DOUBLE PRECISION,
  aspect         DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (document_id, page_no)
);

CREATE TABLE doc_entity (
  document_id    VARCHAR(36)   NOT NULL REFERENCES doc_document (id) ON DELETE CASCADE,
  page_no        INT           NOT NULL,
  start_offset   INT           NOT NULL,
  end_offset     INT           NOT NULL,
  entity_type    VARCHAR(16)   NOT NULL,
  negated        BOOLEAN       NOT NULL,
  uncertain      BOOLEAN       NOT NULL,
  historical     BOOLEAN       NOT NULL,
  experiencer    VARCHAR(8)    NOT NULL,
  PRIMARY KEY (document_id, page_no, start_offset, end_offset, entity_type)
);

CREATE TABLE doc_proposed_event (
  id             VARCHAR(36)   PRIMARY KEY,
  document_id    VARCHAR(36)   NOT NULL REFERENCES doc_document (id) ON DELETE CASCADE,
  patient_id     VARCHAR(64)   NOT NULL,
  event_type     VARCHAR(16)   NOT NULL,
  title          VARCHAR(400)  NOT NULL,
  event_date     DATE          NOT NULL,
  date_source    VARCHAR(12)   NOT NULL,
  body_part      VARCHAR(120),
  laterality     VARCHAR(10)   NOT NULL,
  severity       VARCHAR(40),
  num_value      DOUBLE PRECISION,
  unit           VARCHAR(40),
  uncertain      BOOLEAN       NOT NULL,
  historical     BOOLEAN       NOT NULL,
  page_no        INT           NOT NULL,
  start_offset   INT           NOT NULL,
  end_offset     INT           NOT NULL,
  status         VARCHAR(12)   NOT NULL,
  timeline_event_id VARCHAR(64),
  decided_at     TIMESTAMP(6) WITH TIME ZONE
);
CREATE INDEX doc_proposed_event_doc ON doc_proposed_event (document_id, page_no, start_offset);
