-- The patient's imaging archive (modules/imaging, ADR 0126). DICOM objects are BLOBs inside the
-- AES-encrypted H2 file (ADR 0023): encrypted, transactional with their metadata, in every backup.
-- No foreign key to patients (as soap_note): ImagingArchive refuses unknown patients itself.

CREATE TABLE imaging_study (
  id                    VARCHAR(36)   NOT NULL PRIMARY KEY,
  study_uid             VARCHAR(64)   NOT NULL,
  patient_id            VARCHAR(36)   NOT NULL,
  modality              VARCHAR(64)   NOT NULL,
  study_date            VARCHAR(16)   NOT NULL,
  description           VARCHAR(1024) NOT NULL,
  origin                VARCHAR(128)  NOT NULL,
  imported_at           TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  CONSTRAINT uq_imaging_study_uid UNIQUE (study_uid)
);

CREATE INDEX ix_imaging_study_patient ON imaging_study (patient_id, imported_at);

CREATE TABLE imaging_instance (
  id                    VARCHAR(36)   NOT NULL PRIMARY KEY,
  study_id              VARCHAR(36)   NOT NULL,
  series_uid            VARCHAR(64)   NOT NULL,
  sop_instance_uid      VARCHAR(64)   NOT NULL,
  sop_class_uid         VARCHAR(64)   NOT NULL,
  transfer_syntax_uid   VARCHAR(64)   NOT NULL,
  series_number         INT           NOT NULL,
  instance_number       INT           NOT NULL,
  modality              VARCHAR(16)   NOT NULL,
  size_bytes            BIGINT        NOT NULL,
  sha256                VARCHAR(64)   NOT NULL,
  origin                VARCHAR(128)  NOT NULL,
  imported_at           TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  data                  BLOB          NOT NULL,
  CONSTRAINT uq_imaging_instance_sop UNIQUE (sop_instance_uid),
  CONSTRAINT fk_imaging_instance_study FOREIGN KEY (study_id) REFERENCES imaging_study (id)
);

CREATE INDEX ix_imaging_instance_study ON imaging_instance (study_id, series_number, instance_number);
