package org.meditwin.core.service;

import java.util.Optional;

/** The password rule shared by UI, CLI and services: at least 10 characters, not blank. */
public final class PasswordPolicy {
  public static final int MIN_LENGTH = 10;

  private PasswordPolicy() {}

  /** Empty when acceptable; otherwise a message key suffix explaining the problem. */
  public static Optional<String> problem(char[] password) {
    if (password == null || password.length < MIN_LENGTH) {
      return Optional.of("password.tooShort");
    }
    boolean allBlank = true;
    for (char c : password) {
      if (!Character.isWhitespace(c)) {
        allBlank = false;
        break;
      }
    }
    return allBlank ? Optional.of("password.blank") : Optional.empty();
  }
}
