package org.meditwin.imaging;

/** VOI LUT Function (0028,1056). */
public enum VoiFunction {
  LINEAR,
  LINEAR_EXACT,
  SIGMOID;

  /** Parses the attribute value; unknown or empty values mean LINEAR (PS3.3 C.11.2.1.3). */
  public static VoiFunction parse(String value) {
    if (value == null) {
      return LINEAR;
    }
    return switch (value.strip().toUpperCase(java.util.Locale.ROOT)) {
      case "SIGMOID" -> SIGMOID;
      case "LINEAR_EXACT" -> LINEAR_EXACT;
      default -> LINEAR;
    };
  }
}
