package org.meditwin.app.common;

import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.meditwin.app.i18n.I18n;
import org.meditwin.app.theme.Styles;

/**
 * The honest notice of a pane whose capability is not part of this build: what it will do and
 * exactly which parts it still needs.
 */
public final class CapabilityNoticeView {
  private final VBox root;

  /**
   * @param keyPrefix message keys {@code <prefix>.title}, {@code <prefix>.purpose} and {@code
   *     <prefix>.missing}
   */
  public CapabilityNoticeView(I18n i18n, String keyPrefix) {
    Label title = new Label(i18n.get(keyPrefix + ".title"));
    title.getStyleClass().addAll(Styles.PANE_TITLE);
    Label purpose = new Label(i18n.get(keyPrefix + ".purpose"));
    purpose.setWrapText(true);
    Label missing = new Label(i18n.get(keyPrefix + ".missing"));
    missing.setWrapText(true);
    missing.getStyleClass().add(Styles.NOTICE_TITLE);
    missing.setId(keyPrefix.replace('.', '-') + "-missing");
    VBox card = new VBox(title, purpose, missing);
    card.getStyleClass().addAll(Styles.NOTICE);
    card.setMaxWidth(640);
    card.setFocusTraversable(false);
    root = new VBox(card);
    root.getStyleClass().add(Styles.PANE);
    root.setAlignment(Pos.TOP_LEFT);
  }

  public Parent root() {
    return root;
  }
}
