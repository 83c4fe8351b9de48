package org.meditwin.store;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;
import org.meditwin.core.service.PasswordPolicy;

/** Username and password rules shared by initialise, login and account administration. */
final class AccountRules {

  static final int MAX_USERNAME = 64;
  static final int MAX_DISPLAY_NAME = 200;
  private static final Pattern USERNAME = Pattern.compile("^[\\p{L}\\p{N}._@-]+$");

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
    if (u.isEmpty()) {
      throw new IllegalArgumentException("Enter a username.");
    }
    if (u.length() > MAX_USERNAME) {
      throw new IllegalArgumentException(
          "Username is too long (at most " + MAX_USERNAME + " characters).");
    }
    if (!USERNAME.matcher(u).matches()) {
      throw new IllegalArgumentException(
          "Username may contain only letters, digits and . _ @ - (no spaces).");
    }
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
