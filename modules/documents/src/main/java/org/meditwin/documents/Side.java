package org.meditwin.documents;

/** Laterality of a proposed event (names match the record module's Laterality). */
public enum Side {
  LEFT,
  RIGHT,
  BILATERAL,
  NONE
}
