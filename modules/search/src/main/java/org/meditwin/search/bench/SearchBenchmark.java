package org.meditwin.search.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.lucene.store.FSDirectory;
import org.meditwin.core.task.ProgressListener;
import org.meditwin.search.Chunker;
import org.meditwin.search.DocumentMetadata;
import org.meditwin.search.IndexDocument;
import org.meditwin.search.KnowledgeBase;
import org.meditwin.search.SearchConfig;
import org.meditwin.search.SearchFilter;
import org.meditwin.search.SearchHit;
import org.meditwin.search.SearchMode;
import org.meditwin.search.SearchRequest;
import org.meditwin.search.SearchService;
import org.meditwin.search.TextEmbedder;
import org.meditwin.search.VectorFormat;

/**
 * Scale benchmark. Chunk texts are 2-4 sentences drawn (seeded) from the shipped MedQuAD answers;
 * chunk vectors are synthetic (seeded, 384-d, unit length): one random cluster centre per 200
 * chunks plus noise, NOT encoder output. Query vectors come from the same distribution; query
 * embedding cost is measured separately with the real encoder when one is supplied.
 *
 * <p>Measures indexing rate, index size, p50/p95 latency of BM25, kNN, filtered kNN (1 patient of
 * 1,000) and hybrid (without and with query embedding), and HNSW recall@10 against exact
 * brute-force search, with and without oversampling.
 */
public final class SearchBenchmark {
  public static final int DIM = 384;
  private static final int PATIENTS = 1000;

  /** One cluster per 200 chunks (at least 10). */
  private static final int CHUNKS_PER_CLUSTER = 200;

  private static final float NOISE = 1.0f;

  /** Indexing threads (the machine's cores, at most 4). */
  private static final int INDEX_THREADS =
      Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

  private SearchBenchmark() {}

  /**
   * @param queryEncoder real encoder used only to time query embedding (hybrid + embedding row)
   */
  public record Options(
      int chunks,
      int queries,
      VectorFormat format,
      boolean encrypted,
      Path workDir,
      long seed,
      Optional<TextEmbedder> queryEncoder) {
    public Options {
      Objects.requireNonNull(format);
      Objects.requireNonNull(workDir);
      Objects.requireNonNull(queryEncoder);
      if (chunks < 100 || queries < 10) {
        throw new IllegalArgumentException("need at least 100 chunks and 10 queries");
      }
    }
  }

  public record Latency(double p50Ms, double p95Ms) {
    static Latency of(long[] nanos) {
      long[] s = nanos.clone();
      Arrays.sort(s);
      return new Latency(
          s[(int) Math.floor(0.5 * (s.length - 1))] / 1e6,
          s[(int) Math.floor(0.95 * (s.length - 1))] / 1e6);
    }
  }

  public record Report(
      int chunks,
      VectorFormat format,
      boolean encrypted,
      double indexSeconds,
      double chunksPerSecond,
      long indexBytes,
      int queries,
      Latency bm25,
      Latency knn,
      Latency knnFiltered,
      Latency hybrid,
      Optional<Latency> queryEmbedding,
      Optional<Latency> hybridWithEmbedding,
      double recallAt10NoOversampling,
      double recallAt10Oversampled50,
      double filteredRecallAt10) {}

  public static Report run(Options o, ProgressListener progress) throws IOException {
    List<String> sentences = sentences(20_000);
    Files.createDirectories(o.workDir());
    Path dir = Files.createTempDirectory(o.workDir(), "bench-" + o.chunks() + "-");
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    QueryVectors queryVectors = new QueryVectors();
    SearchConfig config =
        SearchConfig.defaults()
            .withVectorFormat(o.format())
            .withChunker(new Chunker(1_000_000, 0))
            .withCandidates(10);
    try {
      long t0 = System.nanoTime();
      try (SearchService s = open(o, dir, key, Optional.of(queryVectors), config)) {
        indexInParallel(o, s, sentences, 0, o.chunks(), i -> clusters(o), progress);
        s.commit();
      }
      double indexSeconds = (System.nanoTime() - t0) / 1e9;
      long bytes = sizeOf(dir);
      progress.progress(o.chunks(), o.chunks(), "Indexed; measuring queries");

      // queries: 3 random vocabulary words + a random unit vector, and a patient to filter on
      SplittableRandom qr = new SplittableRandom(o.seed() ^ 0x5DEECE66DL);
      List<String> texts = new ArrayList<>();
      List<float[]> vectors = new ArrayList<>();
      List<String> patients = new ArrayList<>();
      for (int q = 0; q < o.queries(); q++) {
        String text = queryText(sentences, qr) + " #" + q;
        float[] v = randomQuery(o.seed(), clusters(o), qr);
        texts.add(text);
        vectors.add(v);
        queryVectors.put(text, v);
        patients.add("P-" + qr.nextInt(PATIENTS));
      }
      progress.progress(0, o.queries(), "Exact neighbours (brute force)");
      int[][] exact = exactTop10(o, vectors, Optional.empty());
      int[][] exactFiltered = exactTop10(o, vectors, Optional.of(patients));

      long[] bm25 = new long[o.queries()];
      long[] knn = new long[o.queries()];
      long[] knnF = new long[o.queries()];
      long[] hybrid = new long[o.queries()];
      double recall10;
      double recall50;
      double recallF;
      try (SearchService s = open(o, dir, key, Optional.of(queryVectors), config)) {
        warmUp(s, texts);
        double hit = 0;
        double hitF = 0;
        for (int q = 0; q < o.queries(); q++) {
          bm25[q] = time(s, texts.get(q), SearchMode.BM25, SearchFilter.none());
          long t = System.nanoTime();
          List<SearchHit> hits = search(s, texts.get(q), SearchMode.DENSE, SearchFilter.none());
          knn[q] = System.nanoTime() - t;
          hit += overlap(hits, exact[q]);
          t = System.nanoTime();
          List<SearchHit> fh =
              search(s, texts.get(q), SearchMode.DENSE, SearchFilter.forPatient(patients.get(q)));
          knnF[q] = System.nanoTime() - t;
          hitF += overlap(fh, exactFiltered[q]);
          hybrid[q] = time(s, texts.get(q), SearchMode.HYBRID, SearchFilter.none());
        }
        recall10 = hit / (10.0 * o.queries());
        recallF = hitF / (10.0 * o.queries());
      }
      long[] knn50 = new long[o.queries()];
      long[] hybrid50 = new long[o.queries()];
      try (SearchService s =
          open(o, dir, key, Optional.of(queryVectors), config.withCandidates(50))) {
        warmUp(s, texts);
        double hit = 0;
        for (int q = 0; q < o.queries(); q++) {
          long t = System.nanoTime();
          List<SearchHit> hits = search(s, texts.get(q), SearchMode.DENSE, SearchFilter.none());
          knn50[q] = System.nanoTime() - t;
          hit += overlap(hits, exact[q]);
          hybrid50[q] = time(s, texts.get(q), SearchMode.HYBRID, SearchFilter.none());
        }
        recall50 = hit / (10.0 * o.queries());
      }
      Optional<Latency> embed = Optional.empty();
      Optional<Latency> hybridEmbed = Optional.empty();
      if (o.queryEncoder().isPresent()) {
        TextEmbedder real = o.queryEncoder().get();
        TextEmbedder timed = new EmbedThenLookup(real, queryVectors);
        long[] e = new long[o.queries()];
        long[] he = new long[o.queries()];
        try (SearchService s = open(o, dir, key, Optional.of(timed), config.withCandidates(50))) {
          for (int q = 0; q < o.queries(); q++) {
            long t = System.nanoTime();
            real.embedQuery(texts.get(q) + " (warm)");
            e[q] = System.nanoTime() - t;
            he[q] = time(s, texts.get(q), SearchMode.HYBRID, SearchFilter.none());
          }
        }
        embed = Optional.of(Latency.of(e));
        hybridEmbed = Optional.of(Latency.of(he));
      }
      return new Report(
          o.chunks(),
          o.format(),
          o.encrypted(),
          indexSeconds,
          o.chunks() / indexSeconds,
          bytes,
          o.queries(),
          Latency.of(bm25),
          Latency.of(knn50),
          Latency.of(knnF),
          Latency.of(hybrid50),
          embed,
          hybridEmbed,
          recall10,
          recall50,
          recallF);
    } finally {
      deleteTree(dir);
    }
  }

  /**
   * Adds the synthetic chunks from {@link #INDEX_THREADS} threads (Lucene's IndexWriter indexes
   * concurrently into per-thread segments and builds their HNSW graphs in parallel).
   */
  private static void indexInParallel(
      Options o,
      SearchService s,
      List<String> sentences,
      int from,
      int to,
      java.util.function.IntUnaryOperator clustersOf,
      ProgressListener progress)
      throws IOException {
    AtomicInteger next = new AtomicInteger(from);
    AtomicInteger done = new AtomicInteger(from);
    ExecutorService pool = Executors.newFixedThreadPool(INDEX_THREADS);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < INDEX_THREADS; t++) {
        workers.add(
            pool.submit(
                () -> {
                  float[] v = new float[DIM];
                  for (int i = next.getAndIncrement(); i < to; i = next.getAndIncrement()) {
                    docVector(o.seed(), clustersOf.applyAsInt(i), i, v);
                    s.addWithVectors(document(i, sentences, o.seed()), List.of(v.clone()));
                    int d = done.incrementAndGet();
                    if (d % 10_000 == 0) {
                      progress.progress(d, to, "Indexing synthetic chunks");
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> w : workers) {
        w.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("benchmark interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException("indexing failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * One index grown through {@code sizes} (ascending), measured at each size: the same synthetic
   * chunks, vectors and queries as {@link #run}, with the exact top 10 maintained incrementally
   * (only new chunks are scanned). For large sizes on a busy machine: every finished size is
   * reported through {@code onReport} as soon as it is measured, and growth stops at {@code
   * deadline}. The kNN columns use oversampling (50 → 10); the k=10 recall column and hybrid with
   * embedding are not measured in this mode (NaN / empty), the query embedding once.
   *
   * <p>Clusters grow with the index (ADR 0068): a chunk added in the step ending at size n belongs
   * to one of n / 200 clusters, and the queries aim at the clusters of the first step, which exist
   * from the start and only get denser. (Fixing the cluster count by the final size left clusters
   * of ~10 members at the early sizes, whose exact top 10 were near-ties at cosine ~0 that no
   * approximate search reproduces: a recall artefact.)
   */
  public static List<Report> runGrowing(
      Options o,
      List<Integer> sizes,
      Optional<java.time.Instant> deadline,
      ProgressListener progress,
      java.util.function.Consumer<Report> onReport)
      throws IOException {
    List<Integer> steps = sizes.stream().sorted().distinct().toList();
    if (steps.isEmpty() || steps.get(steps.size() - 1) > o.chunks()) {
      throw new IllegalArgumentException("sizes must be within 1.." + o.chunks());
    }
    List<String> sentences = sentences(20_000);
    Files.createDirectories(o.workDir());
    Path dir = Files.createTempDirectory(o.workDir(), "bench-grow-" + o.chunks() + "-");
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    QueryVectors queryVectors = new QueryVectors();
    SearchConfig config =
        SearchConfig.defaults()
            .withVectorFormat(o.format())
            .withChunker(new Chunker(1_000_000, 0))
            .withCandidates(50);
    java.util.function.IntUnaryOperator clustersOf =
        i -> {
          for (int end : steps) {
            if (i < end) {
              return Math.max(10, end / CHUNKS_PER_CLUSTER);
            }
          }
          return clusters(o);
        };
    SplittableRandom qr = new SplittableRandom(o.seed() ^ 0x5DEECE66DL);
    List<String> texts = new ArrayList<>();
    List<float[]> vectors = new ArrayList<>();
    List<String> patients = new ArrayList<>();
    for (int q = 0; q < o.queries(); q++) {
      String text = queryText(sentences, qr) + " #" + q;
      float[] v = randomQuery(o.seed(), clustersOf.applyAsInt(0), qr);
      texts.add(text);
      vectors.add(v);
      queryVectors.put(text, v);
      patients.add("P-" + qr.nextInt(PATIENTS));
    }
    Optional<Latency> embed = Optional.empty();
    if (o.queryEncoder().isPresent()) {
      long[] e = new long[o.queries()];
      for (int q = 0; q < o.queries(); q++) {
        long t = System.nanoTime();
        o.queryEncoder().get().embedQuery(texts.get(q) + " (warm)");
        e[q] = System.nanoTime() - t;
      }
      embed = Optional.of(Latency.of(e));
    }
    ExactTop10 exact = new ExactTop10(vectors, Optional.empty());
    ExactTop10 exactF = new ExactTop10(vectors, Optional.of(patients));
    List<Report> reports = new ArrayList<>();
    long indexNanos = 0;
    int done = 0;
    try (SearchService s = open(o, dir, key, Optional.of(queryVectors), config)) {
      for (int n : steps) {
        if (deadline.isPresent() && java.time.Instant.now().isAfter(deadline.get())) {
          progress.progress(done, o.chunks(), "Deadline reached; stopped growing");
          break;
        }
        long t0 = System.nanoTime();
        indexInParallel(o, s, sentences, done, n, clustersOf, progress);
        s.commit();
        indexNanos += System.nanoTime() - t0;
        progress.progress(n, o.chunks(), "Exact neighbours of the new chunks");
        exact.add(o, done, n, clustersOf);
        exactF.add(o, done, n, clustersOf);
        done = n;
        long bytes = sizeOf(dir);
        progress.progress(n, o.chunks(), "Measuring queries");
        warmUp(s, texts);
        long[] bm25 = new long[o.queries()];
        long[] knn = new long[o.queries()];
        long[] knnF = new long[o.queries()];
        long[] hybrid = new long[o.queries()];
        double hit = 0;
        double hitF = 0;
        for (int q = 0; q < o.queries(); q++) {
          bm25[q] = time(s, texts.get(q), SearchMode.BM25, SearchFilter.none());
          long t = System.nanoTime();
          List<SearchHit> hits = search(s, texts.get(q), SearchMode.DENSE, SearchFilter.none());
          knn[q] = System.nanoTime() - t;
          hit += overlap(hits, exact.top(q));
          t = System.nanoTime();
          List<SearchHit> fh =
              search(s, texts.get(q), SearchMode.DENSE, SearchFilter.forPatient(patients.get(q)));
          knnF[q] = System.nanoTime() - t;
          hitF += overlap(fh, exactF.top(q));
          hybrid[q] = time(s, texts.get(q), SearchMode.HYBRID, SearchFilter.none());
        }
        double seconds = indexNanos / 1e9;
        Report r =
            new Report(
                n,
                o.format(),
                o.encrypted(),
                seconds,
                n / seconds,
                bytes,
                o.queries(),
                Latency.of(bm25),
                Latency.of(knn),
                Latency.of(knnF),
                Latency.of(hybrid),
                embed,
                Optional.empty(),
                Double.NaN,
                hit / (10.0 * o.queries()),
                hitF / (10.0 * o.queries()));
        reports.add(r);
        onReport.accept(r);
      }
    } finally {
      deleteTree(dir);
    }
    return reports;
  }

  /** Exact top 10 by dot product, maintained as chunks are added (optionally per patient). */
  private static final class ExactTop10 {
    private final List<float[]> queries;
    private final Optional<List<String>> patients;
    private final float[][] bestScore;
    private final int[][] bestDoc;

    ExactTop10(List<float[]> queries, Optional<List<String>> patients) {
      this.queries = queries;
      this.patients = patients;
      bestScore = new float[queries.size()][10];
      bestDoc = new int[queries.size()][10];
      for (float[] row : bestScore) {
        Arrays.fill(row, Float.NEGATIVE_INFINITY);
      }
      for (int[] row : bestDoc) {
        Arrays.fill(row, -1);
      }
    }

    void add(Options o, int from, int to, java.util.function.IntUnaryOperator clustersOf) {
      float[] v = new float[DIM];
      for (int i = from; i < to; i++) {
        docVector(o.seed(), clustersOf.applyAsInt(i), i, v);
        for (int q = 0; q < queries.size(); q++) {
          if (patients.isPresent() && !patients.get().get(q).equals("P-" + (i % PATIENTS))) {
            continue;
          }
          float dot = org.apache.lucene.util.VectorUtil.dotProduct(queries.get(q), v);
          float[] bs = bestScore[q];
          if (dot > bs[9]) {
            int pos = 9;
            while (pos > 0 && bs[pos - 1] < dot) {
              bs[pos] = bs[pos - 1];
              bestDoc[q][pos] = bestDoc[q][pos - 1];
              pos--;
            }
            bs[pos] = dot;
            bestDoc[q][pos] = i;
          }
        }
      }
    }

    int[] top(int q) {
      return Arrays.stream(bestDoc[q]).filter(d -> d >= 0).toArray();
    }
  }

  private static SearchService open(
      Options o, Path dir, byte[] key, Optional<TextEmbedder> e, SearchConfig c)
      throws IOException {
    return o.encrypted()
        ? SearchService.open(dir, key, e, c)
        : SearchService.open(FSDirectory.open(dir), e, c);
  }

  private static void warmUp(SearchService s, List<String> texts) throws IOException {
    for (int i = 0; i < Math.min(50, texts.size()); i++) {
      for (SearchMode m : SearchMode.values()) {
        search(s, texts.get(i), m, SearchFilter.none());
      }
    }
  }

  private static long time(SearchService s, String text, SearchMode mode, SearchFilter f)
      throws IOException {
    long t = System.nanoTime();
    search(s, text, mode, f);
    return System.nanoTime() - t;
  }

  private static List<SearchHit> search(
      SearchService s, String text, SearchMode mode, SearchFilter f) throws IOException {
    return s.search(new SearchRequest(text, 10, mode, f, false)).hits();
  }

  private static int overlap(List<SearchHit> hits, int[] exact) {
    Set<Integer> want = new HashSet<>();
    for (int e : exact) {
      want.add(e);
    }
    int n = 0;
    for (SearchHit h : hits) {
      if (want.contains(Integer.parseInt(h.documentId().substring(1)))) {
        n++;
      }
    }
    return n;
  }

  /** Brute-force top 10 by cosine (= dot product of unit vectors), optionally within a patient. */
  private static int[][] exactTop10(
      Options o, List<float[]> queries, Optional<List<String>> patients) {
    int nq = queries.size();
    float[][] bestScore = new float[nq][10];
    int[][] bestDoc = new int[nq][10];
    for (float[] row : bestScore) {
      Arrays.fill(row, Float.NEGATIVE_INFINITY);
    }
    float[] v = new float[DIM];
    for (int i = 0; i < o.chunks(); i++) {
      docVector(o.seed(), clusters(o), i, v);
      for (int q = 0; q < nq; q++) {
        if (patients.isPresent() && !patients.get().get(q).equals("P-" + (i % PATIENTS))) {
          continue;
        }
        float[] qv = queries.get(q);
        float dot = 0;
        for (int d = 0; d < DIM; d++) {
          dot += qv[d] * v[d];
        }
        float[] bs = bestScore[q];
        if (dot > bs[9]) {
          int pos = 9;
          while (pos > 0 && bs[pos - 1] < dot) {
            bs[pos] = bs[pos - 1];
            bestDoc[q][pos] = bestDoc[q][pos - 1];
            pos--;
          }
          bs[pos] = dot;
          bestDoc[q][pos] = i;
        }
      }
    }
    return bestDoc;
  }

  /**
   * Clustered synthetic vector: a random cluster centre plus isotropic noise of the same norm, so
   * members of a cluster have cosine ~0.5 with each other and ~0.7 with the centre (roughly the
   * spread of bge embeddings of related passages). Uniform random 384-d vectors would make all
   * neighbours nearly equidistant and "recall" meaningless.
   */
  static void docVector(long seed, int clusters, int i, float[] out) {
    SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i);
    int cluster = r.nextInt(clusters);
    clustered(seed, cluster, r, out);
  }

  private static void clustered(long seed, int cluster, SplittableRandom noise, float[] out) {
    float[] centre = new float[DIM];
    fillUnit(new SplittableRandom(seed * 31 + 0x7F4A7C15L * (cluster + 1)), centre);
    fillUnit(noise, out);
    double norm = 0;
    for (int d = 0; d < DIM; d++) {
      out[d] = centre[d] + NOISE * out[d];
      norm += out[d] * out[d];
    }
    float inv = (float) (1 / Math.sqrt(norm));
    for (int d = 0; d < DIM; d++) {
      out[d] *= inv;
    }
  }

  static int clusters(Options o) {
    return Math.max(10, o.chunks() / CHUNKS_PER_CLUSTER);
  }

  private static float[] randomQuery(long seed, int clusters, SplittableRandom r) {
    float[] v = new float[DIM];
    clustered(seed, r.nextInt(clusters), r, v);
    return v;
  }

  private static void fillUnit(SplittableRandom r, float[] v) {
    double norm = 0;
    for (int d = 0; d < DIM; d++) {
      // sum of uniforms approximates a Gaussian well enough for direction sampling and is fast
      double g = r.nextDouble() + r.nextDouble() + r.nextDouble() + r.nextDouble() - 2.0;
      v[d] = (float) g;
      norm += g * g;
    }
    float inv = (float) (1 / Math.sqrt(norm));
    for (int d = 0; d < DIM; d++) {
      v[d] *= inv;
    }
  }

  private static IndexDocument document(int i, List<String> sentences, long seed) {
    SplittableRandom r = new SplittableRandom(seed + 31L * i);
    int n = 2 + r.nextInt(3);
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < n; k++) {
      sb.append(sentences.get(r.nextInt(sentences.size()))).append(' ');
    }
    String patient = "P-" + (i % PATIENTS);
    return new IndexDocument(
        "b" + i,
        "Synthetic chunk " + i,
        sb.toString().strip(),
        DocumentMetadata.patientRecord(patient, "note", Optional.of("general"), Optional.empty()));
  }

  private static String queryText(List<String> sentences, SplittableRandom r) {
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < 3; k++) {
      String[] words = sentences.get(r.nextInt(sentences.size())).split("\\s+");
      sb.append(words[r.nextInt(words.length)].replaceAll("[^\\p{L}\\p{N}-]", "")).append(' ');
    }
    return sb.toString().strip();
  }

  /** Sentences of the shipped MedQuAD answers (the synthetic chunks' vocabulary). */
  static List<String> sentences(int max) throws IOException {
    List<String> out = new ArrayList<>();
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(KnowledgeBase.Source.shipped().open()),
                StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null && out.size() < max) {
        for (String s : json.readTree(line).path("answer").asText("").split("(?<=[.!?])\\s+")) {
          String t = s.strip().replaceAll("\\s+", " ");
          if (t.length() > 20 && t.length() < 400) {
            out.add(t);
          }
        }
      }
    }
    return out;
  }

  private static long sizeOf(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      long total = 0;
      for (Path p : s.toList()) {
        total += Files.size(p);
      }
      return total;
    }
  }

  private static void deleteTree(Path p) throws IOException {
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(q);
      }
    }
  }

  /** Returns the benchmark's precomputed query vector for a query text. */
  private static final class QueryVectors implements TextEmbedder {
    private final Map<String, float[]> vectors = new HashMap<>();

    void put(String text, float[] v) {
      vectors.put(text, v);
    }

    @Override
    public int dimension() {
      return DIM;
    }

    @Override
    public float[][] embed(List<String> texts) {
      float[][] out = new float[texts.size()][];
      for (int i = 0; i < out.length; i++) {
        out[i] = embedQuery(texts.get(i));
      }
      return out;
    }

    @Override
    public float[] embedQuery(String query) {
      float[] v = vectors.get(query);
      if (v == null) {
        float[] r = new float[DIM];
        r[0] = 1;
        return r;
      }
      return v;
    }

    @Override
    public String modelId() {
      return "bench-random-unit-384";
    }
  }

  /** Runs the real encoder (cost measured) and then searches with the benchmark's vector. */
  private record EmbedThenLookup(TextEmbedder real, QueryVectors vectors) implements TextEmbedder {
    @Override
    public int dimension() {
      return DIM;
    }

    @Override
    public float[][] embed(List<String> texts) {
      return vectors.embed(texts);
    }

    @Override
    public float[] embedQuery(String query) {
      real.embedQuery(query);
      return vectors.embedQuery(query);
    }

    @Override
    public String modelId() {
      return real.modelId();
    }
  }

  /** Header of the README table. */
  public static String markdownHeader() {
    return "| chunks | vectors | storage | index s | chunks/s | size MiB | BM25 p50/p95 ms | kNN(k=50→10) p50/p95 | filtered kNN p50/p95 | hybrid p50/p95 | query embed p50/p95 | hybrid+embed p50/p95 | recall@10 k=10 | recall@10 k=50 | filtered recall@10 |\n"
        + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|";
  }

  /** One README table row. */
  public static String markdownRow(Report r) {
    return String.format(
            Locale.ROOT,
            "| %,d | %s | %s | %.0f | %.0f | %.0f | %s | %s | %s | %s | %s | %s | %.3f | %.3f | %.3f |",
            r.chunks(),
            r.format() == VectorFormat.HNSW_FLOAT32 ? "float32" : "int7 + rescore",
            r.encrypted() ? "AES-CTR" : "plain",
            r.indexSeconds(),
            r.chunksPerSecond(),
            r.indexBytes() / 1048576.0,
            lat(r.bm25()),
            lat(r.knn()),
            lat(r.knnFiltered()),
            lat(r.hybrid()),
            r.queryEmbedding().map(SearchBenchmark::lat).orElse("n/a"),
            r.hybridWithEmbedding().map(SearchBenchmark::lat).orElse("n/a"),
            r.recallAt10NoOversampling(),
            r.recallAt10Oversampled50(),
            r.filteredRecallAt10())
        .replace("| NaN |", "| n/a |");
  }

  private static String lat(Latency l) {
    return String.format(Locale.ROOT, "%.2f / %.2f", l.p50Ms(), l.p95Ms());
  }
}
