package org.meditwin.nlp.ner;

/** Kinds of clinical entities the recogniser reports. */
public enum ClinicalEntityType {
  /** Diseases and disorders. */
  DISEASE,
  /** Symptoms and signs. */
  SYMPTOM,
  /** Medications and chemicals (with dose, route and frequency attributes when present). */
  MEDICATION,
  /** Procedures, tests and devices (audiogram, tympanometry, hearing aid...). */
  PROCEDURE,
  /** Anatomy and body parts (with laterality when present). */
  ANATOMY,
  /** Laboratory tests and measurements (with value and unit when present). */
  LAB_TEST
}
