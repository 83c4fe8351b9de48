package org.meditwin.nlp.pii;

/**
 * Personal data found at {@code [start, end)} of the original text.
 *
 * @param text exactly {@code original.substring(start, end)}
 * @param score confidence in 0..1
 * @param source which recogniser found it (e.g. {@code rule:email}, {@code model:deid-names})
 */
public record PiiSpan(int start, int end, PiiType type, String text, double score, String source) {
  public PiiSpan {
    if (start < 0 || end <= start || text.length() != end - start) {
      throw new IllegalArgumentException("invalid PII span offsets");
    }
  }

  public boolean overlaps(PiiSpan o) {
    return start < o.end && o.start < end;
  }
}
