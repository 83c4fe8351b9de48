package org.meditwin.imaging.similar;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.meditwin.core.task.ProgressListener;
import org.meditwin.imaging.ai.ChestXrayDataset;
import org.meditwin.imaging.ai.ChestXrayModel;
import org.meditwin.search.cases.CaseFilter;
import org.meditwin.search.cases.CaseHit;
import org.meditwin.search.cases.CaseIndex;
import org.meditwin.search.cases.CaseQuery;
import org.meditwin.search.cases.CaseRecord;
import org.meditwin.search.cases.CaseSource;

/**
 * Measures similar-case retrieval on the shipped data (dev/val only): the 270 <b>val</b> images
 * query a library of the 2,428 <b>train</b> images; a retrieved case is relevant when its label
 * (normal/pneumonia) equals the query's. Compares the model's image embedding (through the real
 * encrypted HNSW index and exactly) with a raw-pixel cosine baseline and a random ranking; reports
 * HNSW recall@10 against exact search and query latency.
 */
public final class SimilarCaseEvaluation {
  static final long RANDOM_SEED = 42;
  static final int WARM_UP_QUERIES = 20;

  private SimilarCaseEvaluation() {}

  /**
   * One retrieval method.
   *
   * @param meanAveragePrecision over the full library ranking; empty for HNSW (top k only)
   */
  public record Method(
      String name,
      double precisionAt5,
      double precisionAt10,
      OptionalDouble meanAveragePrecision,
      double knnAccuracyAt10) {}

  /**
   * Paired comparison of two methods over the same queries: mean per-query difference (a − b) and
   * the two-sided p-value of a sign-flip randomization test ({@link #PERMUTATIONS} flips, seeded).
   */
  public record Comparison(String a, String b, String metric, double meanDelta, double p) {}

  static final int PERMUTATIONS = 10_000;

  /** Latency percentiles in milliseconds. */
  public record Latency(double p50, double p95) {}

  public record Report(
      int libraryCases,
      int queries,
      int dimension,
      double libraryPositiveShare,
      List<Method> methods,
      List<Comparison> comparisons,
      double hnswRecallAt10,
      Latency embedMs,
      Latency searchMs,
      Latency totalMs,
      double libraryBuildSeconds,
      long indexBytes,
      String libraryVersion,
      String data) {}

  /** Runs the evaluation in a fresh encrypted index under {@code workDir} (deleted afterwards). */
  public static Report run(ChestXrayModel model, Path workDir, ProgressListener progress) {
    List<ChestXrayDataset.Sample> train = ReferenceLibrary.load("train");
    List<ChestXrayDataset.Sample> val = ReferenceLibrary.load("val");
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    Path dir;
    try {
      Files.createDirectories(workDir);
      dir = Files.createTempDirectory(workDir, "case-index-eval-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (CaseIndex index = CaseIndex.open(dir, key, Optional.empty())) {
      long b0 = System.nanoTime();
      List<CaseRecord> cases =
          ReferenceLibrary.cases(model, train, progress, () -> false).orElseThrow();
      index.replaceSource(
          CaseSource.REFERENCE_LIBRARY,
          cases,
          ReferenceLibrary.version(model),
          ProgressListener.NONE,
          () -> false);
      double buildSeconds = (System.nanoTime() - b0) / 1e9;
      long bytes = size(dir);
      Map<String, Integer> labelById = new HashMap<>();
      for (ChestXrayDataset.Sample s : train) {
        labelById.put(ReferenceLibrary.ID_PREFIX + s.index(), s.label());
      }
      float[][] libVectors = cases.stream().map(CaseRecord::imageVector).toArray(float[][]::new);
      int[] libLabels = train.stream().mapToInt(ChestXrayDataset.Sample::label).toArray();
      float[][] libPixels = train.stream().map(s -> unit(s.pixels())).toArray(float[][]::new);

      for (int i = 0; i < Math.min(WARM_UP_QUERIES, val.size()); i++) {
        float[] v = model.embedGrey(List.of(val.get(i).pixels()), 28, 28)[0];
        index.search(CaseQuery.image(v, CaseFilter.referenceLibraryOnly(), 10));
      }
      Accumulator hnsw = new Accumulator();
      Accumulator exact = new Accumulator();
      Accumulator pixel = new Accumulator();
      Accumulator random = new Accumulator();
      Random rnd = new Random(RANDOM_SEED);
      double recall = 0;
      double[] embedMs = new double[val.size()];
      double[] searchMs = new double[val.size()];
      double[] totalMs = new double[val.size()];
      for (int q = 0; q < val.size(); q++) {
        ChestXrayDataset.Sample s = val.get(q);
        long t0 = System.nanoTime();
        float[] v = model.embedGrey(List.of(s.pixels()), 28, 28)[0];
        long t1 = System.nanoTime();
        List<CaseHit> hits =
            index.search(CaseQuery.image(v, CaseFilter.referenceLibraryOnly(), 10));
        long t2 = System.nanoTime();
        embedMs[q] = (t1 - t0) / 1e6;
        searchMs[q] = (t2 - t1) / 1e6;
        totalMs[q] = (t2 - t0) / 1e6;
        int[] hnswLabels = hits.stream().mapToInt(h -> labelById.get(h.id())).toArray();
        hnsw.add(hnswLabels, s.label(), false);

        int[] exactOrder = ranking(v, libVectors);
        int[] exactLabels = labelsOf(exactOrder, libLabels);
        exact.add(exactLabels, s.label(), true);
        Set<String> exactTop =
            Set.copyOf(
                Arrays.stream(exactOrder, 0, 10)
                    .mapToObj(i -> ReferenceLibrary.ID_PREFIX + train.get(i).index())
                    .toList());
        recall += hits.stream().filter(h -> exactTop.contains(h.id())).count() / 10.0;

        pixel.add(labelsOf(ranking(unit(s.pixels()), libPixels), libLabels), s.label(), true);
        random.add(labelsOf(shuffled(libLabels.length, rnd), libLabels), s.label(), true);
        progress.progress(q + 1, val.size(), "Evaluating queries");
      }
      double positives = Arrays.stream(libLabels).filter(l -> l == 1).count();
      return new Report(
          train.size(),
          val.size(),
          ChestXrayModel.EMBEDDING_DIMENSION,
          positives / libLabels.length,
          List.of(
              hnsw.method("image embedding, HNSW (encrypted index, k=10 of 50 explored)"),
              exact.method("image embedding, exact cosine"),
              pixel.method("raw-pixel cosine (28x28), exact"),
              random.method("random ranking (seed " + RANDOM_SEED + ")")),
          List.of(
              compare(
                  "image embedding, exact",
                  exact.perQueryP10,
                  "raw-pixel cosine",
                  pixel.perQueryP10,
                  "P@10"),
              compare(
                  "image embedding, exact",
                  exact.perQueryAp,
                  "raw-pixel cosine",
                  pixel.perQueryAp,
                  "AP")),
          recall / val.size(),
          latency(embedMs),
          latency(searchMs),
          latency(totalMs),
          buildSeconds,
          bytes,
          ReferenceLibrary.version(model),
          ReferenceLibrary.CITATION);
    } finally {
      Arrays.fill(key, (byte) 0);
      delete(dir);
    }
  }

  /** Per-method sums of the metrics over the queries. */
  private static final class Accumulator {
    private double p5;
    private double p10;
    private double ap;
    private double knn;
    private int n;
    private boolean full = true;
    private final List<Double> perQueryP10 = new ArrayList<>();
    private final List<Double> perQueryAp = new ArrayList<>();

    void add(int[] rankedLabels, int label, boolean fullRanking) {
      p5 += precision(rankedLabels, label, 5);
      double q10 = precision(rankedLabels, label, 10);
      p10 += q10;
      perQueryP10.add(q10);
      knn += majority(rankedLabels, 10) == label ? 1 : 0;
      if (fullRanking) {
        double a = averagePrecision(rankedLabels, label);
        ap += a;
        perQueryAp.add(a);
      } else {
        full = false;
      }
      n++;
    }

    Method method(String name) {
      return new Method(
          name,
          p5 / n,
          p10 / n,
          full ? OptionalDouble.of(ap / n) : OptionalDouble.empty(),
          knn / n);
    }
  }

  static Comparison compare(String a, List<Double> x, String b, List<Double> y, String metric) {
    double[] d = new double[x.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = x.get(i) - y.get(i);
    }
    return new Comparison(
        a, b, metric, Arrays.stream(d).average().orElse(0), signFlipP(d, RANDOM_SEED));
  }

  /**
   * Two-sided p-value of the paired sign-flip randomization test: the share of random sign
   * assignments whose |mean| reaches the observed |mean| (with the +1 correction).
   */
  static double signFlipP(double[] d, long seed) {
    double observed = Math.abs(Arrays.stream(d).sum());
    Random r = new Random(seed);
    int extreme = 0;
    for (int i = 0; i < PERMUTATIONS; i++) {
      double s = 0;
      for (double v : d) {
        s += r.nextBoolean() ? v : -v;
      }
      if (Math.abs(s) >= observed - 1e-12) {
        extreme++;
      }
    }
    return (extreme + 1.0) / (PERMUTATIONS + 1.0);
  }

  static double precision(int[] rankedLabels, int label, int k) {
    int hits = 0;
    for (int i = 0; i < Math.min(k, rankedLabels.length); i++) {
      hits += rankedLabels[i] == label ? 1 : 0;
    }
    return (double) hits / k;
  }

  /** Average precision over the full ranking; relevant = same label. */
  static double averagePrecision(int[] rankedLabels, int label) {
    int relevant = 0;
    double sum = 0;
    for (int i = 0; i < rankedLabels.length; i++) {
      if (rankedLabels[i] == label) {
        relevant++;
        sum += (double) relevant / (i + 1);
      }
    }
    return relevant == 0 ? 0 : sum / relevant;
  }

  /** Majority label of the top k (ties go to the better-ranked label's first occurrence). */
  static int majority(int[] rankedLabels, int k) {
    int ones = 0;
    int m = Math.min(k, rankedLabels.length);
    for (int i = 0; i < m; i++) {
      ones += rankedLabels[i];
    }
    if (2 * ones == m) {
      return m == 0 ? 0 : rankedLabels[0];
    }
    return 2 * ones > m ? 1 : 0;
  }

  /** Library indexes by descending dot product with {@code q} (ties by index). */
  static int[] ranking(float[] q, float[][] lib) {
    double[] score = new double[lib.length];
    for (int i = 0; i < lib.length; i++) {
      double s = 0;
      for (int d = 0; d < q.length; d++) {
        s += (double) q[d] * lib[i][d];
      }
      score[i] = s;
    }
    Integer[] order = new Integer[lib.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(
        order, Comparator.comparingDouble((Integer i) -> -score[i]).thenComparingInt(i -> i));
    return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
  }

  private static int[] shuffled(int n, Random rnd) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  private static int[] labelsOf(int[] order, int[] labels) {
    int[] out = new int[order.length];
    for (int i = 0; i < order.length; i++) {
      out[i] = labels[order[i]];
    }
    return out;
  }

  static float[] unit(float[] v) {
    double norm = 0;
    for (float x : v) {
      norm += (double) x * x;
    }
    float[] out = v.clone();
    if (norm > 0) {
      double inv = 1 / Math.sqrt(norm);
      for (int i = 0; i < out.length; i++) {
        out[i] = (float) (out[i] * inv);
      }
    }
    return out;
  }

  static Latency latency(double[] ms) {
    double[] sorted = ms.clone();
    Arrays.sort(sorted);
    return new Latency(percentile(sorted, 0.50), percentile(sorted, 0.95));
  }

  /** Nearest-rank percentile of sorted values. */
  static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  private static long size(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(SimilarCaseEvaluation::sizeOf).sum();
    } catch (IOException e) {
      return -1;
    }
  }

  private static long sizeOf(Path f) {
    try {
      return Files.size(f);
    } catch (IOException e) {
      return 0;
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      List<Path> all = new ArrayList<>(files.toList());
      java.util.Collections.reverse(all);
      for (Path p : all) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a leftover evaluation index holds only public reference data
    }
  }
}
