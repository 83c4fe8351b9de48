package org.meditwin.soap;

import java.util.Objects;

/**
 * The judge's finding for sentence {@code index} of the checked list.
 *
 * @param reason short English explanation ("supported by the transcript", "laterality mismatch: the
 *     transcript says right")
 */
public record SentenceCheck(int index, Verdict verdict, String reason) {
  public SentenceCheck {
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(reason, "reason");
  }

  public boolean ok() {
    return verdict == Verdict.SUPPORTED;
  }
}
