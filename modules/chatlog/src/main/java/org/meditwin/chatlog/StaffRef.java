package org.meditwin.chatlog;

import java.util.Objects;

/** A workstation user named on an escalation (staff identifiers, not PHI). */
public record StaffRef(String userId, String username, String displayName) {
  public StaffRef {
    Objects.requireNonNull(userId, "userId");
    username = username == null ? "" : username;
    displayName = displayName == null || displayName.isBlank() ? username : displayName;
  }
}
