package org.meditwin.core;

/**
 * Base of every checked-at-the-boundary error. {@link #userMessage()} is safe to show in the UI and
 * print on the CLI: it never contains PHI.
 */
public class MediTwinException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MediTwinException(String userMessage) {
    super(userMessage);
  }

  public MediTwinException(String userMessage, Throwable cause) {
    super(userMessage, cause);
  }

  /** A one-line, PHI-free explanation suitable for the UI and the CLI. */
  public String userMessage() {
    return getMessage();
  }
}
