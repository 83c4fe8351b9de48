package org.meditwin.app.i18n;

import java.text.MessageFormat;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every UI string comes from here: {@code org/meditwin/app/i18n/messages} in the current {@link
 * Language}. Bundles are UTF-8 properties; no fallback to the JVM's default locale, so a Spanish
 * system never leaks into an English session.
 */
public final class I18n {
  /** Base name of the message bundles. */
  public static final String BUNDLE = "org.meditwin.app.i18n.messages";

  private static final Logger LOG = LoggerFactory.getLogger(I18n.class);
  private static final ResourceBundle.Control NO_FALLBACK =
      ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

  private final ReadOnlyObjectWrapper<Language> language = new ReadOnlyObjectWrapper<>();
  private ResourceBundle bundle;

  public I18n(Language language) {
    setLanguage(language);
  }

  /** Loads the bundle of one language (used by the bundle-consistency test too). */
  public static ResourceBundle bundle(Language language) {
    return ResourceBundle.getBundle(BUNDLE, language.locale(), NO_FALLBACK);
  }

  public void setLanguage(Language newLanguage) {
    Objects.requireNonNull(newLanguage, "language");
    bundle = bundle(newLanguage);
    language.set(newLanguage);
  }

  public Language language() {
    return language.get();
  }

  public ReadOnlyObjectProperty<Language> languageProperty() {
    return language.getReadOnlyProperty();
  }

  /** The message for {@code key}, formatted with {@link MessageFormat} when args are given. */
  public String get(String key, Object... args) {
    String pattern;
    try {
      pattern = bundle.getString(key);
    } catch (MissingResourceException e) {
      LOG.warn("Missing message key {}", key);
      return key;
    }
    if (args.length == 0) {
      return pattern;
    }
    return new MessageFormat(pattern, language.get().locale()).format(args);
  }

  /** True when {@code key} exists (used for optional per-enum labels). */
  public boolean has(String key) {
    return bundle.containsKey(key);
  }
}
