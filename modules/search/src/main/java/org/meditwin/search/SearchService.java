package org.meditwin.search;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene104.Lucene104HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexNotFoundException;
import org.apache.lucene.index.IndexOptions;
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
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.RescoreTopNQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.quantization.QuantizedByteVectorValues.ScalarEncoding;
import org.meditwin.core.task.ProgressListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hybrid search over one encrypted Lucene index: chunking, BM25, HNSW dense vectors, fusion,
 * metadata filters inside the kNN search, highlighting, incremental updates and atomic commits.
 *
 * <p>Thread-safe. Changes become visible to searches immediately (near-real-time) but survive a
 * crash only after {@link #commit()}; {@link #close()} commits.
 */
public final class SearchService implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(SearchService.class);

  static final String ID = "id";
  static final String DOC = "doc";
  static final String CHUNK = "chunk";
  static final String TITLE = "title";
  static final String TEXT = "text";
  static final String SOURCE_TYPE = "sourceType";
  static final String SOURCE = "source";
  static final String URL = "url";
  static final String FOCUS = "focus";
  static final String QTYPE = "qtype";
  static final String PATIENT = "patient";
  static final String SPECIALTY = "specialty";
  static final String DATE = "date";
  static final String VECTOR = "vector";
  static final String FIRST = "first";

  /** Longest query text analysed or embedded; the rest is dropped with a notice. */
  public static final int MAX_QUERY_CHARS = 4_000;

  /** Most distinct query words turned into BM25 clauses. */
  public static final int MAX_QUERY_TERMS = 128;

  private static final int EMBED_BATCH = 16;
  private static final FieldType TEXT_WITH_OFFSETS = textWithOffsets();

  private final Directory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final Analyzer analyzer;
  private final Optional<TextEmbedder> embedder;
  private final SearchConfig config;
  private final AtomicBoolean changed = new AtomicBoolean();

  private SearchService(Directory directory, Optional<TextEmbedder> embedder, SearchConfig config)
      throws IOException {
    this.directory = directory;
    this.embedder = embedder;
    this.config = config;
    this.analyzer = new EnglishAnalyzer();
    IndexWriterConfig iwc = new IndexWriterConfig(analyzer);
    iwc.setCodec(codec(config));
    iwc.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
    iwc.setRAMBufferSizeMB(64);
    iwc.setCommitOnClose(true);
    // No compound files: vector and graph files must stay separate so the encrypted directory can
    // see their random-access hint and decrypt them once into memory (ADR 0061).
    iwc.setUseCompoundFile(false);
    TieredMergePolicy merges = new TieredMergePolicy();
    merges.setNoCFSRatio(0.0);
    iwc.setMergePolicy(merges);
    this.writer = new IndexWriter(directory, iwc);
    this.searchers = new SearcherManager(writer, null);
  }

  /**
   * Opens (creating when absent) an encrypted index in {@code dir}.
   *
   * @param key 32-byte index key ({@code DataKey.derive("lucene-index", 32)})
   * @param embedder dense encoder; without one, DENSE and HYBRID fall back to BM25 with a notice
   * @throws IndexKeyMismatchException when the index was written with another key
   */
  public static SearchService open(
      Path dir, byte[] key, Optional<TextEmbedder> embedder, SearchConfig config)
      throws IOException {
    Files.createDirectories(dir);
    EncryptedDirectory directory = EncryptedDirectory.open(dir, key);
    try {
      return new SearchService(directory, embedder, config);
    } catch (IOException | RuntimeException e) {
      directory.close();
      throw e;
    }
  }

  /** Opens an index on any Lucene directory (benchmarks compare plain and encrypted storage). */
  public static SearchService open(
      Directory directory, Optional<TextEmbedder> embedder, SearchConfig config)
      throws IOException {
    return new SearchService(directory, embedder, config);
  }

  public SearchConfig config() {
    return config;
  }

  public Optional<TextEmbedder> embedder() {
    return embedder;
  }

  /** Adds or replaces (all chunks of) one document. */
  public void upsert(IndexDocument document) throws IOException {
    upsertAll(List.of(document), ProgressListener.NONE);
  }

  /**
   * Adds or replaces documents; each document's chunks replace its previous chunks atomically.
   * Embeds in batches, reporting progress per document.
   */
  public void upsertAll(List<IndexDocument> documents, ProgressListener progress)
      throws IOException {
    List<IndexDocument> batch = new ArrayList<>();
    List<List<Chunk>> batchChunks = new ArrayList<>();
    int pendingChunks = 0;
    int done = 0;
    for (IndexDocument d : documents) {
      List<Chunk> chunks = chunksOf(d);
      batch.add(d);
      batchChunks.add(chunks);
      pendingChunks += chunks.size();
      if (pendingChunks >= EMBED_BATCH * 4) {
        done += writeBatch(batch, batchChunks);
        progress.progress(done, documents.size(), "Indexing documents");
        batch.clear();
        batchChunks.clear();
        pendingChunks = 0;
      }
    }
    if (!batch.isEmpty()) {
      done += writeBatch(batch, batchChunks);
      progress.progress(done, documents.size(), "Indexing documents");
    }
  }

  /**
   * Appends a new document whose chunk vectors are supplied (bulk loads and benchmarks with
   * synthetic vectors). Unlike {@link #upsert} it does not delete an existing document with the
   * same id first, which keeps bulk indexing free of per-document delete work.
   */
  public void addWithVectors(IndexDocument document, List<float[]> chunkVectors)
      throws IOException {
    List<Chunk> chunks = chunksOf(document);
    if (chunks.size() != chunkVectors.size()) {
      throw new IllegalArgumentException(
          chunks.size() + " chunks but " + chunkVectors.size() + " vectors");
    }
    List<Document> docs = new ArrayList<>();
    for (int i = 0; i < chunks.size(); i++) {
      docs.add(toLucene(document, chunks.get(i), Optional.of(chunkVectors.get(i))));
    }
    writer.addDocuments(docs);
    changed.set(true);
  }

  private List<Chunk> chunksOf(IndexDocument d) {
    List<Chunk> chunks = config.chunker().chunk(d.text());
    if (chunks.isEmpty() && !d.title().isBlank()) {
      chunks = List.of(new Chunk(0, "", 0, 0, 0));
    }
    return chunks;
  }

  private int writeBatch(List<IndexDocument> docs, List<List<Chunk>> chunks) throws IOException {
    List<float[]> vectors = List.of();
    if (embedder.isPresent()) {
      List<String> inputs = new ArrayList<>();
      for (int i = 0; i < docs.size(); i++) {
        for (Chunk c : chunks.get(i)) {
          inputs.add(embeddingInput(docs.get(i).title(), c.text()));
        }
      }
      vectors = new ArrayList<>(inputs.size());
      for (int from = 0; from < inputs.size(); from += EMBED_BATCH) {
        float[][] out =
            embedder.get().embed(inputs.subList(from, Math.min(inputs.size(), from + EMBED_BATCH)));
        vectors.addAll(List.of(out));
      }
    }
    int v = 0;
    for (int i = 0; i < docs.size(); i++) {
      IndexDocument d = docs.get(i);
      List<Document> luceneDocs = new ArrayList<>();
      for (Chunk c : chunks.get(i)) {
        Optional<float[]> vector =
            vectors.isEmpty() ? Optional.empty() : Optional.of(vectors.get(v++));
        luceneDocs.add(toLucene(d, c, vector));
      }
      if (luceneDocs.isEmpty()) {
        writer.deleteDocuments(new Term(DOC, d.id()));
      } else {
        writer.updateDocuments(new Term(DOC, d.id()), luceneDocs);
      }
    }
    changed.set(true);
    return docs.size();
  }

  static String embeddingInput(String title, String chunkText) {
    if (title.isBlank()) {
      return chunkText;
    }
    return chunkText.isBlank() ? title : title + "\n" + chunkText;
  }

  private static Document toLucene(IndexDocument d, Chunk c, Optional<float[]> vector) {
    DocumentMetadata m = d.metadata();
    Document doc = new Document();
    doc.add(new StringField(ID, d.id() + "#" + c.index(), Field.Store.YES));
    doc.add(new StringField(DOC, d.id(), Field.Store.YES));
    doc.add(new StoredField(CHUNK, c.index()));
    if (c.index() == 0) {
      doc.add(new StringField(FIRST, "1", Field.Store.NO));
    }
    doc.add(new TextField(TITLE, d.title(), Field.Store.YES));
    doc.add(new Field(TEXT, c.text(), TEXT_WITH_OFFSETS));
    doc.add(new StringField(SOURCE_TYPE, m.sourceType(), Field.Store.YES));
    doc.add(new StoredField(SOURCE, m.source()));
    m.url().ifPresent(u -> doc.add(new StoredField(URL, u)));
    m.focus().ifPresent(f -> doc.add(new StoredField(FOCUS, f)));
    m.questionType().ifPresent(q -> doc.add(new StoredField(QTYPE, q)));
    m.patientId().ifPresent(p -> doc.add(new StringField(PATIENT, p, Field.Store.YES)));
    m.specialty().ifPresent(s -> doc.add(new StringField(SPECIALTY, s, Field.Store.YES)));
    m.date()
        .ifPresent(
            day -> {
              doc.add(new LongPoint(DATE, day.toEpochDay()));
              doc.add(new StoredField(DATE, day.toEpochDay()));
            });
    vector.ifPresent(
        v -> doc.add(new KnnFloatVectorField(VECTOR, v, VectorSimilarityFunction.COSINE)));
    return doc;
  }

  /** Deletes every chunk of a document (no-op when absent). */
  public void delete(String documentId) throws IOException {
    writer.deleteDocuments(new Term(DOC, documentId));
    changed.set(true);
  }

  /** Deletes every document of a patient (e.g. when the patient record is purged). */
  public void deletePatient(String patientId) throws IOException {
    writer.deleteDocuments(new Term(PATIENT, patientId));
    changed.set(true);
  }

  /**
   * Deletes every document matching {@code filter} (e.g. one patient's records of one source type,
   * for a rebuild); an empty filter is refused rather than deleting everything.
   */
  public void deleteMatching(SearchFilter filter) throws IOException {
    Query q =
        filterQuery(filter)
            .orElseThrow(() -> new IllegalArgumentException("an empty filter matches everything"));
    writer.deleteDocuments(q);
    changed.set(true);
  }

  /** Durably commits all changes (atomic: after a crash the index is at the last commit). */
  public void commit() throws IOException {
    commit(Map.of());
  }

  /** Commits with user data stored atomically in the commit point (manifests, versions). */
  public void commit(Map<String, String> userData) throws IOException {
    writer.setLiveCommitData(new HashMap<>(userData).entrySet());
    writer.commit();
    searchers.maybeRefreshBlocking();
  }

  /** User data of the last commit on disk; empty when nothing was committed yet. */
  public Map<String, String> committedUserData() throws IOException {
    try {
      return Map.copyOf(SegmentInfos.readLatestCommit(directory).getUserData());
    } catch (IndexNotFoundException e) {
      return Map.of();
    }
  }

  /** Number of live chunks, including uncommitted ones. */
  public int chunkCount() throws IOException {
    if (changed.getAndSet(false)) {
      searchers.maybeRefreshBlocking();
    }
    IndexSearcher searcher = searchers.acquire();
    try {
      return searcher.getIndexReader().numDocs();
    } finally {
      searchers.release(searcher);
    }
  }

  /** Number of live documents (not chunks), including uncommitted ones. */
  public int documentCount() throws IOException {
    if (changed.getAndSet(false)) {
      searchers.maybeRefreshBlocking();
    }
    IndexSearcher searcher = searchers.acquire();
    try {
      return searcher.count(new TermQuery(new Term(FIRST, "1")));
    } finally {
      searchers.release(searcher);
    }
  }

  /** Runs a search; never throws for any query text. */
  public SearchResult search(SearchRequest request) throws IOException {
    List<String> notices = new ArrayList<>();
    String q = request.query().strip();
    if (q.length() > MAX_QUERY_CHARS) {
      q = q.substring(0, MAX_QUERY_CHARS);
      notices.add("The query was shortened to its first " + MAX_QUERY_CHARS + " characters.");
    }
    if (q.isEmpty()) {
      notices.add("Type a word or a question to search.");
      return new SearchResult(List.of(), request.mode(), notices, 0, 0);
    }
    SearchMode mode = request.mode();
    if (mode != SearchMode.BM25 && embedder.isEmpty()) {
      notices.add("Semantic search is unavailable (no encoder loaded); showing keyword results.");
      mode = SearchMode.BM25;
    }
    Optional<Query> lexical = lexicalQuery(q, notices);
    if (lexical.isEmpty() && mode == SearchMode.BM25) {
      notices.add("The query has no searchable words.");
      return new SearchResult(List.of(), mode, notices, 0, 0);
    }
    if (changed.getAndSet(false)) {
      searchers.maybeRefreshBlocking();
    }
    Optional<Query> filter = filterQuery(request.filter());
    IndexSearcher searcher = searchers.acquire();
    try {
      final String text = q;
      return ranked(
          searcher,
          mode,
          lexical,
          () -> embedder.get().embedQuery(text),
          filter,
          request.k(),
          request.snippets(),
          notices);
    } finally {
      searchers.release(searcher);
    }
  }

  private SearchResult ranked(
      IndexSearcher searcher,
      SearchMode mode,
      Optional<Query> lexical,
      java.util.function.Supplier<float[]> queryVector,
      Optional<Query> filter,
      int k,
      boolean snippets,
      List<String> notices)
      throws IOException {
    int n = Math.max(k, config.candidates());
    long embedNanos = 0;
    long t0 = System.nanoTime();
    List<Fusion.Scored> bm25 = List.of();
    List<Fusion.Scored> dense = List.of();
    if (mode != SearchMode.DENSE && lexical.isPresent()) {
      int want = mode == SearchMode.BM25 ? k : n;
      bm25 = scored(searcher.search(withFilter(lexical.get(), filter), want));
    }
    if (mode != SearchMode.BM25) {
      long e0 = System.nanoTime();
      float[] vector = queryVector.get();
      embedNanos = System.nanoTime() - e0;
      dense = scored(searcher.search(knnQuery(vector, n, filter), n));
    }
    List<Fusion.Scored> ranked =
        switch (mode) {
          case BM25 -> bm25;
          case DENSE -> dense;
          case HYBRID ->
              switch (config.fusion()) {
                case RRF -> Fusion.rrf(bm25, dense, n);
                case WEIGHTED -> Fusion.weighted(bm25, dense, config.bm25Weight(), n);
                case ZSCORE -> Fusion.zscore(bm25, dense, config.bm25Weight(), n);
                case MAX_NORMALISED -> Fusion.maxNormalised(bm25, dense, config.bm25Weight(), n);
              };
        };
    if (ranked.size() > k) {
      ranked = ranked.subList(0, k);
    }
    long searchNanos = System.nanoTime() - t0 - embedNanos;
    List<SearchHit> hits = toHits(searcher, ranked, snippets ? lexical : Optional.empty());
    return new SearchResult(hits, mode, notices, embedNanos / 1000, searchNanos / 1000);
  }

  /**
   * Documents similar to an indexed document ("more like this"): its own words (BM25) and the mean
   * of its stored chunk vectors (kNN, no re-embedding), fused like {@link #search}. The document
   * itself is excluded inside both queries, together with {@code filter}.
   */
  public SearchResult similar(String documentId, int k, SearchMode requested, SearchFilter filter)
      throws IOException {
    List<String> notices = new ArrayList<>();
    if (changed.getAndSet(false)) {
      searchers.maybeRefreshBlocking();
    }
    IndexSearcher searcher = searchers.acquire();
    try {
      TopDocs own = searcher.search(new TermQuery(new Term(DOC, documentId)), SearchRequest.MAX_K);
      if (own.scoreDocs.length == 0) {
        notices.add("The record is not in the search index.");
        return new SearchResult(List.of(), requested, notices, 0, 0);
      }
      StoredFields stored = searcher.storedFields();
      StringBuilder text = new StringBuilder();
      float[] mean = null;
      int vectors = 0;
      for (ScoreDoc sd : own.scoreDocs) {
        Document d = stored.document(sd.doc);
        if (text.isEmpty()) {
          text.append(d.get(TITLE)).append('\n');
        }
        if (text.length() < MAX_QUERY_CHARS) {
          text.append(d.get(TEXT)).append('\n');
        }
        Optional<float[]> v = storedVector(searcher, sd.doc);
        if (v.isPresent()) {
          if (mean == null) {
            mean = new float[v.get().length];
          }
          for (int i = 0; i < mean.length; i++) {
            mean[i] += v.get()[i];
          }
          vectors++;
        }
      }
      SearchMode mode = requested;
      if (mode != SearchMode.BM25 && vectors == 0) {
        notices.add("The record has no stored vector; showing keyword results.");
        mode = SearchMode.BM25;
      }
      String q =
          text.length() > MAX_QUERY_CHARS ? text.substring(0, MAX_QUERY_CHARS) : text.toString();
      Optional<Query> lexical = lexicalQuery(q, new ArrayList<>());
      if (lexical.isEmpty() && mode == SearchMode.BM25) {
        notices.add("The record has no searchable words.");
        return new SearchResult(List.of(), mode, notices, 0, 0);
      }
      BooleanQuery.Builder f = new BooleanQuery.Builder();
      f.add(new MatchAllDocsQuery(), Occur.FILTER);
      filterQuery(filter).ifPresent(fq -> f.add(fq, Occur.FILTER));
      f.add(new TermQuery(new Term(DOC, documentId)), Occur.MUST_NOT);
      float[] unit = normalised(mean);
      return ranked(searcher, mode, lexical, () -> unit, Optional.of(f.build()), k, true, notices);
    } finally {
      searchers.release(searcher);
    }
  }

  private static float[] normalised(float[] v) {
    if (v == null) {
      return null;
    }
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    float[] out = v.clone();
    if (norm > 0) {
      float inv = (float) (1 / Math.sqrt(norm));
      for (int i = 0; i < out.length; i++) {
        out[i] *= inv;
      }
    }
    return out;
  }

  private static Optional<float[]> storedVector(IndexSearcher searcher, int doc)
      throws IOException {
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
    FloatVectorValues values = leaf.reader().getFloatVectorValues(VECTOR);
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

  /** The dense query: HNSW kNN with the metadata filter applied during graph search. */
  Query knnQuery(float[] vector, int n, Optional<Query> filter) {
    Query knn = new KnnFloatVectorQuery(VECTOR, vector, n, filter.orElse(null));
    if (config.vectorFormat() == VectorFormat.HNSW_SCALAR_QUANTIZED_7BIT) {
      knn = RescoreTopNQuery.createFullPrecisionRescorerQuery(knn, vector, VECTOR, n);
    }
    return knn;
  }

  private static Query withFilter(Query q, Optional<Query> filter) {
    if (filter.isEmpty()) {
      return q;
    }
    return new BooleanQuery.Builder().add(q, Occur.MUST).add(filter.get(), Occur.FILTER).build();
  }

  private static List<Fusion.Scored> scored(TopDocs td) {
    List<Fusion.Scored> out = new ArrayList<>(td.scoreDocs.length);
    for (ScoreDoc sd : td.scoreDocs) {
      out.add(new Fusion.Scored(sd.doc, sd.score));
    }
    return out;
  }

  /**
   * Analyses free text into distinct terms and ORs them over title and text. User text is never
   * parsed as query syntax, so operators, brackets, wildcards and field prefixes are just words.
   */
  Optional<Query> lexicalQuery(String text, List<String> notices) throws IOException {
    Set<String> terms = new LinkedHashSet<>();
    boolean capped = false;
    try (TokenStream ts = analyzer.tokenStream(TEXT, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        if (terms.size() >= MAX_QUERY_TERMS) {
          capped = true;
          break;
        }
        terms.add(term.toString());
      }
      if (!capped) {
        ts.end();
      }
    }
    if (capped) {
      notices.add("Only the first " + MAX_QUERY_TERMS + " distinct words of the query were used.");
    }
    if (terms.isEmpty()) {
      return Optional.empty();
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    for (String t : terms) {
      b.add(new BoostQuery(new TermQuery(new Term(TITLE, t)), config.titleBoost()), Occur.SHOULD);
      b.add(new TermQuery(new Term(TEXT, t)), Occur.SHOULD);
    }
    return Optional.of(b.build());
  }

  static Optional<Query> filterQuery(SearchFilter f) {
    if (f.isEmpty()) {
      return Optional.empty();
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    f.patientId().ifPresent(p -> b.add(new TermQuery(new Term(PATIENT, p)), Occur.FILTER));
    if (!f.sourceTypes().isEmpty()) {
      b.add(new TermInSetQuery(SOURCE_TYPE, bytes(f.sourceTypes())), Occur.FILTER);
    }
    if (!f.specialties().isEmpty()) {
      b.add(new TermInSetQuery(SPECIALTY, bytes(f.specialties())), Occur.FILTER);
    }
    if (f.from().isPresent() || f.to().isPresent()) {
      long lo = f.from().map(LocalDate::toEpochDay).orElse(Long.MIN_VALUE);
      long hi = f.to().map(LocalDate::toEpochDay).orElse(Long.MAX_VALUE);
      b.add(LongPoint.newRangeQuery(DATE, lo, hi), Occur.FILTER);
    }
    return Optional.of(b.build());
  }

  private static List<BytesRef> bytes(Set<String> values) {
    return values.stream().sorted().map(BytesRef::new).toList();
  }

  private List<SearchHit> toHits(
      IndexSearcher searcher, List<Fusion.Scored> ranked, Optional<Query> lexical)
      throws IOException {
    if (ranked.isEmpty()) {
      return List.of();
    }
    int[] docIds = ranked.stream().mapToInt(Fusion.Scored::doc).toArray();
    Snippet[] snippets =
        lexical.isPresent()
            ? Highlighting.snippets(searcher, analyzer, TEXT, lexical, docIds)
            : new Snippet[docIds.length];
    StoredFields stored = searcher.storedFields();
    List<SearchHit> hits = new ArrayList<>(ranked.size());
    for (int i = 0; i < docIds.length; i++) {
      Document d = stored.document(docIds[i]);
      hits.add(
          new SearchHit(
              d.get(ID),
              d.get(DOC),
              d.getField(CHUNK).numericValue().intValue(),
              ranked.get(i).score(),
              d.get(TITLE),
              d.get(TEXT),
              snippets[i] != null ? snippets[i] : Highlighting.leading(d.get(TEXT)),
              metadata(d)));
    }
    return hits;
  }

  private static DocumentMetadata metadata(Document d) {
    Optional<LocalDate> date =
        Optional.ofNullable(d.getField(DATE))
            .map(f -> LocalDate.ofEpochDay(f.numericValue().longValue()));
    return new DocumentMetadata(
        d.get(SOURCE_TYPE),
        d.get(SOURCE),
        Optional.ofNullable(d.get(URL)),
        Optional.ofNullable(d.get(FOCUS)),
        Optional.ofNullable(d.get(QTYPE)),
        Optional.ofNullable(d.get(PATIENT)),
        Optional.ofNullable(d.get(SPECIALTY)),
        date);
  }

  private static FieldType textWithOffsets() {
    FieldType t = new FieldType(TextField.TYPE_STORED);
    t.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
    t.freeze();
    return t;
  }

  private static Lucene104Codec codec(SearchConfig config) {
    KnnVectorsFormat format =
        switch (config.vectorFormat()) {
          case HNSW_FLOAT32 ->
              new Lucene99HnswVectorsFormat(config.hnswMaxConnections(), config.hnswBeamWidth());
          case HNSW_SCALAR_QUANTIZED_7BIT ->
              new Lucene104HnswScalarQuantizedVectorsFormat(
                  ScalarEncoding.SEVEN_BIT, config.hnswMaxConnections(), config.hnswBeamWidth());
        };
    return new Lucene104Codec() {
      @Override
      public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
        return format;
      }
    };
  }

  /** Forces merging into at most {@code maxSegments} segments (after a bulk build). */
  public void forceMerge(int maxSegments) throws IOException {
    writer.forceMerge(maxSegments);
    changed.set(true);
  }

  /** Drops every uncommitted change and closes, as a crash would (tests, aborted rebuilds). */
  public void rollbackAndClose() throws IOException {
    try {
      searchers.close();
      writer.rollback();
    } finally {
      directory.close();
    }
  }

  @Override
  public void close() throws IOException {
    try {
      searchers.close();
      writer.close();
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("closing the search index failed: {}", e.getClass().getSimpleName());
      throw e;
    } finally {
      directory.close();
    }
  }
}
