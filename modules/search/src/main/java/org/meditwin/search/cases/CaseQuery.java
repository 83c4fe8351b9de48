package org.meditwin.search.cases;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A similar-case query: the image embedding (kNN), optionally report text fused in.
 *
 * @param imageVector query image embedding (normalised here)
 * @param reportText report/impression text to fuse in (BM25 + dense text when the index has an
 *     encoder); empty = image only
 * @param textWeight weight of the text ranking in the max-normalised fusion (0..1); ignored without
 *     report text
 * @param excludeIds cases never returned (e.g. the query study itself), excluded inside the queries
 * @param k hits wanted (1..{@link CaseIndex#MAX_K})
 */
public record CaseQuery(
    float[] imageVector,
    Optional<String> reportText,
    float textWeight,
    CaseFilter filter,
    Set<String> excludeIds,
    int k) {
  /** Default weight of report text against the image ranking (ADR 0130; not tuned on data). */
  public static final float DEFAULT_TEXT_WEIGHT = 0.3f;

  public CaseQuery {
    Objects.requireNonNull(reportText, "reportText");
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(excludeIds, "excludeIds");
    imageVector = CaseVectors.unit(Objects.requireNonNull(imageVector, "imageVector"));
    reportText = reportText.map(String::strip).filter(t -> !t.isEmpty());
    if (textWeight < 0 || textWeight > 1) {
      throw new IllegalArgumentException("textWeight must be in [0,1]");
    }
    if (k < 1 || k > CaseIndex.MAX_K) {
      throw new IllegalArgumentException("k must be in 1.." + CaseIndex.MAX_K);
    }
    excludeIds = Set.copyOf(excludeIds);
  }

  /** Image-only query. */
  public static CaseQuery image(float[] vector, CaseFilter filter, int k) {
    return new CaseQuery(vector, Optional.empty(), DEFAULT_TEXT_WEIGHT, filter, Set.of(), k);
  }

  @Override
  public float[] imageVector() {
    return imageVector.clone();
  }

  public CaseQuery withReportText(String text) {
    return new CaseQuery(imageVector, Optional.ofNullable(text), textWeight, filter, excludeIds, k);
  }

  public CaseQuery withTextWeight(float w) {
    return new CaseQuery(imageVector, reportText, w, filter, excludeIds, k);
  }

  public CaseQuery excluding(Set<String> ids) {
    return new CaseQuery(imageVector, reportText, textWeight, filter, ids, k);
  }
}
