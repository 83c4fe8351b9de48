package org.meditwin.app.i18n;

import java.util.Locale;
import java.util.Optional;

/** The languages the workstation UI ships with; English is the default bundle. */
public enum Language {
  ENGLISH(Locale.ENGLISH, "English"),
  SPANISH(Locale.of("es"), "Español"),
  CHINESE(Locale.of("zh"), "中文"),
  HINDI(Locale.of("hi"), "हिन्दी");

  private final Locale locale;
  private final String nativeName;

  Language(Locale locale, String nativeName) {
    this.locale = locale;
    this.nativeName = nativeName;
  }

  public Locale locale() {
    return locale;
  }

  /** The language's own name, shown in the language menu whatever the current language. */
  public String nativeName() {
    return nativeName;
  }

  /** The language for a tag such as {@code "es"}; empty for unknown tags. */
  public static Optional<Language> forTag(String tag) {
    for (Language l : values()) {
      if (l.locale.getLanguage().equalsIgnoreCase(tag == null ? "" : tag.strip())) {
        return Optional.of(l);
      }
    }
    return Optional.empty();
  }

  public String tag() {
    return locale.getLanguage();
  }
}
