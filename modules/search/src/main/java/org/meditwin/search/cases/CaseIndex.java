package org.meditwin.search.cases;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BooleanSupplier;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexNotFoundException;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;
import org.meditwin.core.task.ProgressListener;
import org.meditwin.search.EncryptedDirectory;
import org.meditwin.search.FusionMethod;
import org.meditwin.search.RankFusion;
import org.meditwin.search.SearchConfig;
import org.meditwin.search.TextEmbedder;

/**
 * Similar-case index: one Lucene document per case in an AES-encrypted directory ({@link
 * EncryptedDirectory}, ADR 0061) with the image embedding (HNSW, cosine), the report/impression
 * text (BM25; plus a dense text vector when an encoder is given), metadata and an encrypted
 * thumbnail. Queries rank by image kNN with the source/patient/modality filter applied during the
 * graph search, optionally fused with report-text similarity (the module's max-normalised fusion,
 * ADR 0067) — ADR 0130.
 *
 * <p>Thread-safe. Single-case changes are committed before the call returns; a whole source ({@link
 * #replaceSource}) is swapped in one commit, so a crash or a cancelled rebuild leaves the previous
 * library. Dense text vectors live in a field named after the encoder's model id, so a changed
 * encoder never mixes vector spaces (older cases then match text by BM25 only).
 */
public final class CaseIndex implements AutoCloseable {
  /** Most hits one query returns. */
  public static final int MAX_K = 100;

  /** Neighbours explored by HNSW before keeping the top k (recall; see the README numbers). */
  public static final int KNN_CANDIDATES = 50;

  static final String ID = "id";
  static final String SOURCE = "source";
  static final String PATIENT = "patient";
  static final String MODALITY = "modality";
  static final String BODY_PART = "bodyPart";
  static final String LABEL = "label";
  static final String IMPRESSION = "impression";
  static final String STUDY = "study";
  static final String DATE = "date";
  static final String IMAGE = "image";
  static final String THUMBNAIL = "thumbnail";
  static final String VERSION_PREFIX = "version.";
  private static final int TEXT_CANDIDATES = 100;
  private static final int MAX_QUERY_TERMS = 128;
  private static final int MAX_QUERY_CHARS = 4_000;

  private final Directory directory;
  // Replaced only under the write lock (after a rolled-back rebuild).
  private IndexWriter writer;
  private SearcherManager searchers;
  private final Analyzer analyzer = new EnglishAnalyzer();
  private final Optional<TextEmbedder> encoder;
  private final Optional<String> textField;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private boolean closed;

  private CaseIndex(Directory directory, Optional<TextEmbedder> encoder) throws IOException {
    this.directory = directory;
    this.encoder = encoder;
    this.textField = encoder.map(e -> "text:" + e.modelId());
    this.writer = newWriter();
    this.searchers = new SearcherManager(writer, null);
  }

  private IndexWriter newWriter() throws IOException {
    IndexWriterConfig iwc = new IndexWriterConfig(analyzer);
    KnnVectorsFormat format = new Lucene99HnswVectorsFormat(16, 100);
    iwc.setCodec(
        new Lucene104Codec() {
          @Override
          public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
            return format;
          }
        });
    iwc.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
    iwc.setCommitOnClose(true);
    // Separate vector files, so the encrypted directory decrypts them once into memory (ADR 0061).
    iwc.setUseCompoundFile(false);
    TieredMergePolicy merges = new TieredMergePolicy();
    merges.setNoCFSRatio(0.0);
    iwc.setMergePolicy(merges);
    return new IndexWriter(directory, iwc);
  }

  /**
   * Opens (creating when absent) the index in {@code dir}.
   *
   * @param key32 32-byte key (the app uses {@code clinicalStore().derivedKey("case-index")})
   * @param encoder report-text encoder; empty = report text by BM25 only
   * @throws UncheckedIOException when it cannot be opened; the cause is an {@link
   *     org.meditwin.search.IndexKeyMismatchException} for another key
   */
  public static CaseIndex open(Path dir, byte[] key32, Optional<TextEmbedder> encoder) {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(key32, "key32");
    Objects.requireNonNull(encoder, "encoder");
    try {
      Files.createDirectories(dir);
      EncryptedDirectory d = EncryptedDirectory.open(dir, key32);
      try {
        return new CaseIndex(d, encoder);
      } catch (IOException | RuntimeException e) {
        d.close();
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the similar-case index", e);
    }
  }

  /** Whether report text is also matched by meaning (an encoder was given). */
  public boolean semantic() {
    return encoder.isPresent();
  }

  /** Adds or replaces one case and commits. */
  public void upsert(CaseRecord record) {
    Objects.requireNonNull(record, "record");
    shared(
        () -> {
          write(List.of(record));
          writer.commit();
        });
  }

  /** Adds or replaces several cases with one commit (an archive import); progress per batch. */
  public void upsertAll(List<CaseRecord> records, ProgressListener progress) {
    Objects.requireNonNull(records, "records");
    Objects.requireNonNull(progress, "progress");
    shared(
        () -> {
          int batch = 256;
          for (int from = 0; from < records.size(); from += batch) {
            int to = Math.min(records.size(), from + batch);
            write(records.subList(from, to));
            progress.progress(to, records.size(), "Indexing cases");
          }
          writer.commit();
        });
  }

  /**
   * Replaces the report text of an indexed case (keeping its image vector and thumbnail) and
   * commits; false when no such case is indexed.
   */
  public boolean updateReport(String id, String text) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    lock.writeLock().lock();
    try {
      ensureOpen();
      Optional<CaseRecord> current = record(id);
      if (current.isEmpty()) {
        return false;
      }
      write(List.of(current.get().withImpression(text)));
      writer.commit();
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot update the similar-case index", e);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Replaces every case of {@code source} with {@code records} in one commit that also records
   * {@code version} (see {@link #sourceVersion}). Progress is reported per case; when {@code
   * cancelled} turns true the change is rolled back and the previous cases stay — returns false.
   */
  public boolean replaceSource(
      CaseSource source,
      List<CaseRecord> records,
      String version,
      ProgressListener progress,
      BooleanSupplier cancelled) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(version, "version");
    for (CaseRecord r : records) {
      if (r.source() != source) {
        throw new IllegalArgumentException("case " + r.id() + " is not from " + source);
      }
    }
    lock.writeLock().lock();
    try {
      ensureOpen();
      writer.deleteDocuments(new Term(SOURCE, source.name()));
      int batch = 256;
      for (int from = 0; from < records.size(); from += batch) {
        if (cancelled.getAsBoolean()) {
          rollbackPending();
          return false;
        }
        int to = Math.min(records.size(), from + batch);
        write(records.subList(from, to));
        progress.progress(to, records.size(), "Indexing cases");
      }
      if (cancelled.getAsBoolean()) {
        rollbackPending();
        return false;
      }
      Map<String, String> data = new HashMap<>(committedUserData());
      data.put(VERSION_PREFIX + source.name(), version);
      writer.setLiveCommitData(data.entrySet());
      writer.forceMerge(1);
      writer.commit();
      searchers.maybeRefreshBlocking();
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot rebuild the similar-case index", e);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Version recorded by the last committed {@link #replaceSource} of {@code source}. */
  public Optional<String> sourceVersion(CaseSource source) {
    lock.readLock().lock();
    try {
      ensureOpen();
      return Optional.ofNullable(committedUserData().get(VERSION_PREFIX + source.name()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the similar-case index", e);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Removes a case (no-op when absent) and commits. */
  public void delete(String id) {
    Objects.requireNonNull(id, "id");
    shared(
        () -> {
          writer.deleteDocuments(new Term(ID, id));
          writer.commit();
        });
  }

  /** Removes every clinic case of a patient and commits. */
  public void deletePatient(String patientId) {
    Objects.requireNonNull(patientId, "patientId");
    shared(
        () -> {
          writer.deleteDocuments(new Term(PATIENT, patientId));
          writer.commit();
        });
  }

  /** Number of cases (all sources). */
  public int count() {
    return read(s -> s.count(new MatchAllDocsQuery()));
  }

  /** Number of cases from one source. */
  public int count(CaseSource source) {
    return read(s -> s.count(new TermQuery(new Term(SOURCE, source.name()))));
  }

  /** One case by id. */
  public Optional<CaseHit> find(String id) {
    Objects.requireNonNull(id, "id");
    return read(
        s -> {
          TopDocs td = s.search(new TermQuery(new Term(ID, id)), 1);
          if (td.scoreDocs.length == 0) {
            return Optional.empty();
          }
          return Optional.of(hit(s, td.scoreDocs[0].doc, 1.0, Optional.empty()));
        });
  }

  /**
   * Cases most similar to the query image, best first: HNSW kNN over the image vectors ({@link
   * #KNN_CANDIDATES} explored) with the filter inside the graph search; with report text, fused
   * with the text ranking (BM25 + dense text fused as the knowledge base does; then image vs text
   * by max-normalised fusion with {@link CaseQuery#textWeight()}).
   */
  public List<CaseHit> search(CaseQuery query) {
    Objects.requireNonNull(query, "query");
    return read(
        s -> {
          float[] q = query.imageVector();
          Query filter = filterQuery(query);
          int n = Math.max(query.k(), KNN_CANDIDATES);
          List<RankFusion.Ranked> image =
              ranked(s.search(new KnnFloatVectorQuery(IMAGE, q, n, filter), n));
          List<RankFusion.Ranked> ranked;
          if (query.reportText().isPresent()) {
            List<RankFusion.Ranked> text = textRanking(s, query.reportText().get(), filter);
            int depth = Math.max(n, TEXT_CANDIDATES);
            ranked =
                text.isEmpty()
                    ? image
                    : RankFusion.fuse(
                        FusionMethod.MAX_NORMALISED, text, image, query.textWeight(), depth);
          } else {
            ranked = image;
          }
          List<CaseHit> hits = new ArrayList<>();
          for (RankFusion.Ranked r : ranked) {
            if (hits.size() == query.k()) {
              break;
            }
            double score = query.reportText().isPresent() ? r.score() : 2.0 * r.score() - 1.0;
            hits.add(hit(s, r.doc(), score, Optional.of(q)));
          }
          return List.copyOf(hits);
        });
  }

  /**
   * Exact (brute-force) image ranking under the same filter — the reference for HNSW recall and for
   * evaluation; report text is ignored.
   */
  public List<CaseHit> searchExact(CaseQuery query) {
    Objects.requireNonNull(query, "query");
    return read(
        s -> {
          float[] q = query.imageVector();
          TopDocs matching = s.search(filterQuery(query), Math.max(1, s.getIndexReader().maxDoc()));
          List<RankFusion.Ranked> all = new ArrayList<>();
          for (ScoreDoc sd : matching.scoreDocs) {
            Optional<float[]> v = vector(s, sd.doc, IMAGE);
            v.ifPresent(
                vec -> all.add(new RankFusion.Ranked(sd.doc, (float) CaseVectors.dot(q, vec))));
          }
          all.sort(
              Comparator.comparingDouble((RankFusion.Ranked r) -> -r.score())
                  .thenComparingInt(RankFusion.Ranked::doc));
          List<CaseHit> hits = new ArrayList<>();
          for (int i = 0; i < Math.min(query.k(), all.size()); i++) {
            hits.add(hit(s, all.get(i).doc(), all.get(i).score(), Optional.of(q)));
          }
          return List.copyOf(hits);
        });
  }

  /** Commits (nothing is pending) and closes. Idempotent. */
  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      try {
        searchers.close();
        writer.close();
      } finally {
        directory.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("closing the similar-case index failed", e);
    } finally {
      lock.writeLock().unlock();
    }
  }

  // --- writing ---

  private void write(List<CaseRecord> records) throws IOException {
    Map<String, float[]> textVectors = textVectors(records);
    for (CaseRecord r : records) {
      writer.updateDocument(new Term(ID, r.id()), document(r, textVectors));
    }
  }

  /** Dense text vectors, one encoder call per distinct text (library texts repeat). */
  private Map<String, float[]> textVectors(List<CaseRecord> records) {
    if (encoder.isEmpty()) {
      return Map.of();
    }
    Set<String> distinct = new LinkedHashSet<>();
    for (CaseRecord r : records) {
      String t = r.impression().strip();
      if (!t.isEmpty()) {
        distinct.add(t);
      }
    }
    Map<String, float[]> out = new HashMap<>();
    List<String> texts = List.copyOf(distinct);
    for (int from = 0; from < texts.size(); from += 16) {
      List<String> part = texts.subList(from, Math.min(texts.size(), from + 16));
      float[][] v = encoder.get().embed(part);
      for (int i = 0; i < part.size(); i++) {
        out.put(part.get(i), v[i]);
      }
    }
    return out;
  }

  private Document document(CaseRecord r, Map<String, float[]> textVectors) {
    Document d = new Document();
    d.add(new StringField(ID, r.id(), Field.Store.YES));
    d.add(new StringField(SOURCE, r.source().name(), Field.Store.YES));
    r.patientId().ifPresent(p -> d.add(new StringField(PATIENT, p, Field.Store.YES)));
    d.add(new StringField(MODALITY, upper(r.modality()), Field.Store.YES));
    d.add(new StringField(BODY_PART, upper(r.bodyPart()), Field.Store.YES));
    d.add(new StoredField(LABEL, r.label()));
    d.add(new TextField(IMPRESSION, r.impression(), Field.Store.YES));
    r.studyUid().ifPresent(u -> d.add(new StoredField(STUDY, u)));
    r.date().ifPresent(day -> d.add(new StoredField(DATE, day.toEpochDay())));
    d.add(new KnnFloatVectorField(IMAGE, r.imageVector(), VectorSimilarityFunction.COSINE));
    d.add(new StoredField(THUMBNAIL, new BytesRef(r.thumbnailPng())));
    float[] tv = textVectors.get(r.impression().strip());
    if (tv != null && textField.isPresent()) {
      d.add(new KnnFloatVectorField(textField.get(), tv, VectorSimilarityFunction.COSINE));
    }
    return d;
  }

  private static String upper(String s) {
    return s.strip().toUpperCase(Locale.ROOT);
  }

  /** Drops every uncommitted change (rollback closes the writer, so a new one is opened). */
  private void rollbackPending() throws IOException {
    searchers.close();
    writer.rollback();
    writer = newWriter();
    searchers = new SearcherManager(writer, null);
  }

  private Map<String, String> committedUserData() throws IOException {
    try {
      return SegmentInfos.readLatestCommit(directory).getUserData();
    } catch (IndexNotFoundException e) {
      return Map.of();
    }
  }

  private Optional<CaseRecord> record(String id) throws IOException {
    searchers.maybeRefreshBlocking();
    IndexSearcher s = searchers.acquire();
    try {
      TopDocs td = s.search(new TermQuery(new Term(ID, id)), 1);
      if (td.scoreDocs.length == 0) {
        return Optional.empty();
      }
      int doc = td.scoreDocs[0].doc;
      Document d = s.storedFields().document(doc);
      float[] v = vector(s, doc, IMAGE).orElseThrow();
      return Optional.of(
          new CaseRecord(
              d.get(ID),
              CaseSource.valueOf(d.get(SOURCE)),
              Optional.ofNullable(d.get(PATIENT)),
              d.get(MODALITY),
              d.get(BODY_PART),
              d.get(LABEL),
              d.get(IMPRESSION),
              Optional.ofNullable(d.get(STUDY)),
              date(d),
              v,
              bytes(d.getBinaryValue(THUMBNAIL))));
    } finally {
      searchers.release(s);
    }
  }

  // --- reading ---

  private Query filterQuery(CaseQuery query) {
    CaseFilter f = query.filter();
    BooleanQuery.Builder sources = new BooleanQuery.Builder();
    if (f.referenceLibrary()) {
      sources.add(
          new TermQuery(new Term(SOURCE, CaseSource.REFERENCE_LIBRARY.name())), Occur.SHOULD);
    }
    f.clinicPatientId()
        .ifPresent(
            p ->
                sources.add(
                    new BooleanQuery.Builder()
                        .add(
                            new TermQuery(new Term(SOURCE, CaseSource.CLINIC.name())), Occur.FILTER)
                        .add(new TermQuery(new Term(PATIENT, p)), Occur.FILTER)
                        .build(),
                    Occur.SHOULD));
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    b.add(sources.setMinimumNumberShouldMatch(1).build(), Occur.FILTER);
    f.modality().ifPresent(m -> b.add(new TermQuery(new Term(MODALITY, m)), Occur.FILTER));
    f.bodyPart().ifPresent(p -> b.add(new TermQuery(new Term(BODY_PART, p)), Occur.FILTER));
    for (String id : query.excludeIds()) {
      b.add(new TermQuery(new Term(ID, id)), Occur.MUST_NOT);
    }
    return b.build();
  }

  /** BM25 over the report text, fused with dense text kNN when an encoder is present. */
  private List<RankFusion.Ranked> textRanking(IndexSearcher s, String text, Query filter)
      throws IOException {
    String q = text.length() > MAX_QUERY_CHARS ? text.substring(0, MAX_QUERY_CHARS) : text;
    List<RankFusion.Ranked> bm25 = List.of();
    Optional<Query> lexical = lexicalQuery(q);
    if (lexical.isPresent()) {
      Query withFilter =
          new BooleanQuery.Builder()
              .add(lexical.get(), Occur.MUST)
              .add(filter, Occur.FILTER)
              .build();
      bm25 = ranked(s.search(withFilter, TEXT_CANDIDATES));
    }
    if (encoder.isEmpty() || textField.isEmpty()) {
      return bm25;
    }
    float[] v = encoder.get().embedQuery(q);
    List<RankFusion.Ranked> dense =
        ranked(
            s.search(
                new KnnFloatVectorQuery(textField.get(), v, TEXT_CANDIDATES, filter),
                TEXT_CANDIDATES));
    SearchConfig kb = SearchConfig.defaults();
    return RankFusion.fuse(kb.fusion(), bm25, dense, kb.bm25Weight(), TEXT_CANDIDATES);
  }

  private Optional<Query> lexicalQuery(String text) throws IOException {
    Set<String> terms = new LinkedHashSet<>();
    try (TokenStream ts = analyzer.tokenStream(IMPRESSION, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken() && terms.size() < MAX_QUERY_TERMS) {
        terms.add(term.toString());
      }
    }
    if (terms.isEmpty()) {
      return Optional.empty();
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    for (String t : terms) {
      b.add(new TermQuery(new Term(IMPRESSION, t)), Occur.SHOULD);
    }
    return Optional.of(b.build());
  }

  private static List<RankFusion.Ranked> ranked(TopDocs td) {
    List<RankFusion.Ranked> out = new ArrayList<>(td.scoreDocs.length);
    for (ScoreDoc sd : td.scoreDocs) {
      out.add(new RankFusion.Ranked(sd.doc, sd.score));
    }
    return out;
  }

  private CaseHit hit(IndexSearcher s, int doc, double score, Optional<float[]> query)
      throws IOException {
    StoredFields stored = s.storedFields();
    Document d = stored.document(doc);
    double similarity =
        query.isPresent()
            ? vector(s, doc, IMAGE).map(v -> CaseVectors.dot(query.get(), v)).orElse(0.0)
            : 1.0;
    return new CaseHit(
        d.get(ID),
        CaseSource.valueOf(d.get(SOURCE)),
        Optional.ofNullable(d.get(PATIENT)),
        d.get(MODALITY),
        d.get(BODY_PART),
        d.get(LABEL),
        d.get(IMPRESSION),
        Optional.ofNullable(d.get(STUDY)),
        date(d),
        score,
        similarity,
        bytes(d.getBinaryValue(THUMBNAIL)));
  }

  private static Optional<LocalDate> date(Document d) {
    return Optional.ofNullable(d.getField(DATE))
        .map(f -> LocalDate.ofEpochDay(f.numericValue().longValue()));
  }

  private static byte[] bytes(BytesRef b) {
    if (b == null) {
      return new byte[0];
    }
    byte[] out = new byte[b.length];
    System.arraycopy(b.bytes, b.offset, out, 0, b.length);
    return out;
  }

  private static Optional<float[]> vector(IndexSearcher searcher, int doc, String field)
      throws IOException {
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
    FloatVectorValues values = leaf.reader().getFloatVectorValues(field);
    if (values == null) {
      return Optional.empty();
    }
    KnnVectorValues.DocIndexIterator it = values.iterator();
    int target = doc - leaf.docBase;
    if (it.advance(target) != target) {
      return Optional.empty();
    }
    return Optional.of(values.vectorValue(it.index()).clone());
  }

  // --- plumbing ---

  private interface IoAction {
    void run() throws IOException;
  }

  private interface IoRead<T> {
    T run(IndexSearcher searcher) throws IOException;
  }

  private void shared(IoAction action) {
    lock.readLock().lock();
    try {
      ensureOpen();
      action.run();
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot update the similar-case index", e);
    } finally {
      lock.readLock().unlock();
    }
  }

  private <T> T read(IoRead<T> action) {
    lock.readLock().lock();
    try {
      ensureOpen();
      searchers.maybeRefreshBlocking();
      IndexSearcher s = searchers.acquire();
      try {
        return action.run(s);
      } finally {
        searchers.release(s);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot search the similar-case index", e);
    } finally {
      lock.readLock().unlock();
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("the similar-case index is closed");
    }
  }
}
