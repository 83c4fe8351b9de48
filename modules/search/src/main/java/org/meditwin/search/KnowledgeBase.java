package org.meditwin.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.meditwin.core.task.ProgressListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shipped medical knowledge base (MedQuAD, CC BY 4.0) as an encrypted hybrid index under {@code
 * $MEDITWIN_HOME/kb}.
 *
 * <p>Built once (at first start, in the background, with progress) and reopened afterwards: {@code
 * kb/manifest.json} records the source SHA-256, the encoder id and the chunking settings, and a
 * mismatch (new data, another encoder, another key) triggers a rebuild. A rebuild writes a fresh
 * index next to the old one and swaps it in only when complete, so a crash mid-build leaves the
 * previous knowledge base usable.
 */
public final class KnowledgeBase implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(KnowledgeBase.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Class-path location of the shipped data. */
  public static final String RESOURCE = "/org/meditwin/search/kb/medquad-answered.jsonl.gz";

  /** Bump when the document layout of the index changes. */
  public static final int FORMAT_VERSION = 1;

  static final String INDEX_DIR = "index";
  static final String MANIFEST = "manifest.json";
  private static final int BATCH = 128;

  private final SearchService index;
  private final Manifest manifest;
  private final boolean built;

  private KnowledgeBase(SearchService index, Manifest manifest, boolean built) {
    this.index = index;
    this.manifest = manifest;
    this.built = built;
  }

  /** Opens a stream of a gzip-compressed MedQuAD JSON-lines file. */
  @FunctionalInterface
  public interface Source {
    InputStream open() throws IOException;

    /** The data shipped inside the application jar. */
    static Source shipped() {
      return () -> {
        InputStream in = KnowledgeBase.class.getResourceAsStream(RESOURCE);
        if (in == null) {
          throw new IOException("knowledge base resource missing from the class path: " + RESOURCE);
        }
        return in;
      };
    }

    static Source file(Path gz) {
      return () -> Files.newInputStream(gz);
    }
  }

  /**
   * What the index was built from.
   *
   * @param encoderId {@link TextEmbedder#modelId()}, or {@code "none"} for a BM25-only index
   */
  public record Manifest(
      int formatVersion,
      String sourceSha256,
      String encoderId,
      int dimension,
      int chunkTokens,
      int overlapTokens,
      long entries,
      long chunks,
      String builtAt) {

    boolean sameInputs(Manifest o) {
      return formatVersion == o.formatVersion
          && sourceSha256.equals(o.sourceSha256)
          && documentEncoderId(encoderId).equals(documentEncoderId(o.encoderId))
          && dimension == o.dimension
          && chunkTokens == o.chunkTokens
          && overlapTokens == o.overlapTokens;
    }
  }

  /**
   * Suffix that indexes built before ADR 0069 recorded for queries embedded with bge's instruction.
   */
  private static final String LEGACY_QUERY_FORM_SUFFIX = "+query-instruction";

  /**
   * The document-side part of a recorded encoder id: knowledge bases built before ADR 0069 recorded
   * the query form too ({@code "…+query-instruction"}), although their stored vectors are the same
   * as without it — such an index is reused, not rebuilt, when only the query form changes.
   */
  public static String documentEncoderId(String recordedEncoderId) {
    return recordedEncoderId.endsWith(LEGACY_QUERY_FORM_SUFFIX)
        ? recordedEncoderId.substring(
            0, recordedEncoderId.length() - LEGACY_QUERY_FORM_SUFFIX.length())
        : recordedEncoderId;
  }

  /** Whether {@code embedder} produces the document vectors of an index recorded with this id. */
  public static boolean builtWith(String recordedEncoderId, TextEmbedder embedder) {
    return documentEncoderId(recordedEncoderId).equals(documentEncoderId(embedder.modelId()));
  }

  /**
   * Opens the knowledge base in {@code kbDir}, building it first when it is missing, stale (other
   * data, encoder or chunking) or unreadable with {@code key}.
   */
  public static KnowledgeBase openOrBuild(
      Path kbDir,
      byte[] key,
      Optional<TextEmbedder> embedder,
      SearchConfig config,
      Source source,
      ProgressListener progress)
      throws IOException {
    progress.progress(0, -1, "Checking the knowledge base");
    String sha = sha256(source);
    Manifest expected = expected(sha, embedder, config, 0, 0);
    Optional<Manifest> current = readManifest(kbDir);
    Path indexDir = kbDir.resolve(INDEX_DIR);
    if (current.isPresent() && current.get().sameInputs(expected) && Files.isDirectory(indexDir)) {
      try {
        SearchService s = SearchService.open(indexDir, key, embedder, config);
        if (sha.equals(s.committedUserData().get("sourceSha256"))) {
          return new KnowledgeBase(s, current.get(), false);
        }
        s.close();
        LOG.info("knowledge base commit does not match its manifest; rebuilding");
      } catch (IndexKeyMismatchException e) {
        LOG.info("knowledge base was built with another key; rebuilding");
      } catch (IOException e) {
        LOG.warn("knowledge base unreadable ({}); rebuilding", e.getClass().getSimpleName());
      }
    }
    return build(kbDir, key, embedder, config, source, sha, progress);
  }

  /** Rebuilds unconditionally ({@code meditwin kb rebuild}). */
  public static KnowledgeBase rebuild(
      Path kbDir,
      byte[] key,
      Optional<TextEmbedder> embedder,
      SearchConfig config,
      Source source,
      ProgressListener progress)
      throws IOException {
    return build(kbDir, key, embedder, config, source, sha256(source), progress);
  }

  private static KnowledgeBase build(
      Path kbDir,
      byte[] key,
      Optional<TextEmbedder> embedder,
      SearchConfig config,
      Source source,
      String sha,
      ProgressListener progress)
      throws IOException {
    Files.createDirectories(kbDir);
    deleteStaleBuilds(kbDir);
    Path tmp = kbDir.resolve("index.building-" + System.nanoTime());
    long started = System.nanoTime();
    long entries = 0;
    long total = countLines(source);
    try (SearchService s = SearchService.open(tmp, key, embedder, config)) {
      try (BufferedReader r = reader(source)) {
        List<IndexDocument> batch = new ArrayList<>(BATCH);
        String line;
        long lineNo = 0;
        while ((line = r.readLine()) != null) {
          lineNo++;
          if (line.isBlank()) {
            continue;
          }
          batch.add(toDocument(JSON.readTree(line), lineNo));
          if (batch.size() == BATCH) {
            s.upsertAll(batch, ProgressListener.NONE);
            entries += batch.size();
            batch.clear();
            progress.progress(entries, total, "Building the knowledge base");
          }
        }
        s.upsertAll(batch, ProgressListener.NONE);
        entries += batch.size();
      }
      progress.progress(entries, total, "Saving the knowledge base");
      long chunks = s.chunkCount();
      Manifest m = expected(sha, embedder, config, entries, chunks);
      s.commit(Map.of("sourceSha256", sha, "encoderId", m.encoderId()));
    } catch (IOException | RuntimeException e) {
      deleteTree(tmp);
      throw e;
    }
    Path indexDir = kbDir.resolve(INDEX_DIR);
    Path old = kbDir.resolve("index.old");
    deleteTree(old);
    if (Files.exists(indexDir)) {
      Files.move(indexDir, old);
    }
    Files.move(tmp, indexDir);
    deleteTree(old);
    SearchService opened = SearchService.open(indexDir, key, embedder, config);
    Manifest m = expected(sha, embedder, config, entries, opened.chunkCount());
    writeManifest(kbDir, m);
    LOG.info(
        "knowledge base built: {} entries, {} chunks in {} s",
        entries,
        m.chunks(),
        (System.nanoTime() - started) / 1_000_000_000L);
    progress.progress(entries, total, "Knowledge base ready");
    return new KnowledgeBase(opened, m, true);
  }

  static IndexDocument toDocument(JsonNode o, long lineNo) {
    String qaId = text(o, "qa_id");
    String question = text(o, "question");
    String focus = text(o, "focus");
    return new IndexDocument(
        "medquad:" + lineNo + ":" + qaId,
        question.isBlank() ? focus : question,
        text(o, "answer"),
        DocumentMetadata.knowledgeBase(
            sourceName(text(o, "source")), text(o, "url"), focus, text(o, "qtype")));
  }

  /** Readable publisher names for MedQuAD's source codes. */
  static String sourceName(String code) {
    return switch (code) {
      case "CancerGov" -> "National Cancer Institute (cancer.gov)";
      case "GARD" -> "Genetic and Rare Diseases Information Center (GARD)";
      case "GHR" -> "Genetics Home Reference (NLM)";
      case "MPlusHealthTopics" -> "MedlinePlus Health Topics";
      case "NIDDK" -> "NIDDK";
      case "NINDS" -> "NINDS";
      case "NIHSeniorHealth" -> "NIHSeniorHealth";
      case "NHLBI" -> "NHLBI";
      case "CDC" -> "CDC";
      default -> code;
    };
  }

  private static String text(JsonNode o, String field) {
    JsonNode n = o.get(field);
    return n == null || n.isNull() ? "" : n.asText();
  }

  private static Manifest expected(
      String sha, Optional<TextEmbedder> embedder, SearchConfig config, long entries, long chunks) {
    return new Manifest(
        FORMAT_VERSION,
        sha,
        embedder.map(TextEmbedder::modelId).orElse("none"),
        embedder.map(TextEmbedder::dimension).orElse(0),
        config.chunker().maxTokens(),
        config.chunker().overlapTokens(),
        entries,
        chunks,
        Instant.now().toString());
  }

  static Optional<Manifest> readManifest(Path kbDir) {
    Path f = kbDir.resolve(MANIFEST);
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(f.toFile(), Manifest.class));
    } catch (IOException e) {
      LOG.warn("knowledge base manifest unreadable; it will be rebuilt");
      return Optional.empty();
    }
  }

  private static void writeManifest(Path kbDir, Manifest m) throws IOException {
    Path tmp = kbDir.resolve(MANIFEST + ".tmp");
    Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(m));
    try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    try {
      Files.move(
          tmp,
          kbDir.resolve(MANIFEST),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, kbDir.resolve(MANIFEST), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  static String sha256(Source source) throws IOException {
    try (InputStream in =
        new DigestInputStream(source.open(), MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long countLines(Source source) throws IOException {
    try (BufferedReader r = reader(source)) {
      return r.lines().filter(l -> !l.isBlank()).count();
    }
  }

  private static BufferedReader reader(Source source) throws IOException {
    return new BufferedReader(
        new InputStreamReader(new GZIPInputStream(source.open(), 1 << 16), StandardCharsets.UTF_8));
  }

  private static void deleteStaleBuilds(Path kbDir) throws IOException {
    try (Stream<Path> s = Files.list(kbDir)) {
      for (Path p :
          s.filter(p -> p.getFileName().toString().startsWith("index.building-")).toList()) {
        deleteTree(p);
      }
    }
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(q);
      }
    }
  }

  /** The index, for searches and statistics. */
  public SearchService index() {
    return index;
  }

  public Manifest manifest() {
    return manifest;
  }

  /** True when this call built (or rebuilt) the index rather than reopening it. */
  public boolean wasBuilt() {
    return built;
  }

  /** Searches the knowledge base (see {@link SearchService#search(SearchRequest)}). */
  public SearchResult search(SearchRequest request) throws IOException {
    return index.search(Objects.requireNonNull(request));
  }

  @Override
  public void close() throws IOException {
    index.close();
  }
}
