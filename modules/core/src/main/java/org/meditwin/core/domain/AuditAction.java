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
  SETTINGS_CHANGE,
  /** A clinician approved (signed) a note or report; it is immutable afterwards. */
  PHI_APPROVE,
  /** An amendment to an approved note or report. */
  PHI_AMEND,
  /** Data brought in from outside (document, FHIR bundle, DICOM study). */
  PHI_IMPORT,
  /** A case handed off to staff (escalation queue or webhook). */
  ESCALATION
}
