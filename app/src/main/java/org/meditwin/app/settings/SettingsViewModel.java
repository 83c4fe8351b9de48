package org.meditwin.app.settings;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.meditwin.app.i18n.Language;
import org.meditwin.app.theme.Theme;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settings menu: language, theme and idle auto-lock. Every change is applied through the
 * read-only {@link #preferencesProperty()} (the shell listens and rebuilds or restyles) and
 * persisted immediately.
 */
public final class SettingsViewModel {
  private static final Logger LOG = LoggerFactory.getLogger(SettingsViewModel.class);

  private final SettingsFile file;
  private final ReadOnlyObjectWrapper<UiPreferences> preferences;

  public SettingsViewModel(SettingsFile file) {
    this.file = Objects.requireNonNull(file, "file");
    this.preferences = new ReadOnlyObjectWrapper<>(file.load());
  }

  public ReadOnlyObjectProperty<UiPreferences> preferencesProperty() {
    return preferences.getReadOnlyProperty();
  }

  public UiPreferences preferences() {
    return preferences.get();
  }

  public void setLanguage(Language language) {
    update(preferences.get().withLanguage(language));
  }

  public void setTheme(Theme theme) {
    update(preferences.get().withTheme(theme));
  }

  public void toggleTheme() {
    setTheme(preferences.get().theme().toggled());
  }

  /**
   * Sets the idle auto-lock minutes.
   *
   * @return empty when accepted, otherwise the message key explaining the problem
   */
  public Optional<String> setIdleLockMinutes(String text) {
    int minutes;
    try {
      minutes = Integer.parseInt(text == null ? "" : text.strip());
    } catch (NumberFormatException e) {
      return Optional.of("settings.idle.invalid");
    }
    if (minutes < UiPreferences.MIN_IDLE_MINUTES || minutes > UiPreferences.MAX_IDLE_MINUTES) {
      return Optional.of("settings.idle.invalid");
    }
    update(preferences.get().withIdleLockMinutes(minutes));
    return Optional.empty();
  }

  private void update(UiPreferences next) {
    if (next.equals(preferences.get())) {
      return;
    }
    preferences.set(next);
    try {
      file.save(next);
    } catch (IOException e) {
      // Preferences still apply for this run; losing them is not worth interrupting the user.
      LOG.warn("Cannot save UI settings: {}", e.toString());
    }
  }
}
