package org.meditwin.app.theme;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.util.Optional;

/** Light and dark themes: AtlantaFX Primer plus our own stylesheet built on the same tokens. */
public enum Theme {
  LIGHT(new PrimerLight().getUserAgentStylesheet()),
  DARK(new PrimerDark().getUserAgentStylesheet());

  private final String userAgentStylesheet;

  Theme(String userAgentStylesheet) {
    this.userAgentStylesheet = userAgentStylesheet;
  }

  /** The AtlantaFX user-agent stylesheet of this theme. */
  public String userAgentStylesheet() {
    return userAgentStylesheet;
  }

  public Theme toggled() {
    return this == LIGHT ? DARK : LIGHT;
  }

  public static Optional<Theme> parse(String name) {
    for (Theme t : values()) {
      if (t.name().equalsIgnoreCase(name == null ? "" : name.strip())) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
