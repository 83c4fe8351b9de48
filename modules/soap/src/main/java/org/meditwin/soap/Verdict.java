package org.meditwin.soap;

/** The judge's verdict on one draft sentence against the transcript. */
public enum Verdict {
  /** The transcript states it. */
  SUPPORTED,
  /** The transcript does not state it (content words, numbers or facts missing). */
  UNSUPPORTED,
  /** The transcript states the opposite: negation, laterality or number mismatch. */
  CONTRADICTED
}
