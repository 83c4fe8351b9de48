package org.meditwin.nlp.ner;

import java.util.Map;

/**
 * A clinical entity at {@code [start, end)} of the original text.
 *
 * @param text exactly {@code original.substring(start, end)}
 * @param attributes optional details: {@code dose}, {@code route}, {@code frequency} for
 *     medications, {@code laterality} (left, right, bilateral), {@code value} and {@code unit} for
 *     lab tests
 * @param source {@code lexicon}, {@code pattern} or {@code model:<name>}
 */
public record ClinicalEntity(
    int start,
    int end,
    ClinicalEntityType type,
    String text,
    Assertion assertion,
    Map<String, String> attributes,
    double score,
    String source) {
  public ClinicalEntity {
    if (start < 0 || end <= start || text.length() != end - start) {
      throw new IllegalArgumentException("invalid entity offsets");
    }
    attributes = Map.copyOf(attributes);
  }

  public boolean negated() {
    return assertion.negated();
  }

  public boolean uncertain() {
    return assertion.uncertain();
  }
}
