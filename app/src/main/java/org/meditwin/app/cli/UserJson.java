package org.meditwin.app.cli;

import org.meditwin.core.domain.UserAccount;

/** A user account as the CLI prints it (no secrets; usernames are staff ids, not PHI). */
record UserJson(
    String id,
    String username,
    String displayName,
    String role,
    boolean disabled,
    String createdAt,
    String lastLoginAt) {

  static UserJson of(UserAccount account) {
    return new UserJson(
        account.id().value(),
        account.username(),
        account.displayName(),
        account.role().name(),
        account.disabled(),
        account.createdAt().toString(),
        account.lastLoginAt().map(Object::toString).orElse(null));
  }

  String line() {
    return String.format(
        "%-20s %-26s %-28s %s", username, role, displayName, disabled ? "disabled" : "active");
  }
}
