package org.meditwin.search.eval;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Second MedQuAD dev set: EXACT-TERM queries. Each paraphrased query of the first set ("signs of
 * Sheldon-Hall syndrome") has its disease name replaced by a rare exact term — a gene symbol or
 * abbreviation such as {@code TNNI2}, {@code GJB2} or {@code CMT1A} — that occurs in its relevant
 * answers and in at most {@value #MAX_DF} documents of the corpus ("signs of TNNI2"). Relevant =
 * the original relevant answers that contain the term. The question type stays paraphrased (dense
 * territory) while the only name given is a token a 384-d bi-encoder hardly knows (BM25 territory).
 * Built deterministically from the corpus and the first set; a query keeps its base query's
 * dev/test half.
 */
final class ExactTermQueries {
  static final int MAX_DF = 5;

  /** Gene-symbol- or abbreviation-like tokens: capital start, 3–12 chars, a digit or all caps. */
  private static final Pattern TERM =
      Pattern.compile("\\b(?:[A-Z][A-Za-z]*[0-9][A-Za-z0-9-]*|[A-Z]{3,8})\\b");

  private static final Set<String> COMMON =
      Set.of(
          "DNA",
          "RNA",
          "NIH",
          "USA",
          "FDA",
          "CDC",
          "MRI",
          "NHGRI",
          "GARD",
          "NCI",
          "NINDS",
          "NIDDK",
          "MEDLINEPLUS",
          "AIDS",
          "HIV",
          "ALL",
          "THE",
          "AND",
          "FOR",
          "ICD",
          "OMIM",
          "NORD",
          "GHR");

  private ExactTermQueries() {}

  /** Exact-term queries and their qrels built from {@code base} (the paraphrase set). */
  static BeirDataset build(BeirDataset base) {
    Map<String, Set<String>> termsOf = new HashMap<>();
    Map<String, Integer> df = new HashMap<>();
    for (BeirDataset.CorpusDoc d : base.corpus().values()) {
      Set<String> terms = new LinkedHashSet<>();
      Matcher m = TERM.matcher(d.text());
      while (m.find()) {
        String t = m.group();
        if (t.length() >= 3 && t.length() <= 12 && !COMMON.contains(t.toUpperCase(Locale.ROOT))) {
          terms.add(t);
        }
      }
      termsOf.put(d.id(), terms);
      terms.forEach(t -> df.merge(t, 1, Integer::sum));
    }
    Map<String, String> queries = new LinkedHashMap<>();
    Map<String, Map<String, Integer>> qrels = new LinkedHashMap<>();
    for (var q : base.queries().entrySet()) {
      Map<String, Integer> rel = base.qrels().get(q.getKey());
      if (rel == null || rel.isEmpty()) {
        continue;
      }
      String focus = base.corpus().get(rel.keySet().iterator().next()).title();
      String text = q.getValue();
      int at = text.toLowerCase(Locale.ROOT).indexOf(focus.toLowerCase(Locale.ROOT));
      if (at < 0) {
        continue;
      }
      String best = null;
      for (String doc : rel.keySet()) {
        for (String t : termsOf.getOrDefault(doc, Set.of())) {
          if (df.get(t) <= MAX_DF
              && !focus.contains(t)
              && (best == null
                  || df.get(t) < df.get(best)
                  || (df.get(t).equals(df.get(best)) && t.compareTo(best) < 0))) {
            best = t;
          }
        }
      }
      if (best == null) {
        continue;
      }
      String term = best;
      Map<String, Integer> exactRel = new LinkedHashMap<>();
      rel.forEach(
          (doc, grade) -> {
            if (termsOf.getOrDefault(doc, Set.of()).contains(term)) {
              exactRel.put(doc, grade);
            }
          });
      String id = q.getKey() + "-x";
      queries.put(id, text.substring(0, at) + term + text.substring(at + focus.length()));
      qrels.put(id, exactRel);
    }
    return new BeirDataset(base.corpus(), queries, qrels);
  }

  static List<String> inHalf(BeirDataset exact, List<String> baseHalf) {
    Set<String> half = new java.util.HashSet<>(baseHalf);
    return exact.queries().keySet().stream()
        .filter(id -> half.contains(id.substring(0, id.length() - 2)))
        .toList();
  }
}
