package org.meditwin.app.cli;

import java.util.Arrays;
import org.meditwin.core.service.PasswordPolicy;

/** Applies {@link PasswordPolicy} with a readable message before any work is done. */
final class Passwords {
  private Passwords() {}

  static void requireAcceptable(char[] password, String what) {
    PasswordPolicy.problem(password)
        .ifPresent(
            problem -> {
              Arrays.fill(password, '\0');
              throw CliException.usage(what + " " + describe(problem));
            });
  }

  static String describe(String problem) {
    return switch (problem) {
      case "password.tooShort" ->
          "must be at least " + PasswordPolicy.MIN_LENGTH + " characters long";
      case "password.blank" -> "must not be blank";
      default -> "is not acceptable (" + problem + ")";
    };
  }
}
