package org.meditwin.security;

import org.meditwin.core.MediTwinException;

/** The password given for an encrypted archive is not the one it was written with. */
public final class WrongPasswordException extends MediTwinException {
  private static final long serialVersionUID = 1L;

  public WrongPasswordException(String userMessage) {
    super(userMessage);
  }
}
