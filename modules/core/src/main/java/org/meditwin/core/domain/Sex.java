package org.meditwin.core.domain;

/** Administrative sex as recorded at registration (FHIR AdministrativeGender). */
public enum Sex {
  FEMALE,
  MALE,
  OTHER,
  UNKNOWN
}
