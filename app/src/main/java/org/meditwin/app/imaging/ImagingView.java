package org.meditwin.app.imaging;

import javafx.scene.Parent;
import org.meditwin.app.common.CapabilityNoticeView;
import org.meditwin.app.i18n.I18n;

/** The DICOM imaging pane; states which parts this build still lacks. */
public final class ImagingView {
  private final CapabilityNoticeView notice;

  public ImagingView(I18n i18n) {
    notice = new CapabilityNoticeView(i18n, "pane.imaging");
  }

  public Parent root() {
    return notice.root();
  }
}
