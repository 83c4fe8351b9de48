-- SOAP notes (modules/notes, ADR 0095). Lives inside the AES-encrypted H2 file like every table.
-- Content is the SoapDraft serialised as JSON (format 1, NoteContentCodec); the transcript is kept
-- beside it because source spans are offsets into it.

-- No foreign key to patients: PatientService.delete (store) must not start failing with a
-- constraint error; NoteService refuses notes for unknown patients instead (ADR 0095).
CREATE TABLE soap_note (
  id                    VARCHAR(36)   NOT NULL PRIMARY KEY,
  patient_id            VARCHAR(36)   NOT NULL,
  visit_id              VARCHAR(36),
  template              VARCHAR(32)   NOT NULL,
  status                VARCHAR(16)   NOT NULL,
  revision              INT           NOT NULL,
  transcript            CLOB          NOT NULL,
  content               CLOB          NOT NULL,
  created_at            TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  updated_at            TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  approved_by           VARCHAR(64),
  approved_by_name      VARCHAR(200),
  approved_at           TIMESTAMP(6) WITH TIME ZONE,
  -- the content exactly as signed (content moves on with amendments) and its SHA-256
  approved_content      CLOB,
  approved_sha256       VARCHAR(64),
  CONSTRAINT ck_soap_note_status CHECK (status IN ('DRAFT', 'APPROVED'))
);

CREATE INDEX ix_soap_note_patient ON soap_note (patient_id, updated_at);

CREATE TABLE soap_note_amendment (
  note_id               VARCHAR(36)   NOT NULL,
  seq                   INT           NOT NULL,
  reason                VARCHAR(4000) NOT NULL,
  author                VARCHAR(64)   NOT NULL,
  author_name           VARCHAR(200)  NOT NULL,
  amended_at            TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  content               CLOB          NOT NULL,
  content_sha256        VARCHAR(64)   NOT NULL,
  PRIMARY KEY (note_id, seq),
  CONSTRAINT fk_soap_amendment_note FOREIGN KEY (note_id) REFERENCES soap_note (id)
);

-- The practice header printed on exported notes (one row).
CREATE TABLE soap_practice (
  id                    INT           NOT NULL PRIMARY KEY,
  name                  VARCHAR(200)  NOT NULL,
  details               VARCHAR(1000) NOT NULL
);
