-- MediTwin store schema v1. Everything here lives inside the AES-encrypted H2 file.

CREATE TABLE users (
  id              VARCHAR(36)  NOT NULL PRIMARY KEY,
  username        VARCHAR(64)  NOT NULL,
  display_name    VARCHAR(200) NOT NULL,
  role            VARCHAR(40)  NOT NULL,
  disabled        BOOLEAN      DEFAULT FALSE NOT NULL,
  created_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  last_login_at   TIMESTAMP(6) WITH TIME ZONE,
  CONSTRAINT uq_users_username UNIQUE (username)
);

CREATE TABLE professionals (
  id              VARCHAR(36)  NOT NULL PRIMARY KEY,
  display_name    VARCHAR(200) NOT NULL,
  profession      VARCHAR(200) NOT NULL,
  license_number  VARCHAR(100) NOT NULL,
  account_user_id VARCHAR(36),
  active          BOOLEAN      DEFAULT TRUE NOT NULL,
  created_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  CONSTRAINT fk_professionals_user FOREIGN KEY (account_user_id) REFERENCES users (id)
);

CREATE TABLE patients (
  id              VARCHAR(36)    NOT NULL PRIMARY KEY,
  mrn             VARCHAR(64)    NOT NULL,
  given_name      VARCHAR(200)   NOT NULL,
  family_name     VARCHAR(200)   NOT NULL,
  birth_date      DATE,
  sex             VARCHAR(16)    NOT NULL,
  phone           VARCHAR(64)    NOT NULL,
  email           VARCHAR(254)   NOT NULL,
  address         VARCHAR(1000)  NOT NULL,
  notes           VARCHAR(20000) NOT NULL,
  synthetic       BOOLEAN        DEFAULT FALSE NOT NULL,
  created_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  updated_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  -- lower-case, accents stripped: names, MRN, phone (as typed and digits only), e-mail
  search_text     VARCHAR(2000)  NOT NULL,
  CONSTRAINT uq_patients_mrn UNIQUE (mrn)
);
CREATE INDEX ix_patients_updated ON patients (updated_at DESC);

CREATE TABLE visit_sessions (
  id              VARCHAR(36)   NOT NULL PRIMARY KEY,
  patient_id      VARCHAR(36)   NOT NULL,
  professional_id VARCHAR(36)   NOT NULL,
  started_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  ended_at        TIMESTAMP(6) WITH TIME ZONE,
  reason          VARCHAR(2000) NOT NULL,
  status          VARCHAR(20)   NOT NULL,
  CONSTRAINT fk_visits_patient FOREIGN KEY (patient_id) REFERENCES patients (id) ON DELETE CASCADE,
  CONSTRAINT fk_visits_professional FOREIGN KEY (professional_id) REFERENCES professionals (id)
);
CREATE INDEX ix_visits_patient ON visit_sessions (patient_id, started_at DESC);

CREATE TABLE audit_log (
  seq             BIGINT        NOT NULL PRIMARY KEY,
  at              TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  actor           VARCHAR(64)   NOT NULL,
  action          VARCHAR(40)   NOT NULL,
  target_type     VARCHAR(40)   NOT NULL,
  target_id       VARCHAR(64)   NOT NULL,
  success         BOOLEAN       NOT NULL,
  detail          VARCHAR(500)  NOT NULL,
  prev_hash       CHAR(64)      NOT NULL,
  hash            CHAR(64)      NOT NULL
);
CREATE INDEX ix_audit_at ON audit_log (at);

-- One row; incremented in every write transaction and mirrored to db/commit.marker after commit.
CREATE TABLE commit_counter (
  id              INT    NOT NULL PRIMARY KEY,
  counter_value   BIGINT NOT NULL
);
INSERT INTO commit_counter (id, counter_value) VALUES (1, 0);

CREATE TABLE settings (
  setting_key     VARCHAR(100)  NOT NULL PRIMARY KEY,
  setting_value   VARCHAR(4000) NOT NULL
);

-- X25519 private key of the pre-authentication journal (public half in keyring.json).
CREATE TABLE sealing_key (
  id              INT            NOT NULL PRIMARY KEY,
  private_key     VARBINARY(512) NOT NULL,
  created_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
