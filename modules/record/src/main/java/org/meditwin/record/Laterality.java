package org.meditwin.record;

import java.util.Locale;
import java.util.Optional;

/** Side of the body an event affects. */
public enum Laterality {
  LEFT,
  RIGHT,
  BILATERAL,
  NONE;

  /**
   * True when an event with this laterality affects the {@code side} asked about: a bilateral
   * finding affects the left and the right side; asking with {@link #NONE} or {@link #BILATERAL}
   * matches every side.
   */
  public boolean affects(Laterality side) {
    if (side == NONE || side == BILATERAL) {
      return true;
    }
    return this == side || this == BILATERAL;
  }

  /** Parses "left", "L", "right", "R", "both", "bilateral"... (case-insensitive). */
  public static Optional<Laterality> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "left", "l", "lt", "sinister", "left side" -> Optional.of(LEFT);
      case "right", "r", "rt", "dexter", "right side" -> Optional.of(RIGHT);
      case "both", "bilateral", "b", "both sides", "left and right" -> Optional.of(BILATERAL);
      case "none", "", "n/a", "unilateral unspecified" -> Optional.of(NONE);
      default -> Optional.empty();
    };
  }
}
