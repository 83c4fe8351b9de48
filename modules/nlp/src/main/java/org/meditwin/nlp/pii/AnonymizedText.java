package org.meditwin.nlp.pii;

import java.util.List;

/**
 * Masked text with the replacements in order, so offsets map both ways. {@link #toString()} never
 * shows the original values (only the masked text).
 */
public record AnonymizedText(String masked, List<Replacement> replacements) {
  public AnonymizedText {
    replacements = List.copyOf(replacements);
  }

  /**
   * Original offset of a masked-text offset: outside replacements it shifts by the length changes
   * before it; inside a replacement it maps to that replacement's original start.
   */
  public int toOriginal(int maskedOffset) {
    int shift = 0;
    for (Replacement r : replacements) {
      if (maskedOffset < r.maskedStart()) {
        break;
      }
      if (maskedOffset < r.maskedEnd()) {
        return r.start();
      }
      shift = r.end() - r.maskedEnd();
    }
    return maskedOffset + shift;
  }

  /** Masked offset of an original offset (inside a replaced span: the replacement's start). */
  public int toMasked(int originalOffset) {
    int shift = 0;
    for (Replacement r : replacements) {
      if (originalOffset < r.start()) {
        break;
      }
      if (originalOffset < r.end()) {
        return r.maskedStart();
      }
      shift = r.maskedEnd() - r.end();
    }
    return originalOffset + shift;
  }
}
