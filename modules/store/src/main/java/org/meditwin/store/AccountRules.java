package org.meditwin.store;

import java.text.Normalizer;
import java.util.Locale;
import org.meditwin.core.service.PasswordPolicy;
import org.meditwin.core.service.UsernamePolicy;

/** Username and password rules shared by initialise, login and account administration. */
final class AccountRules {

  static final int MAX_USERNAME = UsernamePolicy.MAX_LENGTH;
  static final int MAX_DISPLAY_NAME = 200;

  private AccountRules() {}

  /** Same normalisation as the key ring: strip, NFC, lower-case. */
  static String normaliseUsername(String username) {
    if (username == null) {
      return "";
    }
    return Normalizer.normalize(username.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
  }

  /** Normalises and validates a new username. */
  static String newUsername(String username) {
    String u = normaliseUsername(username);
    UsernamePolicy.problem(u)
        .ifPresent(
            problem -> {
              throw new IllegalArgumentException(
                  switch (problem) {
                    case "username.required" -> "Enter a username.";
                    case "username.tooLong" ->
                        "Username is too long (at most " + MAX_USERNAME + " characters).";
                    default -> "Usernames are 2–64 letters, digits and . _ @ - (no spaces).";
                  });
            });
    return u;
  }

  static String displayName(String displayName, String username) {
    String d = displayName == null ? "" : displayName.strip();
    if (d.isEmpty()) {
      return username;
    }
    if (d.length() > MAX_DISPLAY_NAME) {
      throw new IllegalArgumentException(
          "Display name is too long (at most " + MAX_DISPLAY_NAME + " characters).");
    }
    for (int i = 0; i < d.length(); i++) {
      if (Character.isISOControl(d.charAt(i))) {
        throw new IllegalArgumentException("Display name must be a single line of text.");
      }
    }
    return d;
  }

  static void checkPassword(char[] password) {
    PasswordPolicy.problem(password)
        .ifPresent(
            problem -> {
              throw new IllegalArgumentException(
                  switch (problem) {
                    case "password.blank" -> "The password must not be blank.";
                    default ->
                        "The password must have at least "
                            + PasswordPolicy.MIN_LENGTH
                            + " characters.";
                  });
            });
  }
}
