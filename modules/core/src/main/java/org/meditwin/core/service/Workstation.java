package org.meditwin.core.service;

import java.nio.file.Path;

/**
 * One workstation data directory ({@code $MEDITWIN_HOME}). Opening it touches no PHI; the encrypted
 * stores unlock only through {@link #login} (or {@link #initialise} on first start).
 */
public interface Workstation extends AutoCloseable {

  Path dataDirectory();

  /** False on a fresh data directory: the UI then asks for the first administrator. */
  boolean isInitialised();

  /**
   * Creates the data key, the encrypted database and the first administrator, and signs them in.
   *
   * @throws IllegalStateException if already initialised
   * @throws IllegalArgumentException if the password does not meet {@link PasswordPolicy}
   */
  UserSession initialise(String adminUsername, String displayName, char[] password);

  /**
   * Verifies the password (Argon2id), unwraps the data key, opens the stores. Every attempt is
   * audited; repeated failures lock the account with growing back-off.
   *
   * @throws AuthenticationException wrong credentials, locked out or disabled
   * @throws StoreUnavailableException the database cannot be opened
   */
  UserSession login(String username, char[] password);

  /** Closes any open session and the stores. */
  @Override
  void close();
}
