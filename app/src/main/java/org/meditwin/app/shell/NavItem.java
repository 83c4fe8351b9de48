package org.meditwin.app.shell;

/** The panes of the main window, in navigation order (Ctrl+1 … Ctrl+7). */
public enum NavItem {
  PATIENTS("nav.patients"),
  CHAT("nav.chat"),
  TIMELINE("nav.timeline"),
  IMAGING("nav.imaging"),
  SOAP("nav.soap"),
  DOCUMENTS("nav.documents"),
  ADMIN("nav.admin");

  private final String messageKey;

  NavItem(String messageKey) {
    this.messageKey = messageKey;
  }

  public String messageKey() {
    return messageKey;
  }

  /** 1-based shortcut digit. */
  public int shortcutDigit() {
    return ordinal() + 1;
  }
}
