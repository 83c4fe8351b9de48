package org.meditwin.core.service;

import org.meditwin.core.MediTwinException;

/** The signed-in user's role does not allow the operation (or the session is locked/closed). */
public final class AccessDeniedException extends MediTwinException {
  private static final long serialVersionUID = 1L;

  public AccessDeniedException(String message) {
    super(message);
  }
}
