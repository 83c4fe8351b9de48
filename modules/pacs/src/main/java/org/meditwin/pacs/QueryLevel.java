package org.meditwin.pacs;

/** C-FIND / QIDO-RS query level (Query/Retrieve Level, 0008,0052). */
public enum QueryLevel {
  PATIENT,
  STUDY,
  SERIES,
  IMAGE
}
