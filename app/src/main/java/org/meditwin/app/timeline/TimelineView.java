package org.meditwin.app.timeline;

import javafx.scene.Parent;
import org.meditwin.app.common.CapabilityNoticeView;
import org.meditwin.app.i18n.I18n;

/** The medical timeline pane; states which parts this build still lacks. */
public final class TimelineView {
  private final CapabilityNoticeView notice;

  public TimelineView(I18n i18n) {
    notice = new CapabilityNoticeView(i18n, "pane.timeline");
  }

  public Parent root() {
    return notice.root();
  }
}
