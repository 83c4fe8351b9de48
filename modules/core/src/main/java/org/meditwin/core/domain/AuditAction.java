package org.meditwin.core.domain;

/** What an audit entry records. Stable names: they are hashed into the chain. */
public enum AuditAction {
  LOGIN_SUCCESS,
  LOGIN_FAILURE,
  LOGIN_LOCKED_OUT,
  LOGOUT,
  SESSION_LOCK,
  SESSION_UNLOCK,
  SESSION_UNLOCK_FAILURE,
  PHI_READ,
  PHI_CREATE,
  PHI_UPDATE,
  PHI_DELETE,
  PHI_SEARCH,
  EXPORT,
  BACKUP,
  RESTORE,
  USER_CREATE,
  USER_DISABLE,
  USER_ENABLE,
  USER_PASSWORD_RESET,
  USER_PASSWORD_CHANGE,
  INITIALISE,
  DEMO_LOAD,
  SETTINGS_CHANGE
}
