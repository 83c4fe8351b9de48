package org.meditwin.imaging.report;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A drafted report with the validator's verdicts.
 *
 * @param engine "template" or "generative (&lt;provider&gt;)"
 * @param notice why the draft is template prose, when it is and a generator was asked for or none
 *     is configured
 */
public record ReportDraft(
    ReportContent content, List<ReportCheck> checks, String engine, Optional<String> notice) {
  public ReportDraft {
    Objects.requireNonNull(content, "content");
    checks = List.copyOf(checks);
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(notice, "notice");
  }

  public long flagged() {
    return checks.stream().filter(ReportCheck::flagged).count();
  }
}
