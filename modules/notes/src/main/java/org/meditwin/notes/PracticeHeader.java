package org.meditwin.notes;

import java.util.Objects;

/**
 * The header printed on exported notes: the practice's name and a free line of details (address,
 * phone). Not PHI.
 */
public record PracticeHeader(String name, String details) {
  public static final int MAX_NAME = 200;
  public static final int MAX_DETAILS = 1000;

  public PracticeHeader {
    name = Objects.requireNonNullElse(name, "").strip();
    details = Objects.requireNonNullElse(details, "").strip();
    if (name.isEmpty()) {
      throw new IllegalArgumentException("The practice name must not be empty.");
    }
    if (name.length() > MAX_NAME || details.length() > MAX_DETAILS) {
      throw new IllegalArgumentException("The practice header is too long.");
    }
  }

  /** Used until an administrator sets the practice's own header. */
  public static PracticeHeader standard() {
    return new PracticeHeader("MediTwin Workstation", "");
  }
}
