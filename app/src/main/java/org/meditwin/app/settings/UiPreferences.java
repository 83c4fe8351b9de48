package org.meditwin.app.settings;

import java.util.Objects;
import org.meditwin.app.i18n.Language;
import org.meditwin.app.theme.Theme;

/**
 * Non-PHI UI preferences of this workstation.
 *
 * @param idleLockMinutes minutes without keyboard or mouse input before the session locks
 */
public record UiPreferences(Language language, Theme theme, int idleLockMinutes) {
  public static final int MIN_IDLE_MINUTES = 1;
  public static final int MAX_IDLE_MINUTES = 120;
  public static final int DEFAULT_IDLE_MINUTES = 10;

  public UiPreferences {
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(theme, "theme");
    if (idleLockMinutes < MIN_IDLE_MINUTES || idleLockMinutes > MAX_IDLE_MINUTES) {
      throw new IllegalArgumentException("idle lock minutes out of range: " + idleLockMinutes);
    }
  }

  public static UiPreferences defaults() {
    return new UiPreferences(Language.ENGLISH, Theme.LIGHT, DEFAULT_IDLE_MINUTES);
  }

  public UiPreferences withLanguage(Language l) {
    return new UiPreferences(l, theme, idleLockMinutes);
  }

  public UiPreferences withTheme(Theme t) {
    return new UiPreferences(language, t, idleLockMinutes);
  }

  public UiPreferences withIdleLockMinutes(int minutes) {
    return new UiPreferences(language, theme, minutes);
  }
}
