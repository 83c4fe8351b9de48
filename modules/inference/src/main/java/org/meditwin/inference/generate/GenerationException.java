package org.meditwin.inference.generate;

import org.meditwin.core.MediTwinException;

/** A provider could not answer. {@code retryable} failures (timeouts, 5xx) may succeed later. */
public final class GenerationException extends MediTwinException {
  private static final long serialVersionUID = 1L;
  private final boolean retryable;

  public GenerationException(String message, boolean retryable) {
    super(message);
    this.retryable = retryable;
  }

  public GenerationException(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  public boolean retryable() {
    return retryable;
  }
}
