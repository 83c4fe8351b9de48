-- Structured imaging reports (modules/imaging, ADR 0127). Inside the AES-encrypted H2 file.
-- content and findings are JSON (ReportCodec, format 1). A signed report never changes: its
-- signed content and SHA-256 stay; later changes are amendments with the full new content.
CREATE TABLE imaging_report (
  id                    VARCHAR(36)   NOT NULL PRIMARY KEY,
  patient_id            VARCHAR(36)   NOT NULL,
  study_uid             VARCHAR(64)   NOT NULL,
  study_id              VARCHAR(36),
  template              VARCHAR(32)   NOT NULL,
  status                VARCHAR(16)   NOT NULL,
  revision              INT           NOT NULL,
  content               CLOB          NOT NULL,
  findings              CLOB          NOT NULL,
  key_image             BLOB,
  created_at            TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  updated_at            TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  signed_by             VARCHAR(64),
  signed_by_name        VARCHAR(200),
  signed_at             TIMESTAMP(6) WITH TIME ZONE,
  signed_content        CLOB,
  signed_sha256         VARCHAR(64),
  CONSTRAINT ck_imaging_report_status CHECK (status IN ('DRAFT', 'SIGNED'))
);

CREATE INDEX ix_imaging_report_patient ON imaging_report (patient_id, updated_at);
CREATE INDEX ix_imaging_report_study ON imaging_report (study_uid);

CREATE TABLE imaging_report_amendment (
  report_id             VARCHAR(36)   NOT NULL,
  seq                   INT           NOT NULL,
  reason                VARCHAR(4000) NOT NULL,
  author                VARCHAR(64)   NOT NULL,
  author_name           VARCHAR(200)  NOT NULL,
  amended_at            TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  content               CLOB          NOT NULL,
  content_sha256        VARCHAR(64)   NOT NULL,
  PRIMARY KEY (report_id, seq),
  CONSTRAINT fk_imaging_report_amendment FOREIGN KEY (report_id) REFERENCES imaging_report (id)
);
