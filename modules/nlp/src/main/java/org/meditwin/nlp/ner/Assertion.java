package org.meditwin.nlp.ner;

/**
 * ConText-style assertion of an entity in its sentence.
 *
 * @param negated explicitly absent ("denies chest pain")
 * @param uncertain hypothetical or uncertain ("possible otitis media", "rule out")
 * @param historical in the past rather than current ("history of", "status post")
 * @param experiencer who has it: the patient or someone else (family history)
 */
public record Assertion(
    boolean negated, boolean uncertain, boolean historical, Experiencer experiencer) {
  public static final Assertion AFFIRMED = new Assertion(false, false, false, Experiencer.PATIENT);

  /** Who experiences the entity. */
  public enum Experiencer {
    PATIENT,
    FAMILY,
    OTHER
  }
}
