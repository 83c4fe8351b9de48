package org.meditwin.search.patient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.meditwin.core.task.ProgressListener;
import org.meditwin.search.DocumentMetadata;
import org.meditwin.search.IndexDocument;
import org.meditwin.search.SearchConfig;
import org.meditwin.search.SearchFilter;
import org.meditwin.search.SearchHit;
import org.meditwin.search.SearchMode;
import org.meditwin.search.SearchRequest;
import org.meditwin.search.SearchResult;
import org.meditwin.search.SearchService;
import org.meditwin.search.Snippet;
import org.meditwin.search.TextEmbedder;

/**
 * Search over patients' own records (notes, documents, imaging reports, timeline events) in one
 * AES-encrypted Lucene index ({@code EncryptedDirectory}, ADR 0061): BM25, plus dense vectors and
 * the same hybrid fusion as the knowledge base when an encoder is given. Patient and kind filters
 * are applied inside the BM25 and the kNN queries, never to results afterwards, so a patient with
 * few records among thousands still gets them all.
 *
 * <p>Thread-safe. Every change is committed before the method returns (Lucene's atomic two-phase
 * commit): after a crash the index holds every change whose call completed. Any query text is
 * accepted (empty, huge, operator-laden, non-Latin); it never throws for the text. I/O failures
 * surface as {@link UncheckedIOException}; use after {@link #close()} as {@link
 * IllegalStateException}.
 */
public final class PatientRecordIndex implements AutoCloseable {
  /** Most hits one call returns. */
  public static final int MAX_K = 200;

  private final SearchService service;
  private final SearchMode mode;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private boolean closed;

  private PatientRecordIndex(SearchService service, SearchMode mode) {
    this.service = service;
    this.mode = mode;
  }

  /**
   * Opens (creating when absent) the index in {@code dir}.
   *
   * @param key32 32-byte key (the app uses {@code clinicalStore().derivedKey("patient-index")})
   * @param encoder dense encoder; when empty the index is BM25-only
   * @throws UncheckedIOException when the index cannot be opened; its cause is an {@link
   *     org.meditwin.search.IndexKeyMismatchException} when the index was written with another key
   */
  public static PatientRecordIndex open(Path dir, byte[] key32, Optional<TextEmbedder> encoder) {
    return open(dir, key32, encoder, SearchConfig.defaults());
  }

  /** As {@link #open(Path, byte[], Optional)} with explicit index settings. */
  public static PatientRecordIndex open(
      Path dir, byte[] key32, Optional<TextEmbedder> encoder, SearchConfig config) {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(key32, "key32");
    Objects.requireNonNull(encoder, "encoder");
    try {
      SearchService service = SearchService.open(dir, key32, encoder, config);
      return new PatientRecordIndex(
          service, encoder.isPresent() ? SearchMode.HYBRID : SearchMode.BM25);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the patient-record index", e);
    }
  }

  /** Whether searches use dense vectors too (an encoder was given). */
  public boolean semantic() {
    return mode == SearchMode.HYBRID;
  }

  /** Adds or replaces a record (all its chunks atomically) and commits. */
  public void upsert(PatientRecord record) {
    Objects.requireNonNull(record, "record");
    write(() -> service.upsert(document(record)));
  }

  private static IndexDocument document(PatientRecord record) {
    return new IndexDocument(
        record.id(),
        record.title(),
        record.text(),
        DocumentMetadata.patientRecord(
            record.patientId(),
            record.kind().sourceType(),
            record.specialty(),
            Optional.of(record.date())));
  }

  /**
   * Adds or replaces many records and commits once (bulk imports, rebuilds): far cheaper than one
   * {@link #upsert} per record. Embeds in batches when the index has an encoder.
   */
  public void upsertAll(List<PatientRecord> records, ProgressListener progress) {
    Objects.requireNonNull(records, "records");
    Objects.requireNonNull(progress, "progress");
    if (records.isEmpty()) {
      return;
    }
    List<IndexDocument> docs = new ArrayList<>(records.size());
    for (PatientRecord r : records) {
      docs.add(document(r));
    }
    write(() -> service.upsertAll(docs, progress));
  }

  /** Removes several records (absent ones are ignored) and commits once. */
  public void deleteAll(java.util.Collection<String> ids) {
    Objects.requireNonNull(ids, "ids");
    if (ids.isEmpty()) {
      return;
    }
    write(
        () -> {
          for (String id : ids) {
            service.delete(Objects.requireNonNull(id, "id"));
          }
        });
  }

  /**
   * Removes every record of {@code kind} (of one patient, or of all patients) and commits: the
   * first step of rebuilding that kind from its source of truth.
   */
  public void deleteKind(Optional<String> patientId, RecordKind kind) {
    Objects.requireNonNull(patientId, "patientId");
    Objects.requireNonNull(kind, "kind");
    write(() -> service.deleteMatching(filter(patientId, Set.of(kind))));
  }

  /**
   * Replaces every record of {@code kind} (of one patient, or of all) with {@code records} in ONE
   * commit, so a search never sees the kind half rebuilt and records whose source is gone
   * disappear.
   *
   * @throws IllegalArgumentException when a record is of another kind or patient
   */
  public void replaceKind(
      Optional<String> patientId,
      RecordKind kind,
      List<PatientRecord> records,
      ProgressListener progress) {
    Objects.requireNonNull(patientId, "patientId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(progress, "progress");
    List<IndexDocument> docs = new ArrayList<>(records.size());
    for (PatientRecord r : records) {
      if (r.kind() != kind || patientId.map(p -> !p.equals(r.patientId())).orElse(false)) {
        throw new IllegalArgumentException("record " + r.id() + " is outside the replaced set");
      }
      docs.add(document(r));
    }
    write(
        () -> {
          service.deleteMatching(filter(patientId, Set.of(kind)));
          service.upsertAll(docs, progress);
        });
  }

  /** Removes a record (no-op when absent) and commits. */
  public void delete(String id) {
    Objects.requireNonNull(id, "id");
    write(() -> service.delete(id));
  }

  /** Removes every record of a patient and commits. */
  public void deletePatient(String patientId) {
    Objects.requireNonNull(patientId, "patientId");
    write(() -> service.deletePatient(patientId));
  }

  /**
   * Records matching {@code query}, best first, one hit per record (its best chunk).
   *
   * @param patientId restrict to one patient (inside the queries)
   * @param kinds restrict to these kinds; empty = all
   * @param k most hits wanted (1..{@link #MAX_K})
   */
  public List<PatientRecordHit> search(
      String query, Optional<String> patientId, Set<RecordKind> kinds, int k) {
    Objects.requireNonNull(patientId, "patientId");
    Objects.requireNonNull(kinds, "kinds");
    String text = query == null ? "" : query;
    SearchFilter filter = filter(patientId, kinds);
    return read(k, chunks -> service.search(new SearchRequest(text, chunks, mode, filter)));
  }

  /**
   * Records most like record {@code id} (its words and its stored vectors; the record itself is
   * excluded). Empty when the record is not indexed.
   */
  public List<PatientRecordHit> similar(String id, Optional<String> patientId, int k) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(patientId, "patientId");
    SearchFilter filter = filter(patientId, Set.of());
    return read(k, chunks -> service.similar(id, chunks, mode, filter));
  }

  /** Number of indexed records. */
  public int count() {
    lock.readLock().lock();
    try {
      ensureOpen();
      return service.documentCount();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the patient-record index", e);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Commits (nothing is pending: every change already is) and closes. Idempotent. */
  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      service.close();
    } catch (IOException e) {
      throw new UncheckedIOException("closing the patient-record index failed", e);
    } finally {
      lock.writeLock().unlock();
    }
  }

  private static SearchFilter filter(Optional<String> patientId, Set<RecordKind> kinds) {
    SearchFilter f = SearchFilter.none();
    if (patientId.isPresent()) {
      f = f.withPatient(patientId.get());
    }
    if (!kinds.isEmpty()) {
      Set<String> types = new LinkedHashSet<>();
      kinds.forEach(kind -> types.add(kind.sourceType()));
      f = f.withSourceTypes(types);
    }
    return f;
  }

  private interface IoAction {
    void run() throws IOException;
  }

  private interface IoSearch {
    SearchResult run(int chunks) throws IOException;
  }

  private void write(IoAction action) {
    lock.readLock().lock();
    try {
      ensureOpen();
      action.run();
      service.commit();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot update the patient-record index", e);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Runs a chunk-level search and collapses it to one hit per record, widening when needed. */
  private List<PatientRecordHit> read(int k, IoSearch search) {
    if (k < 1 || k > MAX_K) {
      throw new IllegalArgumentException("k must be in 1.." + MAX_K);
    }
    lock.readLock().lock();
    try {
      ensureOpen();
      int chunks = Math.min(SearchRequest.MAX_K, k * 4);
      while (true) {
        SearchResult result = search.run(chunks);
        List<PatientRecordHit> hits = collapse(result.hits(), k, PatientRecordIndex::hit);
        if (hits.size() >= k || result.hits().size() < chunks || chunks == SearchRequest.MAX_K) {
          return hits;
        }
        chunks = Math.min(SearchRequest.MAX_K, chunks * 4);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot search the patient-record index", e);
    } finally {
      lock.readLock().unlock();
    }
  }

  private static List<PatientRecordHit> collapse(
      List<SearchHit> chunkHits,
      int k,
      java.util.function.Function<SearchHit, PatientRecordHit> f) {
    Set<String> seen = new LinkedHashSet<>();
    List<PatientRecordHit> out = new ArrayList<>();
    for (SearchHit h : chunkHits) {
      if (seen.add(h.documentId())) {
        out.add(f.apply(h));
        if (out.size() == k) {
          break;
        }
      }
    }
    return List.copyOf(out);
  }

  private static PatientRecordHit hit(SearchHit h) {
    DocumentMetadata m = h.metadata();
    return new PatientRecordHit(
        h.documentId(),
        m.patientId().orElse(""),
        RecordKind.ofSourceType(m.sourceType()),
        h.title(),
        marked(h.snippet()),
        h.score(),
        m.date().orElseThrow());
  }

  /** Snippet text with each highlight range wrapped in «…». */
  static String marked(Snippet snippet) {
    String text =
        snippet
            .text()
            .replace(PatientRecordHit.MARK_OPEN, '‹')
            .replace(PatientRecordHit.MARK_CLOSE, '›');
    StringBuilder b = new StringBuilder(text.length() + 8 * snippet.highlights().size());
    int at = 0;
    for (Snippet.Range r : snippet.highlights()) {
      int start = Math.max(at, Math.min(r.start(), text.length()));
      int end = Math.max(start, Math.min(r.end(), text.length()));
      b.append(text, at, start)
          .append(PatientRecordHit.MARK_OPEN)
          .append(text, start, end)
          .append(PatientRecordHit.MARK_CLOSE);
      at = end;
    }
    return b.append(text, at, text.length()).toString();
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("the patient-record index is closed");
    }
  }
}
