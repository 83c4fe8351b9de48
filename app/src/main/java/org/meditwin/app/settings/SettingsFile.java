package org.meditwin.app.settings;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import org.meditwin.app.i18n.Language;
import org.meditwin.app.theme.Theme;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code $MEDITWIN_HOME/settings.properties}: language, theme and idle lock minutes. Kept in the
 * data directory (not java.util.prefs) so that a backup, a second data directory or a test's
 * temporary directory carries its own preferences. Contains no PHI. Unreadable or invalid values
 * fall back to the defaults; they never stop the application.
 */
public final class SettingsFile {
  public static final String FILE_NAME = "settings.properties";
  private static final Logger LOG = LoggerFactory.getLogger(SettingsFile.class);
  private static final String LANGUAGE = "ui.language";
  private static final String THEME = "ui.theme";
  private static final String IDLE = "ui.idleLockMinutes";

  private final Path file;

  public SettingsFile(Path dataDirectory) {
    this.file = dataDirectory.resolve(FILE_NAME);
  }

  public Path path() {
    return file;
  }

  public UiPreferences load() {
    UiPreferences defaults = UiPreferences.defaults();
    if (!Files.isRegularFile(file)) {
      return defaults;
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException | IllegalArgumentException e) {
      LOG.warn("Cannot read UI settings, using defaults: {}", e.toString());
      return defaults;
    }
    Language language = Language.forTag(p.getProperty(LANGUAGE)).orElse(defaults.language());
    Theme theme = Theme.parse(p.getProperty(THEME)).orElse(defaults.theme());
    int idle = defaults.idleLockMinutes();
    try {
      int parsed = Integer.parseInt(p.getProperty(IDLE, "").strip());
      if (parsed >= UiPreferences.MIN_IDLE_MINUTES && parsed <= UiPreferences.MAX_IDLE_MINUTES) {
        idle = parsed;
      }
    } catch (NumberFormatException e) {
      // keep the default
    }
    return new UiPreferences(language, theme, idle);
  }

  /** Writes atomically (temp file + move) so a crash never leaves a half-written file. */
  public void save(UiPreferences prefs) throws IOException {
    Files.createDirectories(file.getParent());
    Properties p = new Properties();
    p.setProperty(LANGUAGE, prefs.language().tag());
    p.setProperty(THEME, prefs.theme().name());
    p.setProperty(IDLE, Integer.toString(prefs.idleLockMinutes()));
    Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
    try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      p.store(w, "MediTwin UI preferences (no patient data)");
    }
    try {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
