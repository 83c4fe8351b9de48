package org.meditwin.app.soap;

import java.util.List;
import org.meditwin.app.i18n.I18n;
import org.meditwin.soap.SentenceCheck;

/**
 * Counts of the judge's verdicts for display: how many sentences are supported, unsupported,
 * contradicted or not yet checked, and how many required fields are missing.
 */
record ValidationSummary(
    int sentences, int supported, int unsupported, int contradicted, int missingFields) {

  static ValidationSummary of(List<SentenceCheck> checks, int sentences, int missingFields) {
    int ok = 0;
    int unsupported = 0;
    int contradicted = 0;
    for (SentenceCheck c : checks) {
      switch (c.verdict()) {
        case SUPPORTED -> ok++;
        case UNSUPPORTED -> unsupported++;
        case CONTRADICTED -> contradicted++;
      }
    }
    return new ValidationSummary(sentences, ok, unsupported, contradicted, missingFields);
  }

  int unchecked() {
    return Math.max(0, sentences - supported - unsupported - contradicted);
  }

  int problems() {
    return unsupported + contradicted;
  }

  boolean complete() {
    return unchecked() == 0;
  }

  /** The pipeline's "AI-approved": every sentence checked and none unsupported or contradicted. */
  boolean aiApproved() {
    return sentences > 0 && complete() && problems() == 0;
  }

  String text(I18n i18n) {
    if (sentences == 0) {
      return missingFields == 0 ? "" : i18n.get("soap.validation.missingOnly", missingFields);
    }
    String base =
        i18n.get("soap.validation.summary", supported, unsupported, contradicted, missingFields);
    return complete() ? base : base + " " + i18n.get("soap.validation.unchecked", unchecked());
  }
}
