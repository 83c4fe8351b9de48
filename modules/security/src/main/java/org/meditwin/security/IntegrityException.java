package org.meditwin.security;

import org.meditwin.core.MediTwinException;

/** Encrypted data did not authenticate: wrong key, wrong context (AAD), or tampered bytes. */
public final class IntegrityException extends MediTwinException {
  private static final long serialVersionUID = 1L;

  public IntegrityException(String userMessage) {
    super(userMessage);
  }

  public IntegrityException(String userMessage, Throwable cause) {
    super(userMessage, cause);
  }
}
