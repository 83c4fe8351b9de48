package org.meditwin.documents;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.meditwin.core.domain.AuditAction;
import org.meditwin.core.domain.PatientId;
import org.meditwin.core.service.ClinicalStore;
import org.meditwin.core.service.UserSession;
import org.meditwin.nlp.ClinicalNlp;
import org.meditwin.nlp.ner.ClinicalEntity;
import org.meditwin.record.ClinicalEvent;
import org.meditwin.record.EventStatus;
import org.meditwin.record.EventType;
import org.meditwin.record.Laterality;
import org.meditwin.record.Provenance;
import org.meditwin.record.TimelineService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Document ingestion for one signed-in session: import (format by magic bytes, size limit, SHA-256
 * duplicate check per patient, original stored as an encrypted BLOB, audited PHI_IMPORT),
 * background jobs (PENDING → PROCESSING → DONE | FAILED with a reason; persisted, resumed after a
 * restart; cancellable; one failing file never stops the others), text per page (PDF text layer or
 * Tesseract OCR, one engine per worker thread), clinical entities with assertion, proposed timeline
 * events the clinician confirms (then written to the record module's timeline), and the text handed
 * to a {@link DocumentIndexer}. Each job's results commit in one transaction: a document is never
 * half-imported.
 *
 * <pre>{@code
 * try (DocumentService docs = DocumentService.open(session, DocumentService.Options.standard(nlp))) {
 *   docs.resumePending();                               // jobs interrupted by the last shutdown
 *   ImportOutcome o = docs.importFile(patientId, pdf);  // queued
 *   DocumentSummary d = docs.awaitCompletion(o.document().get().id());
 *   docs.proposals(d.id()).forEach(p -> docs.confirm(p.id(), Optional.empty()));
 * }
 * }</pre>
 */
public final class DocumentService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DocumentService.class);
  private static final long IDLE_SECONDS = 60;

  /** Processing starts at most this often per document (interrupted runs count). */
  public static final int MAX_ATTEMPTS = 3;

  static final String TARGET = "document";
  static final String TARGET_PROPOSAL = "document-event";

  /**
   * How the service runs.
   *
   * @param workers worker threads (each with its own Tesseract engine); 1 suits a 2-core desktop
   * @param nlp the clinical NLP, loaded on first use on a worker thread
   * @param indexer where finished documents' text goes for retrieval
   */
  public record Options(
      IngestionLimits limits,
      int workers,
      Supplier<ClinicalNlp> nlp,
      Optional<DocumentIndexer> indexer) {
    public Options {
      Objects.requireNonNull(limits, "limits");
      Objects.requireNonNull(nlp, "nlp");
      indexer = indexer == null ? Optional.empty() : indexer;
      if (workers < 1 || workers > 8) {
        throw new IllegalArgumentException("workers must be 1-8");
      }
    }

    public static Options standard(Supplier<ClinicalNlp> nlp) {
      return new Options(IngestionLimits.standard(), 1, nlp, Optional.empty());
    }

    public Options withIndexer(DocumentIndexer i) {
      return new Options(limits, workers, nlp, Optional.of(i));
    }

    public Options withLimits(IngestionLimits l) {
      return new Options(l, workers, nlp, indexer);
    }
  }

  private final UserSession session;
  private final ClinicalStore store;
  private final Options options;
  private final ExecutorService workers;
  private final List<TesseractOcr> engines = Collections.synchronizedList(new ArrayList<>());
  private final ThreadLocal<TesseractOcr> engine = new ThreadLocal<>();
  private final Map<String, JobProgress> live = new ConcurrentHashMap<>();
  private final Map<String, Boolean> cancelled = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<DocumentSummary>> waiting = new ConcurrentHashMap<>();
  private final List<Consumer<JobProgress>> listeners = new CopyOnWriteArrayList<>();
  private final Object nlpLock = new Object();
  private ClinicalNlp nlp; // guarded by nlpLock
  private volatile boolean closing;

  private DocumentService(UserSession session, Options options) {
    this.session = session;
    this.store = session.clinicalStore();
    this.options = options;
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            options.workers(),
            options.workers(),
            IDLE_SECONDS,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t =
                  new Thread(
                      () -> {
                        try {
                          r.run();
                        } finally {
                          releaseThreadResources();
                        }
                      },
                      "documents-worker-" + n.incrementAndGet());
              t.setDaemon(true);
              t.setPriority(Thread.NORM_PRIORITY - 1);
              return t;
            });
    // idle workers end and free their Tesseract engine (and the NLP models with the last one),
    // so a service nobody closes (a discarded window) holds no native memory for long
    pool.allowCoreThreadTimeOut(true);
    this.workers = pool;
  }

  private final AtomicInteger liveWorkers = new AtomicInteger();

  private void releaseThreadResources() {
    TesseractOcr e = engine.get();
    if (e != null) {
      engine.remove();
      engines.remove(e);
      e.close();
    }
    if (counted.get() == null) {
      return;
    }
    counted.remove();
    if (liveWorkers.decrementAndGet() <= 0) {
      synchronized (nlpLock) {
        if (nlp != null) {
          nlp.close();
          nlp = null;
        }
      }
    }
  }

  public static DocumentService open(UserSession session, Options options) {
    return new DocumentService(
        Objects.requireNonNull(session, "session"), Objects.requireNonNull(options, "options"));
  }

  public IngestionLimits limits() {
    return options.limits();
  }

  /** PHI-free progress of every job this service ran or queued; called on a worker thread. */
  public void addListener(Consumer<JobProgress> listener) {
    listeners.add(listener);
  }

  public void removeListener(Consumer<JobProgress> listener) {
    listeners.remove(listener);
  }

  // ---------------------------------------------------------------- import

  /**
   * Imports a file for a patient and queues its job. The size limit is checked before reading;
   * empty, oversized and unsupported files are refused (not stored) with a reason.
   *
   * @throws IllegalArgumentException when the patient does not exist
   */
  public ImportOutcome importFile(String patientId, Path file) {
    String name = file.getFileName() == null ? "document" : file.getFileName().toString();
    long size;
    try {
      if (!Files.isRegularFile(file)) {
        return ImportOutcome.refused(FailureReason.UNREADABLE_FILE, "not a regular file");
      }
      size = Files.size(file);
    } catch (IOException e) {
      return ImportOutcome.refused(FailureReason.UNREADABLE_FILE, PageSource.kind(e));
    }
    Optional<ImportOutcome> early = checkSize(size);
    if (early.isPresent()) {
      return early.get();
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes((int) Math.min(size + 1, options.limits().maxBytes() + 1));
    } catch (IOException e) {
      return ImportOutcome.refused(FailureReason.UNREADABLE_FILE, PageSource.kind(e));
    }
    return importBytes(patientId, name, bytes);
  }

  /** As {@link #importFile} for bytes already in memory (drag-and-drop, tests). */
  public ImportOutcome importBytes(String patientId, String fileName, byte[] bytes) {
    Optional<ImportOutcome> early = checkSize(bytes.length);
    if (early.isPresent()) {
      return early.get();
    }
    Optional<DocumentFormat> format =
        DocumentFormat.detect(
            java.util.Arrays.copyOf(bytes, Math.min(bytes.length, DocumentFormat.SNIFF_BYTES)));
    if (format.isEmpty()) {
      return ImportOutcome.refused(FailureReason.UNSUPPORTED_FORMAT, "unrecognised file signature");
    }
    if (session.patients().find(new PatientId(patientId)).isEmpty()) {
      throw new IllegalArgumentException("no such patient: " + patientId);
    }
    String sha = sha256(bytes);
    String cleanName = cleanName(fileName);
    ImportOutcome outcome =
        store.write(
            tx -> {
              Optional<DocumentSummary> existing = DocumentRepository.byHash(tx, patientId, sha);
              if (existing.isPresent()) {
                tx.audit(AuditAction.PHI_IMPORT, TARGET, existing.get().id(), false, "duplicate");
                return ImportOutcome.duplicateOf(existing.get());
              }
              DocumentSummary d =
                  new DocumentSummary(
                      UUID.randomUUID().toString(),
                      patientId,
                      cleanName,
                      format.get(),
                      bytes.length,
                      sha,
                      DocumentStatus.PENDING,
                      Optional.empty(),
                      Optional.empty(),
                      0,
                      0,
                      0,
                      0,
                      tx.now(),
                      tx.now());
              DocumentRepository.insert(tx, d, bytes);
              tx.audit(
                  AuditAction.PHI_IMPORT,
                  TARGET,
                  d.id(),
                  true,
                  "format=" + d.format() + " bytes=" + d.sizeBytes());
              return ImportOutcome.stored(d);
            });
    if (!outcome.duplicate()) {
      enqueue(outcome.document().orElseThrow().id());
    }
    return outcome;
  }

  private Optional<ImportOutcome> checkSize(long size) {
    if (size == 0) {
      return Optional.of(ImportOutcome.refused(FailureReason.EMPTY_FILE, ""));
    }
    if (size > options.limits().maxBytes()) {
      return Optional.of(
          ImportOutcome.refused(
              FailureReason.TOO_LARGE,
              mib(size) + " MiB (limit " + mib(options.limits().maxBytes()) + " MiB)"));
    }
    return Optional.empty();
  }

  private static String mib(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.1f", bytes / (1024.0 * 1024.0));
  }

  private static String cleanName(String name) {
    String n = name == null ? "" : name.replace('\\', '/');
    n = n.substring(n.lastIndexOf('/') + 1).replaceAll("\\p{Cntrl}", "").strip();
    if (n.isEmpty()) {
      n = "document";
    }
    return n.length() > 400 ? n.substring(0, 400) : n;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }

  // ---------------------------------------------------------------- jobs

  /**
   * Recovers after a restart: jobs left PROCESSING go back to PENDING (or FAILED/INTERRUPTED after
   * {@link #MAX_ATTEMPTS} starts — a file that kills the process must not do so forever), then
   * every PENDING job is queued and finished documents missing from the index are indexed.
   *
   * @return how many jobs were queued
   */
  public int resumePending() {
    List<String> queued =
        store.write(
            tx -> {
              for (String id : DocumentRepository.idsWithStatus(tx, DocumentStatus.PROCESSING)) {
                DocumentSummary d = DocumentRepository.find(tx, id).orElseThrow();
                if (d.attempts() >= MAX_ATTEMPTS) {
                  DocumentRepository.setStatus(
                      tx,
                      id,
                      DocumentStatus.FAILED,
                      Optional.of(FailureReason.INTERRUPTED),
                      Optional.of("interrupted " + d.attempts() + " times"),
                      false);
                  tx.audit(AuditAction.PHI_IMPORT, TARGET, id, false, "INTERRUPTED");
                } else {
                  DocumentRepository.setStatus(
                      tx, id, DocumentStatus.PENDING, Optional.empty(), Optional.empty(), false);
                }
              }
              return DocumentRepository.idsWithStatus(tx, DocumentStatus.PENDING);
            });
    queued.forEach(this::enqueue);
    if (options.indexer().isPresent()) {
      List<String> missing = store.read(DocumentRepository::unindexed);
      for (String id : missing) {
        workers.execute(() -> indexQuietly(id));
      }
    }
    LOG.info("documents: {} job(s) queued after start-up", queued.size());
    return queued.size();
  }

  private void enqueue(String id) {
    cancelled.remove(id);
    publish(new JobProgress(id, DocumentStatus.PENDING, 0, 0));
    workers.execute(() -> runJob(id));
  }

  /** Completes when the job reaches DONE or FAILED (immediately if it already has). */
  public CompletableFuture<DocumentSummary> completion(String id) {
    CompletableFuture<DocumentSummary> f =
        waiting.computeIfAbsent(id, k -> new CompletableFuture<>());
    DocumentSummary now = store.read(tx -> DocumentRepository.find(tx, id)).orElseThrow();
    if (now.status() == DocumentStatus.DONE || now.status() == DocumentStatus.FAILED) {
      // may race with the worker's own completion: both complete with a final summary
      f.complete(now);
    }
    return f;
  }

  /** Blocks until {@link #completion} completes (CLI and tests). */
  public DocumentSummary awaitCompletion(String id) {
    return completion(id).join();
  }

  private record Claimed(DocumentSummary doc, byte[] original) {}

  private void runJob(String id) {
    liveWorkersSeen();
    if (!awaitUnlocked()) {
      return;
    }
    Claimed claimed;
    try {
      claimed =
          store.write(
              tx -> {
                Optional<DocumentSummary> d = DocumentRepository.find(tx, id);
                if (d.isEmpty() || d.get().status() != DocumentStatus.PENDING) {
                  return null;
                }
                DocumentRepository.setStatus(
                    tx, id, DocumentStatus.PROCESSING, Optional.empty(), Optional.empty(), true);
                tx.audit(AuditAction.PHI_READ, TARGET, id, true, "ingestion");
                return new Claimed(d.get(), DocumentRepository.original(tx, id));
              });
    } catch (RuntimeException e) {
      LOG.warn("documents: job {} could not start: {}", id, e.toString());
      return;
    }
    if (claimed == null) {
      finish(id);
      return;
    }
    DocumentSummary doc = claimed.doc();
    publish(new JobProgress(id, DocumentStatus.PROCESSING, 0, 0));
    long started = System.nanoTime();
    try {
      DocumentExtractor.Extracted ex =
          DocumentExtractor.extract(
              id,
              claimed.original(),
              doc.format(),
              options.limits(),
              this::threadEngine,
              () -> closing || cancelled.containsKey(id),
              (done, total) ->
                  publish(new JobProgress(id, DocumentStatus.PROCESSING, done, total)));
      List<List<ClinicalEntity>> found = new ArrayList<>();
      List<DocumentEntity> entities = new ArrayList<>();
      for (DocumentPage p : ex.pages()) {
        if (closing || cancelled.containsKey(id)) {
          throw new CancellationException("cancelled");
        }
        List<ClinicalEntity> e = entitiesOf(p.text());
        found.add(e);
        entities.addAll(EventProposer.entities(p.page(), e));
      }
      List<ProposedEvent> events =
          EventProposer.propose(
              id,
              doc.patientId(),
              ex.pages(),
              found,
              LocalDate.ofInstant(doc.createdAt(), ZoneOffset.UTC));
      if (!awaitUnlocked()) {
        throw new CancellationException("closing");
      }
      store.write(
          tx -> {
            DocumentRepository.saveResults(tx, id, ex.pages(), ex.ocrPages(), entities, events);
            tx.audit(
                AuditAction.PHI_CREATE,
                TARGET,
                id,
                true,
                "pages="
                    + ex.pages().size()
                    + " ocr="
                    + ex.ocrPages()
                    + " events="
                    + events.size());
            return null;
          });
      LOG.info(
          "documents: job {} done: {} page(s), {} OCR, {} proposed event(s) in {} ms",
          id,
          ex.pages().size(),
          ex.ocrPages(),
          events.size(),
          (System.nanoTime() - started) / 1_000_000);
      indexQuietly(id);
    } catch (IngestFailure f) {
      fail(id, f.reason(), f.getMessage());
    } catch (CancellationException c) {
      if (closing && !cancelled.containsKey(id)) {
        requeueAfterShutdown(id);
        return;
      }
      fail(id, FailureReason.CANCELLED, "cancelled");
    } catch (OcrUnavailableException e) {
      fail(id, FailureReason.OCR_UNAVAILABLE, e.getMessage());
    } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
      LOG.error("documents: job {} failed unexpectedly", id, e);
      fail(id, FailureReason.INTERNAL, PageSource.kind(e));
    }
    finish(id);
  }

  /**
   * Jobs pause while the session is locked (the store refuses work then) and go on after unlock.
   * False when the service is closing.
   */
  private boolean awaitUnlocked() {
    while (!closing && session.isLocked()) {
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return !closing;
  }

  private List<ClinicalEntity> entitiesOf(String text) {
    if (text.isBlank()) {
      return List.of();
    }
    try {
      return nlp().entities(text);
    } catch (RuntimeException e) {
      // entities are an aid; the text itself is still worth keeping
      LOG.warn("documents: entity recognition failed on a page: {}", e.toString());
      return List.of();
    }
  }

  private ClinicalNlp nlp() {
    synchronized (nlpLock) {
      if (nlp == null) {
        nlp = options.nlp().get();
      }
      return nlp;
    }
  }

  private final ThreadLocal<Boolean> counted = new ThreadLocal<>();

  /** Counts this worker thread once (for releasing the NLP when the last one ends). */
  private void liveWorkersSeen() {
    if (counted.get() == null) {
      counted.set(Boolean.TRUE);
      liveWorkers.incrementAndGet();
    }
  }

  private TesseractOcr threadEngine() {
    TesseractOcr e = engine.get();
    if (e == null) {
      liveWorkersSeen();
      e = TesseractOcr.open();
      engine.set(e);
      engines.add(e);
    }
    return e;
  }

  private void requeueAfterShutdown(String id) {
    try {
      store.write(
          tx ->
              DocumentRepository.setStatus(
                  tx, id, DocumentStatus.PENDING, Optional.empty(), Optional.empty(), false));
    } catch (RuntimeException e) {
      // stays PROCESSING: resumePending() retries it at the next start
      LOG.debug("documents: job {} left for resumption: {}", id, e.toString());
    }
  }

  private void fail(String id, FailureReason reason, String detail) {
    LOG.info("documents: job {} failed: {} ({})", id, reason, detail);
    try {
      store.write(
          tx -> {
            DocumentRepository.setStatus(
                tx, id, DocumentStatus.FAILED, Optional.of(reason), Optional.of(detail), false);
            tx.audit(AuditAction.PHI_IMPORT, TARGET, id, false, reason.name());
            return null;
          });
    } catch (RuntimeException e) {
      LOG.warn("documents: could not record the failure of job {}: {}", id, e.toString());
    }
  }

  private void finish(String id) {
    Optional<DocumentSummary> d;
    try {
      d = store.read(tx -> DocumentRepository.find(tx, id));
    } catch (RuntimeException e) {
      d = Optional.empty();
    }
    cancelled.remove(id);
    d.ifPresent(
        s ->
            publish(
                new JobProgress(
                    id, s.status(), s.status() == DocumentStatus.DONE ? s.pages() : 0, s.pages())));
    CompletableFuture<DocumentSummary> f = waiting.remove(id);
    if (f != null) {
      if (d.isPresent()) {
        f.complete(d.get());
      } else {
        f.completeExceptionally(new NoSuchElementException("document deleted"));
      }
    }
  }

  private void publish(JobProgress p) {
    live.put(p.documentId(), p);
    for (Consumer<JobProgress> l : listeners) {
      try {
        l.accept(p);
      } catch (RuntimeException e) {
        LOG.warn("documents: progress listener failed: {}", e.toString());
      }
    }
  }

  /** The latest progress of a job this service has seen. */
  public Optional<JobProgress> progress(String id) {
    return Optional.ofNullable(live.get(id));
  }

  /**
   * Cancels a job: a pending one fails at once (CANCELLED), a running one stops before its next
   * page and stores nothing. Returns false when the job is already finished.
   */
  public boolean cancel(String id) {
    Boolean wasPending =
        store.write(
            tx -> {
              Optional<DocumentSummary> d = DocumentRepository.find(tx, id);
              if (d.isEmpty()) {
                return null;
              }
              if (d.get().status() == DocumentStatus.PENDING) {
                DocumentRepository.setStatus(
                    tx,
                    id,
                    DocumentStatus.FAILED,
                    Optional.of(FailureReason.CANCELLED),
                    Optional.of("cancelled"),
                    false);
                tx.audit(AuditAction.PHI_IMPORT, TARGET, id, false, "CANCELLED");
                return true;
              }
              return d.get().status() == DocumentStatus.PROCESSING ? Boolean.FALSE : null;
            });
    if (wasPending == null) {
      return false;
    }
    if (wasPending) {
      publish(new JobProgress(id, DocumentStatus.FAILED, 0, 0));
      CompletableFuture<DocumentSummary> f = waiting.remove(id);
      if (f != null) {
        f.complete(store.read(tx -> DocumentRepository.find(tx, id)).orElseThrow());
      }
    } else {
      cancelled.put(id, Boolean.TRUE);
    }
    return true;
  }

  /** Queues a FAILED job again (its attempt counter restarts). */
  public void retry(String id) {
    boolean ok =
        store.write(
            tx -> {
              Optional<DocumentSummary> d = DocumentRepository.find(tx, id);
              if (d.isEmpty() || d.get().status() != DocumentStatus.FAILED) {
                return false;
              }
              DocumentRepository.setStatus(
                  tx, id, DocumentStatus.PENDING, Optional.empty(), Optional.empty(), false);
              try (var ps =
                  tx.connection()
                      .prepareStatement("UPDATE doc_document SET attempts = 0 WHERE id = ?")) {
                ps.setString(1, id);
                ps.executeUpdate();
              }
              tx.audit(AuditAction.PHI_IMPORT, TARGET, id, true, "retry");
              return true;
            });
    if (!ok) {
      throw new IllegalStateException("only failed documents can be retried");
    }
    enqueue(id);
  }

  /** Deletes a document with its text, entities and proposals (confirmed timeline events stay). */
  public boolean delete(String id) {
    cancelled.put(id, Boolean.TRUE);
    boolean deleted =
        store.write(
            tx -> {
              boolean d = DocumentRepository.delete(tx, id);
              if (d) {
                tx.audit(AuditAction.PHI_DELETE, TARGET, id, true, "");
              }
              return d;
            });
    if (deleted) {
      options.indexer().ifPresent(i -> i.delete(id));
      live.remove(id);
    }
    return deleted;
  }

  // ---------------------------------------------------------------- reads (audited)

  public List<DocumentSummary> documents(String patientId) {
    return store.write(
        tx -> {
          List<DocumentSummary> l = DocumentRepository.forPatient(tx, patientId);
          tx.audit(AuditAction.PHI_READ, "document-list", patientId, true, "n=" + l.size());
          return l;
        });
  }

  public Optional<DocumentSummary> document(String id) {
    return store.write(
        tx -> {
          Optional<DocumentSummary> d = DocumentRepository.find(tx, id);
          d.ifPresent(x -> tx.audit(AuditAction.PHI_READ, TARGET, id, true, "summary"));
          return d;
        });
  }

  public List<DocumentPage> pages(String id) {
    return store.write(
        tx -> {
          List<DocumentPage> l = DocumentRepository.pages(tx, id);
          tx.audit(AuditAction.PHI_READ, TARGET, id, true, "text");
          return l;
        });
  }

  public List<DocumentEntity> entities(String id) {
    return store.write(
        tx -> {
          List<DocumentEntity> l = DocumentRepository.entities(tx, id);
          tx.audit(AuditAction.PHI_READ, TARGET, id, true, "entities");
          return l;
        });
  }

  public List<ProposedEvent> proposals(String id) {
    return store.write(
        tx -> {
          List<ProposedEvent> l = DocumentRepository.proposals(tx, id);
          tx.audit(AuditAction.PHI_READ, TARGET, id, true, "proposals");
          return l;
        });
  }

  /**
   * A page of the original as pixels for the viewer (PDF pages rendered at {@code dpi}; images at
   * their own size), decoded in memory.
   */
  public BufferedImage pageImage(String id, int page, int dpi) {
    Claimed c =
        store.write(
            tx -> {
              DocumentSummary d =
                  DocumentRepository.find(tx, id)
                      .orElseThrow(() -> new NoSuchElementException("no such document"));
              tx.audit(AuditAction.PHI_READ, TARGET, id, true, "page-image");
              return new Claimed(d, DocumentRepository.original(tx, id));
            });
    try (PageSource s = PageSource.open(c.original(), c.doc().format(), options.limits())) {
      if (page < 1 || page > s.pageCount()) {
        throw new IllegalArgumentException("no page " + page);
      }
      return s.image(page - 1, dpi);
    } catch (IngestFailure e) {
      throw new IllegalStateException(e.reason().message(), e);
    }
  }

  /** The original file's bytes (export / open in another viewer); audited. */
  public byte[] original(String id) {
    return store.write(
        tx -> {
          byte[] b = DocumentRepository.original(tx, id);
          tx.audit(AuditAction.PHI_READ, TARGET, id, true, "original");
          return b;
        });
  }

  // ---------------------------------------------------------------- proposals

  /** Saves the clinician's corrections to a proposal that is not decided yet. */
  public ProposedEvent edit(String proposalId, ProposalEdit edit) {
    return store.write(
        tx -> {
          ProposedEvent p = open(tx, proposalId);
          ProposedEvent e = p.edited(edit);
          DocumentRepository.updateProposal(tx, e);
          tx.audit(AuditAction.PHI_UPDATE, TARGET_PROPOSAL, proposalId, true, "edit");
          return e;
        });
  }

  /**
   * Confirms a proposal (with optional last corrections): the event is added to the patient's
   * timeline with document provenance, and the proposal remembers the timeline event. Idempotent: a
   * confirmation interrupted between the two steps completes on the next call.
   */
  public ProposedEvent confirm(String proposalId, Optional<ProposalEdit> edit) {
    ProposedEvent p =
        store.write(
            tx -> {
              ProposedEvent found = open(tx, proposalId);
              return edit.map(found::edited).orElse(found);
            });
    String timelineId = "doc-" + p.id();
    TimelineService timeline = TimelineService.of(store);
    if (timeline.get(timelineId).isEmpty()) {
      timeline.add(toTimeline(p, timelineId));
    }
    return store.write(
        tx -> {
          ProposedEvent done = p.withStatus(ProposalStatus.CONFIRMED, Optional.of(timelineId));
          DocumentRepository.updateProposal(tx, done);
          tx.audit(AuditAction.PHI_APPROVE, TARGET_PROPOSAL, proposalId, true, "confirmed");
          return done;
        });
  }

  /** Rejects a proposal; nothing reaches the timeline. */
  public ProposedEvent reject(String proposalId) {
    return store.write(
        tx -> {
          ProposedEvent p =
              open(tx, proposalId).withStatus(ProposalStatus.REJECTED, Optional.empty());
          DocumentRepository.updateProposal(tx, p);
          tx.audit(AuditAction.PHI_UPDATE, TARGET_PROPOSAL, proposalId, true, "rejected");
          return p;
        });
  }

  private static ProposedEvent open(ClinicalStore.Tx tx, String proposalId)
      throws java.sql.SQLException {
    ProposedEvent p =
        DocumentRepository.proposal(tx, proposalId)
            .orElseThrow(() -> new NoSuchElementException("no such proposed event"));
    if (p.status() != ProposalStatus.PROPOSED) {
      throw new IllegalStateException("this event was already " + p.status().name().toLowerCase());
    }
    return p;
  }

  static ClinicalEvent toTimeline(ProposedEvent p, String id) {
    EventStatus status =
        p.historical()
            ? EventStatus.UNKNOWN
            : p.type() == ProposedEventType.PROCEDURE || p.type() == ProposedEventType.OBSERVATION
                ? EventStatus.UNKNOWN
                : EventStatus.ACTIVE;
    return new ClinicalEvent(
        id,
        p.patientId(),
        EventType.valueOf(p.type().name()),
        p.uncertain() ? p.title() + " (uncertain)" : p.title(),
        Optional.empty(),
        p.date(),
        Optional.empty(),
        p.bodyPart(),
        Laterality.valueOf(p.laterality().name()),
        p.severity(),
        status,
        p.value(),
        p.unit(),
        Provenance.document(p.documentId(), p.page(), p.start(), p.end()));
  }

  // ---------------------------------------------------------------- index

  private void indexQuietly(String id) {
    if (options.indexer().isEmpty() || closing) {
      return;
    }
    try {
      record Text(DocumentSummary doc, List<DocumentPage> pages, List<ProposedEvent> events) {}
      Text t =
          store.write(
              tx -> {
                Optional<DocumentSummary> d = DocumentRepository.find(tx, id);
                if (d.isEmpty() || d.get().status() != DocumentStatus.DONE) {
                  return null;
                }
                tx.audit(AuditAction.PHI_READ, TARGET, id, true, "index");
                return new Text(
                    d.get(),
                    DocumentRepository.pages(tx, id),
                    DocumentRepository.proposals(tx, id));
              });
      if (t == null) {
        return;
      }
      StringBuilder text = new StringBuilder();
      for (DocumentPage p : t.pages()) {
        if (!text.isEmpty()) {
          text.append("\n\n");
        }
        text.append(p.text());
      }
      LocalDate date =
          ClinicalDates.documentDate(t.pages().stream().map(DocumentPage::text).toList())
              .orElse(LocalDate.ofInstant(t.doc().createdAt(), ZoneOffset.UTC));
      String title =
          t.doc().format().name()
              + " document, "
              + t.doc().pages()
              + (t.doc().pages() == 1 ? " page" : " pages");
      options.indexer().get().upsert(id, t.doc().patientId(), title, text.toString(), date);
      store.write(
          tx -> {
            DocumentRepository.markIndexed(tx, id);
            return null;
          });
    } catch (RuntimeException e) {
      LOG.warn("documents: indexing {} failed (retried at next start): {}", id, e.toString());
    }
  }

  /**
   * Stops the workers: a running job stops before its next page and goes back to PENDING (resumed
   * by {@link #resumePending()} next time); engines are released.
   */
  @Override
  public void close() {
    closing = true;
    workers.shutdown();
    try {
      if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      workers.shutdownNow();
    }
    synchronized (engines) {
      engines.forEach(TesseractOcr::close);
      engines.clear();
    }
    synchronized (nlpLock) {
      if (nlp != null) {
        nlp.close();
        nlp = null;
      }
    }
    waiting.values().forEach(f -> f.cancel(false));
  }
}
