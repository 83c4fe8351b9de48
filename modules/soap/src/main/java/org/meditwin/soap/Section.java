package org.meditwin.soap;

/** The four parts of a SOAP note, in note order. */
public enum Section {
  SUBJECTIVE,
  OBJECTIVE,
  ASSESSMENT,
  PLAN;

  /** Lower-case name as used in the CLI JSON ({@code subjective}, ...). */
  public String key() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
