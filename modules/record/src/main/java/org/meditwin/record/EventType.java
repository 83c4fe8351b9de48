package org.meditwin.record;

/** What kind of clinical event a timeline entry is; one lane per type in the timeline chart. */
public enum EventType {
  DIAGNOSIS,
  SYMPTOM,
  MEDICATION,
  PROCEDURE,
  /** Vitals, laboratory results, hearing thresholds (usually with a value and unit). */
  OBSERVATION,
  IMAGING,
  VISIT,
  NOTE,
  DOCUMENT,
  ALLERGY,
  IMMUNIZATION
}
