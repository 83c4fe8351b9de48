package org.meditwin.app.documents;

import javafx.scene.Parent;
import org.meditwin.app.common.CapabilityNoticeView;
import org.meditwin.app.i18n.I18n;

/** The document ingestion pane; states which parts this build still lacks. */
public final class DocumentsView {
  private final CapabilityNoticeView notice;

  public DocumentsView(I18n i18n) {
    notice = new CapabilityNoticeView(i18n, "pane.documents");
  }

  public Parent root() {
    return notice.root();
  }
}
