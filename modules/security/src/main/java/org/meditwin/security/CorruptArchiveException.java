package org.meditwin.security;

import org.meditwin.core.MediTwinException;

/**
 * An encrypted archive is not a MediTwin archive, or was truncated, reordered or altered after it
 * was written. No unauthenticated plaintext is ever returned before this is thrown.
 */
public final class CorruptArchiveException extends MediTwinException {
  private static final long serialVersionUID = 1L;

  public CorruptArchiveException(String userMessage) {
    super(userMessage);
  }

  public CorruptArchiveException(String userMessage, Throwable cause) {
    super(userMessage, cause);
  }
}
