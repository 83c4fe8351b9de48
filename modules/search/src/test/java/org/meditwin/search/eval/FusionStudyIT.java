package org.meditwin.search.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.meditwin.inference.embedding.BgeEncoder;
import org.meditwin.inference.embedding.CachingEmbeddingService;
import org.meditwin.inference.embedding.EmbeddingService;
import org.meditwin.inference.embedding.EncoderVariant;
import org.meditwin.inference.engine.DjlEnvironment;
import org.meditwin.search.SearchConfig;
import org.meditwin.search.SearchHit;
import org.meditwin.search.SearchMode;
import org.meditwin.search.TextEmbedder;
import org.meditwin.search.embed.InferenceEmbedder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fusion study behind ADR 0065: gets the BM25 and the dense chunk lists (depth 300) of every
 * MedQuAD dev-set query once, then compares fusion rules offline — min-max, z-score and max
 * normalisation with a convex weight, (weighted) RRF, and a tiny logistic blend — choosing every
 * parameter on the dev half only and reporting the test half, with a paired randomisation test and
 * a bootstrap confidence interval over queries. Embeddings come from a disk cache (computed once).
 *
 * <pre>
 * ./mvnw -o -pl modules/search test -Dtest=FusionStudyIT
 * </pre>
 */
class FusionStudyIT {
  private static final Logger LOG = LoggerFactory.getLogger(FusionStudyIT.class);
  private static final Path DEV_SET = MedquadEvalIT.DEV_SET;

  record Cand(String chunk, String doc, float score) {}

  record Lists(List<Cand> bm25, List<Cand> dense) {}

  interface Fuser {
    List<String> rank(Lists l);
  }

  @Test
  void study() throws IOException {
    BeirDataset all =
        subset(
            BeirDataset.load(
                DEV_SET.resolve("corpus.jsonl"),
                DEV_SET.resolve("queries.jsonl"),
                DEV_SET.resolve("qrels/all.tsv")),
            Integer.getInteger("eval.maxDocs", Integer.MAX_VALUE));
    List<String> dev = qids("dev").stream().filter(all.queries()::containsKey).toList();
    List<String> test = qids("test").stream().filter(all.queries()::containsKey).toList();
    EmbeddingService embeddings = cachedBge();
    Map<String, Lists> lists = new LinkedHashMap<>();
    Map<String, Lists> full = new LinkedHashMap<>();
    Map<String, Lists> fullInstr = new LinkedHashMap<>();
    BeirDataset exact;
    // passages are embedded once (the same vectors for both query forms); queries either as they
    // are ("plain") or with bge's query instruction (ADR 0067/0069)
    InferenceEmbedder plain = InferenceEmbedder.plain(embeddings);
    InferenceEmbedder instructed = InferenceEmbedder.withQueryInstruction(embeddings);
    boolean[] instruction = {false};
    TextEmbedder switchable =
        new TextEmbedder() {
          @Override
          public int dimension() {
            return plain.dimension();
          }

          @Override
          public float[][] embed(List<String> texts) {
            return plain.embed(texts);
          }

          @Override
          public float[] embedQuery(String q) {
            return instruction[0] ? instructed.embedQuery(q) : plain.embedQuery(q);
          }

          @Override
          public String modelId() {
            return plain.modelId();
          }
        };
    Path idx = Files.createTempDirectory("meditwin-fusion");
    long t0 = System.nanoTime();
    try (RetrievalEvaluator ev =
        RetrievalEvaluator.index(
            all,
            Optional.of(switchable),
            SearchConfig.defaults(),
            idx,
            (d, t, m) -> {
              if (d % 256 < 16 || d == t) {
                LOG.info("{} {}/{} ({} s)", m, d, t, (System.nanoTime() - t0) / 1_000_000_000L);
              }
            })) {
      exact = ExactTermQueries.build(all);
      Map<String, String> everyQuery = new LinkedHashMap<>(all.queries());
      everyQuery.putAll(exact.queries());
      int n = 0;
      for (String qid : everyQuery.keySet()) {
        String q = everyQuery.get(qid);
        lists.put(
            qid,
            new Lists(
                cands(ev.chunkHits(SearchMode.BM25, q)), cands(ev.chunkHits(SearchMode.DENSE, q))));
        full.put(qid, lists.get(qid));
        instruction[0] = true;
        fullInstr.put(
            qid, new Lists(lists.get(qid).bm25(), cands(ev.chunkHits(SearchMode.DENSE, q))));
        instruction[0] = false;
        if (++n % 200 == 0) {
          LOG.info(
              "queries {}/{} ({} s)",
              n,
              everyQuery.size(),
              (System.nanoTime() - t0) / 1_000_000_000L);
        }
      }
    } finally {
      try (var walk = Files.walk(idx)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
    Map<String, Map<String, Integer>> qrels = new LinkedHashMap<>(all.qrels());
    qrels.putAll(exact.qrels());
    List<String> exactDev = ExactTermQueries.inHalf(exact, dev);
    List<String> exactTest = ExactTermQueries.inHalf(exact, test);
    List<String> unionDev = new ArrayList<>(dev);
    unionDev.addAll(exactDev);
    List<String> unionTest = new ArrayList<>(test);
    unionTest.addAll(exactTest);
    // Single modes rank from the full depth-300 lists. Fusion depth 300 is what `search eval`
    // (RetrievalEvaluator) fuses; -Deval.fuseDepth=100 is what the app fuses (SearchConfig
    // candidates) — the chosen rule is checked at both.
    int depth = Integer.getInteger("eval.fuseDepth", 300);
    Map<String, Lists> listsInstr = new LinkedHashMap<>();
    for (var e : full.entrySet()) {
      lists.put(e.getKey(), truncate(e.getValue(), depth));
      listsInstr.put(e.getKey(), truncate(fullInstr.get(e.getKey()), depth));
    }
    StringBuilder report = new StringBuilder();
    report.append(
        String.format(
            Locale.ROOT,
            "Fusion study: %d documents, %d queries (dev %d / test %d), fusion of the top %d chunks of each list, cache %s%n%n",
            all.corpus().size(),
            all.queries().size(),
            dev.size(),
            test.size(),
            depth,
            System.getProperty("eval.cache", "target/eval-cache")));

    Map<String, Fuser> candidates = new LinkedHashMap<>();
    for (int i = 0; i <= 20; i++) {
      float w = i / 20f;
      candidates.put(String.format(Locale.ROOT, "minmax w=%.2f", w), l -> minmax(l, w));
      candidates.put(String.format(Locale.ROOT, "zscore w=%.2f", w), l -> zscore(l, w));
      candidates.put(String.format(Locale.ROOT, "maxnorm w=%.2f", w), l -> maxnorm(l, w));
    }
    for (int k : new int[] {1, 5, 10, 20, 60}) {
      for (int i = 1; i <= 9; i++) {
        float w = i / 10f;
        candidates.put(String.format(Locale.ROOT, "rrf k=%d w=%.1f", k, w), l -> rrf(l, k, w));
      }
    }
    // query-adaptive max-normalised blends: the BM25 weight depends on how peaked the query's BM25
    // list is (peak = 1 - s10/s1: a rare exact term gives a few high scores, a disease name shared
    // by all its answers gives a flat top)
    for (int t = 1; t <= 9; t++) {
      float tau = t / 10f;
      for (float lo : new float[] {0f, 0.025f, 0.05f, 0.1f}) {
        for (int h = 1; h <= 12; h++) {
          float hi = h / 20f;
          if (hi > lo) {
            candidates.put(
                String.format(Locale.ROOT, "adaptive tau=%.1f w=%.3f/%.2f", tau, lo, hi),
                l -> maxnorm(l, peak(l.bm25()) >= tau ? hi : lo));
          }
        }
      }
    }
    for (float a : new float[] {0f, 0.025f, 0.05f}) {
      for (int b = 1; b <= 20; b++) {
        float slope = b / 20f;
        candidates.put(
            String.format(Locale.ROOT, "adaptlin w=%.3f+%.2f*peak", a, slope),
            l -> maxnorm(l, Math.min(1f, a + slope * peak(l.bm25()))));
      }
    }
    Map<Lists, Lists> fullOf = new java.util.IdentityHashMap<>();
    for (String q : lists.keySet()) {
      fullOf.put(lists.get(q), full.get(q));
      fullOf.put(listsInstr.get(q), fullInstr.get(q));
    }
    Fuser bm25 = l -> docs(fullOf.get(l).bm25());
    Fuser dense = l -> docs(fullOf.get(l).dense());
    Fuser shipped = l -> maxnorm(l, 0.05f);

    // Query form (ADR 0069): chosen jointly with the rule on P+X dev
    Map<String, Map<String, Lists>> forms = new LinkedHashMap<>();
    forms.put("plain", lists);
    forms.put("instruction", listsInstr);
    String bestForm = null;
    double bestFormScore = -1;
    report.append(
        "## Query form (dev): nDCG@10\n\n| query form | rule | P dev | X dev | P+X dev |\n|---|---|---|---|---|\n");
    for (var f : forms.entrySet()) {
      String fBest = null;
      double fBestScore = -1;
      for (var e : candidates.entrySet()) {
        double v = summary(e.getValue(), unionDev, f.getValue(), qrels).ndcg10();
        if (v > fBestScore) {
          fBestScore = v;
          fBest = e.getKey();
        }
      }
      Map<String, Fuser> rows = new LinkedHashMap<>();
      rows.put("dense", dense);
      rows.put("maxnorm w=0.05 (ADR 0067)", shipped);
      rows.put("dev-best " + fBest, candidates.get(fBest));
      for (var r : rows.entrySet()) {
        report.append(String.format(Locale.ROOT, "| %s | %s", f.getKey(), r.getKey()));
        for (List<String> set : List.of(dev, exactDev, unionDev)) {
          report.append(
              String.format(
                  Locale.ROOT,
                  " | %.4f",
                  summary(r.getValue(), set, f.getValue(), qrels).ndcg10()));
        }
        report.append(" |\n");
      }
      if (fBestScore > bestFormScore) {
        bestFormScore = fBestScore;
        bestForm = f.getKey();
      }
    }
    report.append(
        String.format(Locale.ROOT, "%nChosen query form on P+X dev: **%s**%n%n", bestForm));
    Map<String, Lists> chosen = forms.get(bestForm);

    report.append(
        String.format(
            Locale.ROOT,
            "Sets: P = paraphrase queries (dev %d / test %d); X = exact-term queries (dev %d / test"
                + " %d, ExactTermQueries); P+X = both. Every parameter is chosen on P+X dev.%n%n",
            dev.size(),
            test.size(),
            exactDev.size(),
            exactTest.size()));
    Map<String, List<String>> devSets = new LinkedHashMap<>();
    devSets.put("P dev", dev);
    devSets.put("X dev", exactDev);
    devSets.put("P+X dev", unionDev);
    report.append(
        "## Dev (tuning): nDCG@10\n\n| rule | P dev | X dev | P+X dev |\n|---|---|---|---|\n");
    Map<String, Fuser> shown = new LinkedHashMap<>();
    shown.put("BM25", bm25);
    shown.put("dense", dense);
    String best = null;
    double bestNdcg = -1;
    Map<String, String> bestOf = new LinkedHashMap<>();
    Map<String, Double> bestOfScore = new LinkedHashMap<>();
    for (var e : candidates.entrySet()) {
      double v = summary(e.getValue(), unionDev, chosen, qrels).ndcg10();
      String fam = e.getKey().substring(0, e.getKey().indexOf(' '));
      if (v > bestOfScore.getOrDefault(fam, -1.0)) {
        bestOfScore.put(fam, v);
        bestOf.put(fam, e.getKey());
      }
      if (v > bestNdcg) {
        bestNdcg = v;
        best = e.getKey();
      }
    }
    shown.put("maxnorm w=0.05 (ADR 0067)", shipped);
    shown.put("minmax w=0.10 (ADR 0062)", candidates.get("minmax w=0.10"));
    shown.put("rrf k=60 w=0.5", candidates.get("rrf k=60 w=0.5"));
    for (String b : bestOf.values()) {
      shown.put("dev-best " + b, candidates.get(b));
    }
    Logistic lr = Logistic.train(unionDev, chosen, qrels);
    shown.put("logistic blend", lr::rank);
    for (var e : shown.entrySet()) {
      report.append("| ").append(e.getKey());
      for (List<String> set : devSets.values()) {
        report.append(
            String.format(
                Locale.ROOT, " | %.4f", summary(e.getValue(), set, chosen, qrels).ndcg10()));
      }
      report.append(" |\n");
    }
    report.append(
        "\nWeight sweep on P+X dev (nDCG@10):\n\n| w_bm25 | minmax | zscore |\n|---|---|---|\n");
    for (int i = 0; i <= 10; i++) {
      float w = i / 20f;
      report.append(
          String.format(
              Locale.ROOT,
              "| %.2f | %.4f | %.4f |%n",
              w,
              summary(
                      candidates.get(String.format(Locale.ROOT, "minmax w=%.2f", w)),
                      unionDev,
                      chosen,
                      qrels)
                  .ndcg10(),
              summary(
                      candidates.get(String.format(Locale.ROOT, "zscore w=%.2f", w)),
                      unionDev,
                      chosen,
                      qrels)
                  .ndcg10()));
    }
    report.append(
        String.format(
            Locale.ROOT,
            "%nChosen on P+X dev: **%s** (nDCG@10 %.4f); logistic %s%n%n",
            best,
            bestNdcg,
            lr));
    Fuser chosenRule = candidates.get(best);
    Map<String, List<String>> testSets = new LinkedHashMap<>();
    testSets.put("P test", test);
    testSets.put("X test", exactTest);
    testSets.put("P+X test", unionTest);
    for (var set : testSets.entrySet()) {
      report.append("## ").append(set.getKey()).append(" (report)\n\n").append(header());
      for (var e : shown.entrySet()) {
        report.append(row(e.getKey(), summary(e.getValue(), set.getValue(), chosen, qrels)));
      }
      report.append(
          String.format(
              Locale.ROOT,
              "%n| paired test, %s (%d queries) | mean Δ nDCG@10 | 95%% bootstrap CI | randomisation p |%n|---|---|---|---|%n",
              set.getKey(),
              set.getValue().size()));
      report.append(
          significance(best + " vs dense", chosenRule, dense, set.getValue(), chosen, qrels));
      report.append(
          significance(best + " vs BM25", chosenRule, bm25, set.getValue(), chosen, qrels));
      report.append(
          significance(
              "maxnorm w=0.05 (ADR 0067) vs dense", shipped, dense, set.getValue(), chosen, qrels));
      report.append(
          significance(
              "maxnorm w=0.05 (ADR 0067) vs BM25", shipped, bm25, set.getValue(), chosen, qrels));
      report.append("\n");
    }
    Path out = Path.of(System.getProperty("eval.report", "target/fusion-study.md"));
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, report);
    LOG.info("\n{}", report);
  }

  /**
   * The first {@code maxDocs} corpus documents, extended to the end of the last focus (the corpus
   * is grouped by focus), with exactly the queries whose relevant documents all lie inside it.
   */
  static BeirDataset subset(BeirDataset all, int maxDocs) {
    if (maxDocs >= all.corpus().size()) {
      return all;
    }
    Map<String, BeirDataset.CorpusDoc> corpus = new LinkedHashMap<>();
    String lastFocus = null;
    for (BeirDataset.CorpusDoc d : all.corpus().values()) {
      String focus = d.title().toLowerCase(Locale.ROOT);
      if (corpus.size() >= maxDocs && !focus.equals(lastFocus)) {
        break;
      }
      corpus.put(d.id(), d);
      lastFocus = focus;
    }
    Map<String, String> queries = new LinkedHashMap<>();
    Map<String, Map<String, Integer>> qrels = new LinkedHashMap<>();
    for (var e : all.qrels().entrySet()) {
      if (!e.getValue().isEmpty() && corpus.keySet().containsAll(e.getValue().keySet())) {
        queries.put(e.getKey(), all.queries().get(e.getKey()));
        qrels.put(e.getKey(), e.getValue());
      }
    }
    return new BeirDataset(corpus, queries, qrels);
  }

  static EmbeddingService cachedBge() throws IOException {
    DjlEnvironment.configureOffline(
        Path.of(System.getProperty("java.io.tmpdir"), "meditwin-djl-cache"));
    int threads = Integer.getInteger("eval.threads", 2);
    BgeEncoder encoder =
        BgeEncoder.open(EncoderVariant.FULL, Path.of("target/encoders"), threads, 512);
    Path cache =
        Path.of(System.getProperty("eval.cache", "target/eval-cache"))
            .resolve("bge-small-en-v1.5-full.bin");
    DiskCachedEmbeddings d =
        new DiskCachedEmbeddings(new CachingEmbeddingService(encoder, 16, 1000), cache);
    LOG.info("embedding cache {}: {} vectors", cache, d.size());
    return d;
  }

  private static List<String> qids(String split) throws IOException {
    return List.copyOf(
        BeirDataset.load(
                DEV_SET.resolve("corpus.jsonl"),
                DEV_SET.resolve("queries.jsonl"),
                DEV_SET.resolve("qrels/" + split + ".tsv"))
            .queries()
            .keySet());
  }

  private static List<Cand> cands(List<SearchHit> hits) {
    List<Cand> out = new ArrayList<>(hits.size());
    for (SearchHit h : hits) {
      out.add(new Cand(h.chunkId(), h.documentId(), h.score()));
    }
    return out;
  }

  static List<String> docs(List<Cand> ranked) {
    LinkedHashSet<String> d = new LinkedHashSet<>();
    for (Cand c : ranked) {
      d.add(c.doc());
      if (d.size() == 100) {
        break;
      }
    }
    return List.copyOf(d);
  }

  /** Fuses by a per-chunk score map (higher first), ties by chunk id; collapses to documents. */
  static List<String> byScore(Map<String, Double> score, Map<String, String> docOf) {
    List<String> chunks = new ArrayList<>(score.keySet());
    chunks.sort(Comparator.comparingDouble((String c) -> -score.get(c)).thenComparing(c -> c));
    LinkedHashSet<String> d = new LinkedHashSet<>();
    for (String c : chunks) {
      d.add(docOf.get(c));
      if (d.size() == 100) {
        break;
      }
    }
    return List.copyOf(d);
  }

  private static Map<String, String> docOf(Lists l) {
    Map<String, String> m = new HashMap<>();
    l.bm25().forEach(c -> m.put(c.chunk(), c.doc()));
    l.dense().forEach(c -> m.put(c.chunk(), c.doc()));
    return m;
  }

  interface Norm {
    Map<String, Double> apply(List<Cand> list);
  }

  static Map<String, Double> minmaxNorm(List<Cand> list) {
    Map<String, Double> m = new HashMap<>();
    if (list.isEmpty()) {
      return m;
    }
    double max = list.stream().mapToDouble(Cand::score).max().orElse(0);
    double min = list.stream().mapToDouble(Cand::score).min().orElse(0);
    for (Cand c : list) {
      m.put(c.chunk(), max > min ? (c.score() - min) / (max - min) : 1.0);
    }
    return m;
  }

  static Map<String, Double> zNorm(List<Cand> list) {
    Map<String, Double> m = new HashMap<>();
    if (list.isEmpty()) {
      return m;
    }
    double mean = list.stream().mapToDouble(Cand::score).average().orElse(0);
    double var =
        list.stream().mapToDouble(c -> (c.score() - mean) * (c.score() - mean)).average().orElse(0);
    double sd = Math.sqrt(var);
    for (Cand c : list) {
      m.put(c.chunk(), sd > 0 ? (c.score() - mean) / sd : 0.0);
    }
    return m;
  }

  static Map<String, Double> maxNorm(List<Cand> list) {
    Map<String, Double> m = new HashMap<>();
    double max = list.stream().mapToDouble(Cand::score).max().orElse(1);
    for (Cand c : list) {
      m.put(c.chunk(), max > 0 ? c.score() / max : 0.0);
    }
    return m;
  }

  /** w·a + (1−w)·b over the union; a chunk missing from a list gets that list's minimum. */
  static List<String> blend(Lists l, Norm norm, float w) {
    Map<String, Double> a = norm.apply(l.bm25());
    Map<String, Double> b = norm.apply(l.dense());
    double aMin = a.values().stream().mapToDouble(x -> x).min().orElse(0);
    double bMin = b.values().stream().mapToDouble(x -> x).min().orElse(0);
    Map<String, Double> s = new HashMap<>();
    for (String c : docOf(l).keySet()) {
      s.put(c, w * a.getOrDefault(c, aMin) + (1 - w) * b.getOrDefault(c, bMin));
    }
    return byScore(s, docOf(l));
  }

  private static Lists truncate(Lists l, int depth) {
    return new Lists(
        l.bm25().subList(0, Math.min(depth, l.bm25().size())),
        l.dense().subList(0, Math.min(depth, l.dense().size())));
  }

  /** 1 - (10th BM25 score / top score): how peaked the head of a query's BM25 list is. */
  static float peak(List<Cand> bm25) {
    if (bm25.isEmpty() || bm25.get(0).score() <= 0) {
      return 0f;
    }
    int i = Math.min(10, bm25.size()) - 1;
    return 1f - bm25.get(i).score() / bm25.get(0).score();
  }

  static List<String> minmax(Lists l, float w) {
    // the shipped rule: a missing chunk contributes 0 (= the list minimum after min-max)
    return blend(l, FusionStudyIT::minmaxNorm, w);
  }

  static List<String> zscore(Lists l, float w) {
    return blend(l, FusionStudyIT::zNorm, w);
  }

  static List<String> maxnorm(Lists l, float w) {
    return blend(l, FusionStudyIT::maxNorm, w);
  }

  static List<String> rrf(Lists l, int k, float w) {
    Map<String, Double> s = new HashMap<>();
    for (int r = 0; r < l.bm25().size(); r++) {
      s.merge(l.bm25().get(r).chunk(), w / (k + r + 1.0), Double::sum);
    }
    for (int r = 0; r < l.dense().size(); r++) {
      s.merge(l.dense().get(r).chunk(), (1 - w) / (k + r + 1.0), Double::sum);
    }
    return byScore(s, docOf(l));
  }

  /** Pointwise logistic regression over per-chunk features, trained on the dev half. */
  static final class Logistic {
    final double[] w;

    Logistic(double[] w) {
      this.w = w;
    }

    static double[] features(
        String c,
        Map<String, Double> mb,
        Map<String, Double> md,
        Map<String, Double> zb,
        Map<String, Double> zd,
        Map<String, Integer> rb,
        Map<String, Integer> rd) {
      double inB = mb.containsKey(c) ? 1 : 0;
      double inD = md.containsKey(c) ? 1 : 0;
      return new double[] {
        1,
        mb.getOrDefault(c, 0.0),
        md.getOrDefault(c, 0.0),
        zb.getOrDefault(c, -3.0),
        zd.getOrDefault(c, -3.0),
        inB,
        inD,
        60.0 / (60 + rb.getOrDefault(c, 1000)),
        60.0 / (60 + rd.getOrDefault(c, 1000))
      };
    }

    static Map<String, double[]> featureMap(Lists l) {
      Map<String, Double> mb = minmaxNorm(l.bm25());
      Map<String, Double> md = minmaxNorm(l.dense());
      Map<String, Double> zb = zNorm(l.bm25());
      Map<String, Double> zd = zNorm(l.dense());
      Map<String, Integer> rb = new HashMap<>();
      Map<String, Integer> rd = new HashMap<>();
      for (int i = 0; i < l.bm25().size(); i++) {
        rb.put(l.bm25().get(i).chunk(), i + 1);
      }
      for (int i = 0; i < l.dense().size(); i++) {
        rd.put(l.dense().get(i).chunk(), i + 1);
      }
      Map<String, double[]> out = new HashMap<>();
      for (String c : docOf(l).keySet()) {
        out.put(c, features(c, mb, md, zb, zd, rb, rd));
      }
      return out;
    }

    static Logistic train(
        List<String> qids, Map<String, Lists> lists, Map<String, Map<String, Integer>> qrels) {
      List<double[]> x = new ArrayList<>();
      List<Integer> y = new ArrayList<>();
      for (String q : qids) {
        Lists l = lists.get(q);
        Map<String, String> docOf = docOf(l);
        for (var e : featureMap(l).entrySet()) {
          x.add(e.getValue());
          y.add(qrels.getOrDefault(q, Map.of()).getOrDefault(docOf.get(e.getKey()), 0) > 0 ? 1 : 0);
        }
      }
      int dim = x.get(0).length;
      double[] w = new double[dim];
      double lr = 0.5;
      double l2 = 1e-4;
      for (int epoch = 0; epoch < 300; epoch++) {
        double[] g = new double[dim];
        for (int i = 0; i < x.size(); i++) {
          double z = 0;
          for (int j = 0; j < dim; j++) {
            z += w[j] * x.get(i)[j];
          }
          double p = 1 / (1 + Math.exp(-z));
          double err = p - y.get(i);
          for (int j = 0; j < dim; j++) {
            g[j] += err * x.get(i)[j];
          }
        }
        for (int j = 0; j < dim; j++) {
          w[j] -= lr * (g[j] / x.size() + l2 * w[j]);
        }
      }
      return new Logistic(w);
    }

    List<String> rank(Lists l) {
      Map<String, Double> s = new HashMap<>();
      for (var e : featureMap(l).entrySet()) {
        double z = 0;
        for (int j = 0; j < w.length; j++) {
          z += w[j] * e.getValue()[j];
        }
        s.put(e.getKey(), z);
      }
      return byScore(s, docOf(l));
    }

    @Override
    public String toString() {
      StringBuilder b = new StringBuilder("w=[");
      for (double v : w) {
        b.append(String.format(Locale.ROOT, "%.2f ", v));
      }
      return b.toString().strip() + "]";
    }
  }

  private static double[] perQueryNdcg(
      Fuser f,
      List<String> qids,
      Map<String, Lists> lists,
      Map<String, Map<String, Integer>> qrels) {
    double[] out = new double[qids.size()];
    for (int i = 0; i < qids.size(); i++) {
      out[i] =
          RetrievalMetrics.ndcgAt(
              f.rank(lists.get(qids.get(i))), qrels.getOrDefault(qids.get(i), Map.of()), 10);
    }
    return out;
  }

  private static RetrievalMetrics.Summary summary(
      Fuser f,
      List<String> qids,
      Map<String, Lists> lists,
      Map<String, Map<String, Integer>> qrels) {
    List<List<String>> rankings = new ArrayList<>();
    List<Map<String, Integer>> rels = new ArrayList<>();
    for (String q : qids) {
      rankings.add(f.rank(lists.get(q)));
      rels.add(qrels.getOrDefault(q, Map.of()));
    }
    return RetrievalMetrics.Summary.of(rankings, rels);
  }

  private static String significance(
      String name,
      Fuser a,
      Fuser b,
      List<String> qids,
      Map<String, Lists> lists,
      Map<String, Map<String, Integer>> qrels) {
    double[] x = perQueryNdcg(a, qids, lists, qrels);
    double[] y = perQueryNdcg(b, qids, lists, qrels);
    int n = x.length;
    double[] d = new double[n];
    double obs = 0;
    for (int i = 0; i < n; i++) {
      d[i] = x[i] - y[i];
      obs += d[i];
    }
    obs /= n;
    SplittableRandom r = new SplittableRandom(20261122L);
    int iters = 10_000;
    int extreme = 0;
    for (int it = 0; it < iters; it++) {
      double s = 0;
      for (int i = 0; i < n; i++) {
        s += r.nextBoolean() ? d[i] : -d[i];
      }
      if (Math.abs(s / n) >= Math.abs(obs) - 1e-12) {
        extreme++;
      }
    }
    double p = (extreme + 1.0) / (iters + 1.0);
    double[] boot = new double[iters];
    for (int it = 0; it < iters; it++) {
      double s = 0;
      for (int i = 0; i < n; i++) {
        s += d[r.nextInt(n)];
      }
      boot[it] = s / n;
    }
    java.util.Arrays.sort(boot);
    String line =
        String.format(
            Locale.ROOT,
            "| %s | %+.4f | [%+.4f, %+.4f] | %.4f |%n",
            name,
            obs,
            boot[(int) (0.025 * iters)],
            boot[(int) (0.975 * iters) - 1],
            p);
    LOG.info(line.strip());
    return line;
  }

  private static String header() {
    return "| mode | nDCG@10 | recall@10 | recall@100 | MRR@10 |\n|---|---|---|---|---|\n";
  }

  private static String row(String name, RetrievalMetrics.Summary s) {
    String r =
        String.format(
            Locale.ROOT,
            "| %s | %.4f | %.4f | %.4f | %.4f |%n",
            name,
            s.ndcg10(),
            s.recall10(),
            s.recall100(),
            s.mrr10());
    LOG.info(r.strip());
    return r;
  }
}
