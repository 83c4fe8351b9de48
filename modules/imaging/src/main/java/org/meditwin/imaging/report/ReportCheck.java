package org.meditwin.imaging.report;

import java.util.Objects;

/**
 * The validator's verdict on one sentence of the report (or, for {@link Verdict#MISSING}, on a
 * structured finding the report does not mention: then {@code sentence} is empty and {@code index}
 * is -1).
 *
 * @param index sentence number within its section (0-based)
 * @param reason a short explanation for the clinician
 */
public record ReportCheck(
    ReportSection section, int index, String sentence, Verdict verdict, String reason) {

  /** How a sentence relates to the structured findings. */
  public enum Verdict {
    /** Every number, side and finding it states is in the structured findings. */
    SUPPORTED,
    /** It states a number, side or finding the structured findings do not contain. */
    UNSUPPORTED,
    /** It contradicts a structured finding (wrong side, asserts a negative model output …). */
    CONTRADICTED,
    /** A structured finding the report does not mention. */
    MISSING
  }

  public ReportCheck {
    Objects.requireNonNull(section, "section");
    Objects.requireNonNull(sentence, "sentence");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(reason, "reason");
  }

  public boolean flagged() {
    return verdict != Verdict.SUPPORTED;
  }
}
