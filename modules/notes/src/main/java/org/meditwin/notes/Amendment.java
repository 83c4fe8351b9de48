package org.meditwin.notes;

import java.time.Instant;
import java.util.Objects;
import org.meditwin.soap.SoapDraft;

/**
 * A change to an approved note: the reason, who made it and when, and the full new content.
 *
 * @param sequence 1 for the first amendment, then 2, 3...
 * @param authorPseudonym the author's audit pseudonym
 * @param authorName the author's display name
 */
public record Amendment(
    int sequence,
    String reason,
    String authorPseudonym,
    String authorName,
    Instant at,
    SoapDraft content,
    String contentSha256) {
  public Amendment {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(authorPseudonym, "authorPseudonym");
    Objects.requireNonNull(authorName, "authorName");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(contentSha256, "contentSha256");
  }
}
