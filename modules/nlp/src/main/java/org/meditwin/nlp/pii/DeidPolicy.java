package org.meditwin.nlp.pii;

import java.util.EnumSet;
import java.util.Set;

/**
 * What the de-identifier removes.
 *
 * @param types PII types to mask
 * @param maskAllAges mask every age (true) or only ages over 89 as HIPAA Safe Harbor requires
 * @param maskBareYears mask a year standing alone ("since 1977"); Safe Harbor allows years
 */
public record DeidPolicy(Set<PiiType> types, boolean maskAllAges, boolean maskBareYears) {
  public DeidPolicy {
    types = Set.copyOf(types);
  }

  /** HIPAA Safe Harbor: every identifier type, ages over 89 only, years kept. */
  public static DeidPolicy hipaaSafeHarbor() {
    return new DeidPolicy(EnumSet.allOf(PiiType.class), false, false);
  }

  /** Everything that could identify someone, including every age and year. */
  public static DeidPolicy strict() {
    return new DeidPolicy(EnumSet.allOf(PiiType.class), true, true);
  }
}
