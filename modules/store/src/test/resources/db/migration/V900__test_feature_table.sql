-- Test-only feature migration: proves feature modules can ship their own tables (ADR 0023).
CREATE TABLE test_feature_note (
  id VARCHAR(36) PRIMARY KEY,
  body VARCHAR(1000) NOT NULL,
  original BLOB
);
