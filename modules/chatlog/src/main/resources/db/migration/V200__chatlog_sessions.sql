-- Chat history (modules/chatlog, Flyway range 200-299, ADR 0023 / 0105).
-- PHI: titles, context and message text. The whole database is AES-encrypted by H2; every
-- read and write goes through ClinicalStore.write(...) with an audit entry.
CREATE TABLE chat_sessions (
  id              VARCHAR(36)    NOT NULL PRIMARY KEY,
  owner_id        VARCHAR(36)    NOT NULL,
  title           VARCHAR(200)   NOT NULL,
  patient_id      VARCHAR(36),
  context_title   VARCHAR(200),
  context_text    VARCHAR(200000),
  created_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  updated_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  CONSTRAINT fk_chat_sessions_owner FOREIGN KEY (owner_id) REFERENCES users (id),
  CONSTRAINT fk_chat_sessions_patient FOREIGN KEY (patient_id) REFERENCES patients (id) ON DELETE SET NULL
);
CREATE INDEX ix_chat_sessions_owner ON chat_sessions (owner_id, updated_at DESC);

CREATE TABLE chat_messages (
  id              VARCHAR(36)    NOT NULL PRIMARY KEY,
  session_id      VARCHAR(36)    NOT NULL,
  seq             INT            NOT NULL,
  speaker         VARCHAR(16)    NOT NULL,
  body            VARCHAR(1000000) NOT NULL,
  answer_meta     VARCHAR(1000000),
  created_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  CONSTRAINT fk_chat_messages_session FOREIGN KEY (session_id) REFERENCES chat_sessions (id) ON DELETE CASCADE,
  CONSTRAINT uq_chat_messages_seq UNIQUE (session_id, seq)
);
