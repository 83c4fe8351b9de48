package org.meditwin.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Public entry to the module's rank fusion ({@link FusionMethod}) for indexes outside this package
 * (the similar-case index fuses image kNN with report-text similarity). Same arithmetic as {@link
 * SearchService}'s hybrid mode.
 */
public final class RankFusion {
  private RankFusion() {}

  /** One ranked item: a Lucene doc id (or any int key) and its retriever score. */
  public record Ranked(int doc, float score) {}

  /**
   * Fuses two ranked lists (best first) into the top {@code k}.
   *
   * @param weightA weight of list {@code a} for the score-blending methods (ignored by RRF)
   */
  public static List<Ranked> fuse(
      FusionMethod method, List<Ranked> a, List<Ranked> b, float weightA, int k) {
    Objects.requireNonNull(method, "method");
    if (weightA < 0 || weightA > 1) {
      throw new IllegalArgumentException("weight must be in [0,1]");
    }
    List<Fusion.Scored> sa = scored(a);
    List<Fusion.Scored> sb = scored(b);
    List<Fusion.Scored> fused =
        switch (method) {
          case RRF -> Fusion.rrf(sa, sb, k);
          case WEIGHTED -> Fusion.weighted(sa, sb, weightA, k);
          case ZSCORE -> Fusion.zscore(sa, sb, weightA, k);
          case MAX_NORMALISED -> Fusion.maxNormalised(sa, sb, weightA, k);
        };
    List<Ranked> out = new ArrayList<>(fused.size());
    for (Fusion.Scored s : fused) {
      out.add(new Ranked(s.doc(), s.score()));
    }
    return List.copyOf(out);
  }

  private static List<Fusion.Scored> scored(List<Ranked> list) {
    List<Fusion.Scored> out = new ArrayList<>(list.size());
    for (Ranked r : list) {
      out.add(new Fusion.Scored(r.doc(), r.score()));
    }
    return out;
  }
}
