-- Escalation (handoff) queue and the webhook settings (modules/chatlog, ADR 0106 / 0107).
CREATE TABLE escalations (
  id               VARCHAR(36)    NOT NULL PRIMARY KEY,
  summary          VARCHAR(20000) NOT NULL,
  urgency          VARCHAR(16)    NOT NULL,
  patient_id       VARCHAR(36),
  chat_session_id  VARCHAR(36),
  red_flags        VARCHAR(2000)  NOT NULL,
  status           VARCHAR(16)    NOT NULL,
  created_by       VARCHAR(36)    NOT NULL,
  created_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  picked_up_by     VARCHAR(36),
  picked_up_at     TIMESTAMP(6) WITH TIME ZONE,
  closed_by        VARCHAR(36),
  closed_at        TIMESTAMP(6) WITH TIME ZONE,
  notify_status    VARCHAR(16)    NOT NULL,
  notify_attempts  INT            DEFAULT 0 NOT NULL,
  notify_error     VARCHAR(500),
  notify_last_at   TIMESTAMP(6) WITH TIME ZONE,
  notified_at      TIMESTAMP(6) WITH TIME ZONE,
  CONSTRAINT fk_escalations_creator FOREIGN KEY (created_by) REFERENCES users (id),
  CONSTRAINT fk_escalations_picker FOREIGN KEY (picked_up_by) REFERENCES users (id),
  CONSTRAINT fk_escalations_closer FOREIGN KEY (closed_by) REFERENCES users (id),
  CONSTRAINT fk_escalations_patient FOREIGN KEY (patient_id) REFERENCES patients (id) ON DELETE SET NULL,
  CONSTRAINT fk_escalations_chat FOREIGN KEY (chat_session_id) REFERENCES chat_sessions (id) ON DELETE SET NULL
);
CREATE INDEX ix_escalations_status ON escalations (status, created_at);

CREATE TABLE escalation_notes (
  id               VARCHAR(36)    NOT NULL PRIMARY KEY,
  escalation_id    VARCHAR(36)    NOT NULL,
  author_id        VARCHAR(36)    NOT NULL,
  at               TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  body             VARCHAR(4000)  NOT NULL,
  CONSTRAINT fk_escalation_notes_case FOREIGN KEY (escalation_id) REFERENCES escalations (id) ON DELETE CASCADE,
  CONSTRAINT fk_escalation_notes_author FOREIGN KEY (author_id) REFERENCES users (id)
);
CREATE INDEX ix_escalation_notes_case ON escalation_notes (escalation_id, at);

CREATE TABLE chatlog_settings (
  name             VARCHAR(64)    NOT NULL PRIMARY KEY,
  val              VARCHAR(2000)  NOT NULL,
  updated_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
