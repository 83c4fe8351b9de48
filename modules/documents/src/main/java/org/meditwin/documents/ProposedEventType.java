package org.meditwin.documents;

/** Timeline event types a document can propose (names match the record module's EventType). */
public enum ProposedEventType {
  DIAGNOSIS,
  SYMPTOM,
  MEDICATION,
  PROCEDURE,
  OBSERVATION
}
