package org.meditwin.core.service;

import java.util.List;
import org.meditwin.core.domain.Role;
import org.meditwin.core.domain.UserAccount;
import org.meditwin.core.domain.UserId;

/** Administrator-only account management; every call is audited. */
public interface AccountAdministration {

  List<UserAccount> list();

  /** Creates a user and wraps the data key for them with a key derived from {@code password}. */
  UserAccount create(String username, String displayName, Role role, char[] password);

  /** Disables a user: their wrapped key is destroyed, so they cannot unlock the data any more. */
  void disable(UserId user);

  /** Re-enables a user with a new password (a fresh wrap of the data key). */
  void enable(UserId user, char[] newPassword);

  /** Sets a new password: re-wraps the data key, never re-encrypts or loses data. */
  void resetPassword(UserId user, char[] newPassword);

  /** Clears a lock-out after failed attempts. */
  void clearLockout(UserId user);
}
