package org.meditwin.app.soap;

import javafx.scene.Parent;
import org.meditwin.app.common.CapabilityNoticeView;
import org.meditwin.app.i18n.I18n;

/** The SOAP notes pane; states which parts this build still lacks. */
public final class SoapView {
  private final CapabilityNoticeView notice;

  public SoapView(I18n i18n) {
    notice = new CapabilityNoticeView(i18n, "pane.soap");
  }

  public Parent root() {
    return notice.root();
  }
}
