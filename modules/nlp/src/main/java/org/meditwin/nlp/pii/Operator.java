package org.meditwin.nlp.pii;

/** How a PII span is replaced in the masked text. */
public enum Operator {
  /** Every character becomes {@code █}: same length, so offsets are unchanged. */
  REDACT,
  /** The entity type in angle brackets, e.g. {@code <PERSON>}. */
  TYPE,
  /**
   * A consistent pseudonym such as {@code [PERSON-1A2B3C4D]}: the same value always gets the same
   * pseudonym, and the encrypted {@link PseudonymVault} maps it back.
   */
  PSEUDONYM
}
