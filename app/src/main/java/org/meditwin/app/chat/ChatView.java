package org.meditwin.app.chat;

import javafx.scene.Parent;
import org.meditwin.app.common.CapabilityNoticeView;
import org.meditwin.app.i18n.I18n;

/** The multi-agent assistant pane; states which runtime parts this build still lacks. */
public final class ChatView {
  private final CapabilityNoticeView notice;

  public ChatView(I18n i18n) {
    notice = new CapabilityNoticeView(i18n, "pane.chat");
  }

  public Parent root() {
    return notice.root();
  }
}
