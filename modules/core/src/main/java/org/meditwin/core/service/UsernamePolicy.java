package org.meditwin.core.service;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The username rule shared by UI, CLI and the store: after stripping, 2–64 letters, digits, dots,
 * underscores, dashes or {@code @}.
 */
public final class UsernamePolicy {
  public static final int MIN_LENGTH = 2;
  public static final int MAX_LENGTH = 64;
  private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{N}._@-]+");

  private UsernamePolicy() {}

  /** Empty when acceptable; otherwise a message key suffix explaining the problem. */
  public static Optional<String> problem(String username) {
    String u = username == null ? "" : username.strip();
    if (u.isEmpty()) {
      return Optional.of("username.required");
    }
    if (u.length() > MAX_LENGTH) {
      return Optional.of("username.tooLong");
    }
    if (u.length() < MIN_LENGTH || !ALLOWED.matcher(u).matches()) {
      return Optional.of("username.format");
    }
    return Optional.empty();
  }
}
