package org.meditwin.app.theme;

import java.util.Objects;
import javafx.application.Application;
import javafx.css.PseudoClass;
import javafx.scene.Scene;

/**
 * Applies a {@link Theme}: the AtlantaFX user-agent stylesheet plus our own sheet and pseudo-class.
 */
public final class FxThemeApplier {
  private static final PseudoClass DARK = PseudoClass.getPseudoClass(Styles.DARK_PSEUDO_CLASS);

  private FxThemeApplier() {}

  /** Must run on the FX thread. */
  public static void apply(Theme theme, Scene scene) {
    Application.setUserAgentStylesheet(theme.userAgentStylesheet());
    String own =
        Objects.requireNonNull(FxThemeApplier.class.getResource(Styles.STYLESHEET))
            .toExternalForm();
    if (!scene.getStylesheets().contains(own)) {
      scene.getStylesheets().add(own);
    }
    if (scene.getRoot() != null) {
      scene.getRoot().pseudoClassStateChanged(DARK, theme == Theme.DARK);
    }
  }
}
