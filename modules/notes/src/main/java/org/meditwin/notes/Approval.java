package org.meditwin.notes;

import java.time.Instant;
import java.util.Objects;
import org.meditwin.soap.SoapDraft;

/**
 * The clinician's sign-off ("user-approved"), distinct from the pipeline's AI-approved flag.
 *
 * @param approverPseudonym the approver's audit pseudonym (as in the audit log)
 * @param approverName the approver's display name, printed on the note
 * @param at when the note was approved
 * @param content the content exactly as approved (later amendments never change it)
 * @param contentSha256 SHA-256 (hex) of the approved content's canonical JSON
 */
public record Approval(
    String approverPseudonym,
    String approverName,
    Instant at,
    SoapDraft content,
    String contentSha256) {
  public Approval {
    Objects.requireNonNull(approverPseudonym, "approverPseudonym");
    Objects.requireNonNull(approverName, "approverName");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(contentSha256, "contentSha256");
  }
}
