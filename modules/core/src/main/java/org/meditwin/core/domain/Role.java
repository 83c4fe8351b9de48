package org.meditwin.core.domain;

/** What a workstation user may do. */
public enum Role {
  ADMINISTRATOR,
  CLINICIAN,
  HEARING_CARE_PROFESSIONAL;

  public boolean canAdminister() {
    return this == ADMINISTRATOR;
  }
}
