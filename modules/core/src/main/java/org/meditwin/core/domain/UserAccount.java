package org.meditwin.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A workstation login. Usernames are staff identifiers, not PHI. */
public record UserAccount(
    UserId id,
    String username,
    String displayName,
    Role role,
    boolean disabled,
    Instant createdAt,
    Optional<Instant> lastLoginAt) {

  public UserAccount {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(username, "username");
    displayName = displayName == null ? username : displayName.strip();
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(createdAt, "createdAt");
    lastLoginAt = lastLoginAt == null ? Optional.empty() : lastLoginAt;
  }
}
