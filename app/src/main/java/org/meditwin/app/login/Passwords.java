package org.meditwin.app.login;

import java.util.Optional;
import org.meditwin.app.i18n.I18n;
import org.meditwin.core.service.PasswordPolicy;

/** Password checks shared by the first-start and admin forms. */
public final class Passwords {
  private Passwords() {}

  /** The translated problem with a new password and its confirmation; empty when acceptable. */
  public static Optional<String> problem(I18n i18n, String password, String confirmation) {
    Optional<String> policy = PasswordPolicy.problem(password.toCharArray());
    if (policy.isPresent()) {
      return Optional.of(i18n.get("validation." + policy.get(), PasswordPolicy.MIN_LENGTH));
    }
    if (!password.equals(confirmation)) {
      return Optional.of(i18n.get("validation.password.mismatch"));
    }
    return Optional.empty();
  }
}
