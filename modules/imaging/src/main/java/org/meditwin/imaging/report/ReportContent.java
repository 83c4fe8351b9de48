package org.meditwin.imaging.report;

import java.util.Objects;

/** The editable text of a report: one paragraph per section. */
public record ReportContent(
    ReportTemplate template, String technique, String findings, String impression) {
  /** Upper bound for one section (characters). */
  public static final int MAX_SECTION_CHARS = 20_000;

  public ReportContent {
    Objects.requireNonNull(template, "template");
    technique = check(technique);
    findings = check(findings);
    impression = check(impression);
  }

  private static String check(String s) {
    Objects.requireNonNull(s, "section");
    if (s.length() > MAX_SECTION_CHARS) {
      throw new IllegalArgumentException(
          "A report section is too long (at most " + MAX_SECTION_CHARS + " characters).");
    }
    return s;
  }

  public String section(ReportSection section) {
    return switch (section) {
      case TECHNIQUE -> technique;
      case FINDINGS -> findings;
      case IMPRESSION -> impression;
    };
  }

  public ReportContent with(ReportSection section, String text) {
    return switch (section) {
      case TECHNIQUE -> new ReportContent(template, text, findings, impression);
      case FINDINGS -> new ReportContent(template, technique, text, impression);
      case IMPRESSION -> new ReportContent(template, technique, findings, text);
    };
  }

  /** The whole report as plain text with headings (for search, the assistant, the clipboard). */
  public String text() {
    return template.title()
        + "\n\nTechnique: "
        + technique.strip()
        + "\n\nFindings: "
        + findings.strip()
        + "\n\nImpression: "
        + impression.strip();
  }
}
