package org.meditwin.search.cases;

/** Where a case comes from. */
public enum CaseSource {
  /** De-identified public reference images with known labels (no patient). */
  REFERENCE_LIBRARY,
  /** A study in this workstation's imaging archive (belongs to one patient). */
  CLINIC
}
