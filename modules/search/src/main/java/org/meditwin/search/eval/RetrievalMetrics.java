package org.meditwin.search.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Standard ranking metrics (as in BEIR / pytrec_eval): graded nDCG with gain {@code rel} and
 * discount {@code 1/log2(rank+1)}, recall = relevant found / relevant total, MRR = 1/rank of the
 * first relevant document.
 */
public final class RetrievalMetrics {
  private RetrievalMetrics() {}

  public static double ndcgAt(List<String> ranked, Map<String, Integer> relevant, int k) {
    double dcg = 0;
    for (int i = 0; i < Math.min(k, ranked.size()); i++) {
      int rel = relevant.getOrDefault(ranked.get(i), 0);
      dcg += rel / log2(i + 2);
    }
    List<Integer> ideal = new ArrayList<>(relevant.values());
    ideal.sort(java.util.Comparator.reverseOrder());
    double idcg = 0;
    for (int i = 0; i < Math.min(k, ideal.size()); i++) {
      idcg += ideal.get(i) / log2(i + 2);
    }
    return idcg == 0 ? 0 : dcg / idcg;
  }

  public static double recallAt(List<String> ranked, Map<String, Integer> relevant, int k) {
    if (relevant.isEmpty()) {
      return 0;
    }
    long found = ranked.stream().limit(k).filter(relevant::containsKey).count();
    return (double) found / relevant.size();
  }

  public static double mrrAt(List<String> ranked, Map<String, Integer> relevant, int k) {
    for (int i = 0; i < Math.min(k, ranked.size()); i++) {
      if (relevant.containsKey(ranked.get(i))) {
        return 1.0 / (i + 1);
      }
    }
    return 0;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  /** Mean metrics over a query set. */
  public record Summary(
      int queries, double ndcg10, double recall10, double recall100, double mrr10) {
    public static Summary of(List<List<String>> rankings, List<Map<String, Integer>> relevants) {
      int n = rankings.size();
      double ndcg = 0;
      double r10 = 0;
      double r100 = 0;
      double mrr = 0;
      for (int i = 0; i < n; i++) {
        ndcg += ndcgAt(rankings.get(i), relevants.get(i), 10);
        r10 += recallAt(rankings.get(i), relevants.get(i), 10);
        r100 += recallAt(rankings.get(i), relevants.get(i), 100);
        mrr += mrrAt(rankings.get(i), relevants.get(i), 10);
      }
      return n == 0
          ? new Summary(0, 0, 0, 0, 0)
          : new Summary(n, ndcg / n, r10 / n, r100 / n, mrr / n);
    }
  }
}
