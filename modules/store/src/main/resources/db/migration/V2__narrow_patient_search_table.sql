-- Searching scanned the wide patients rows (notes up to 20k characters) for every query.
-- Keep the normalised search key and a sort key in a narrow table instead (ADR 0022).

CREATE TABLE patient_search (
  patient_id   VARCHAR(36)   NOT NULL PRIMARY KEY,
  sort_key     VARCHAR(450)  NOT NULL,
  search_text  VARCHAR(2000) NOT NULL,
  CONSTRAINT fk_patient_search_patient FOREIGN KEY (patient_id) REFERENCES patients (id) ON DELETE CASCADE
);
CREATE INDEX ix_patient_search_sort ON patient_search (sort_key);

INSERT INTO patient_search (patient_id, sort_key, search_text)
  SELECT id, LOWER(family_name) || ' ' || LOWER(given_name), search_text FROM patients;

ALTER TABLE patients DROP COLUMN search_text;
