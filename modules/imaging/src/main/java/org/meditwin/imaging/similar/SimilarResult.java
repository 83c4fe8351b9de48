package org.meditwin.imaging.similar;

import java.util.List;
import java.util.Optional;
import org.meditwin.search.cases.CaseHit;

/**
 * Outcome of a "find similar" query.
 *
 * @param applicable false when the model does not apply to the image (not a chest radiograph): then
 *     {@code hits} is empty and {@code notApplicableReason} says why
 * @param embedMicros time to embed the query image
 * @param searchMicros time to query the index
 */
public record SimilarResult(
    boolean applicable,
    Optional<String> notApplicableReason,
    List<CaseHit> hits,
    long embedMicros,
    long searchMicros) {
  public SimilarResult {
    hits = List.copyOf(hits);
  }

  static SimilarResult notApplicable(String reason) {
    return new SimilarResult(false, Optional.of(reason), List.of(), 0, 0);
  }
}
