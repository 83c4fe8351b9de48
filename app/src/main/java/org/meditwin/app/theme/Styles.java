package org.meditwin.app.theme;

/**
 * CSS style-class names of our own stylesheet ({@code meditwin.css}) and the AtlantaFX classes we
 * use. Views add these classes; colours live in the stylesheet as looked-up variables, never
 * inline.
 */
public final class Styles {
  /** Our stylesheet, added to every scene after the AtlantaFX user-agent theme. */
  public static final String STYLESHEET = "/org/meditwin/app/theme/meditwin.css";

  /** Pseudo-class set on the scene root while the dark theme is active. */
  public static final String DARK_PSEUDO_CLASS = "dark";

  public static final String APP_ROOT = "mt-app-root";
  public static final String NAV = "mt-nav";
  public static final String TOP_BAR = "mt-top-bar";
  public static final String STATUS_BAR = "mt-status-bar";
  public static final String PANE = "mt-pane";
  public static final String PANE_TITLE = "mt-pane-title";
  public static final String SECTION_TITLE = "mt-section-title";
  public static final String FORM = "mt-form";
  public static final String CARD = "mt-card";
  public static final String CENTER_CARD = "mt-center-card";
  public static final String BRAND = "mt-brand";
  public static final String HINT = "mt-hint";
  public static final String ERROR_TEXT = "mt-error-text";
  public static final String SUCCESS_TEXT = "mt-success-text";
  public static final String NOTICE = "mt-notice";
  public static final String NOTICE_TITLE = "mt-notice-title";
  public static final String SYNTHETIC_BADGE = "mt-synthetic-badge";
  public static final String LOCK_OVERLAY = "mt-lock-overlay";
  public static final String USER_LABEL = "mt-user-label";
  public static final String SEARCH_FIELD = "mt-search-field";
  public static final String SEARCH_PANEL = "mt-search-panel";
  public static final String SEARCH_SECTION = "mt-search-section";
  public static final String SEARCH_TITLE = "mt-search-title";
  public static final String SEARCH_SNIPPET = "mt-search-snippet";
  public static final String SEARCH_HIGHLIGHT = "mt-search-highlight";
  public static final String SEARCH_URL = "mt-search-url";

  // AtlantaFX classes (atlantafx.base.theme.Styles) used by our views.
  public static final String ACCENT = atlantafx.base.theme.Styles.ACCENT;
  public static final String DANGER = atlantafx.base.theme.Styles.DANGER;
  public static final String FLAT = atlantafx.base.theme.Styles.FLAT;
  public static final String TITLE_3 = atlantafx.base.theme.Styles.TITLE_3;
  public static final String TEXT_MUTED = atlantafx.base.theme.Styles.TEXT_MUTED;
  public static final String STRIPED = atlantafx.base.theme.Styles.STRIPED;
  public static final String DENSE = atlantafx.base.theme.Styles.DENSE;

  private Styles() {}
}
