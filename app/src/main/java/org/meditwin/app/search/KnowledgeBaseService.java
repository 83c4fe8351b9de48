package org.meditwin.app.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import org.meditwin.app.common.KnowledgeIndex;
import org.meditwin.core.task.ProgressListener;
import org.meditwin.search.KnowledgeBase;
import org.meditwin.search.SearchConfig;
import org.meditwin.search.SearchRequest;
import org.meditwin.search.SearchResult;
import org.meditwin.search.SearchService;
import org.meditwin.search.TextEmbedder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shipped knowledge base of one signed-in workstation, opened in the background after login.
 *
 * <p>The first use builds a lexical (BM25) index in seconds, then {@link #upgradeToHybrid} builds
 * the dense index beside it and swaps it in; a hybrid index (also from {@code meditwin kb rebuild})
 * is reopened with the encoder it was built with, and searched lexically when that encoder cannot
 * be loaded (ADR 0032). The index is never rebuilt on an ordinary start: the manifest of {@link
 * KnowledgeBase} decides.
 */
public final class KnowledgeBaseService implements KnowledgeIndex, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KnowledgeBaseService.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Progress message while the query encoder loads (PHI-free; the shell shows its own text). */
  public static final String LOADING_ENCODER = "Loading the encoder";

  private final Path kbDir;
  private final KnowledgeBaseSettings settings;
  private volatile State state = State.LOADING;
  private volatile Optional<SearchService> index = Optional.empty();
  private volatile boolean semantic;
  private volatile boolean closed;

  public KnowledgeBaseService(Path kbDir, KnowledgeBaseSettings settings) {
    this.kbDir = Objects.requireNonNull(kbDir, "kbDir");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** {@code $MEDITWIN_HOME/kb}, shared with {@code meditwin kb rebuild}. */
  public static Path directoryIn(Path dataDirectory) {
    return dataDirectory.resolve("kb");
  }

  /**
   * Opens (building at first use) the index; blocking, for a background thread. The key is wiped
   * before this returns.
   *
   * @return true when the index was built now rather than reopened
   */
  public boolean open(byte[] key, ProgressListener progress) throws IOException {
    try {
      state = State.LOADING;
      Optional<String> builtWith = encoderOfExistingIndex();
      Optional<TextEmbedder> encoder = Optional.empty();
      if (builtWith.isPresent()) {
        progress.progress(0, -1, LOADING_ENCODER);
        String id = builtWith.get();
        // the query form is not part of the id (ADR 0069): an index built with the same document
        // vectors is reused whatever form its queries were embedded in before
        encoder = settings.encoder().load().filter(e -> KnowledgeBase.builtWith(id, e));
        if (encoder.isEmpty()) {
          try {
            publish(
                SearchService.open(
                    kbDir.resolve("index"), key, Optional.empty(), SearchConfig.defaults()),
                false);
            LOG.info("knowledge base opened lexically: its encoder is unavailable");
            return false;
          } catch (IOException e) {
            LOG.info("hybrid knowledge base unreadable ({}); rebuilding", e.getClass().getName());
          }
        }
      }
      KnowledgeBase kb =
          KnowledgeBase.openOrBuild(
              kbDir, key, encoder, SearchConfig.defaults(), settings.source(), progress);
      publish(kb.index(), encoder.isPresent());
      return kb.wasBuilt();
    } catch (IOException | RuntimeException e) {
      state = State.UNAVAILABLE;
      throw e;
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /**
   * Upgrades a lexical knowledge base to hybrid: builds a complete index with the dense encoder in
   * {@code kb.next} while the lexical one keeps answering, then swaps the folders. Closing the
   * service cancels the build; a finished {@code kb.next} left by an interrupted swap is reused.
   * Blocking and long (minutes to hours on a busy machine), for a background thread. The key is
   * wiped before this returns.
   *
   * @return true when the knowledge base is now hybrid
   */
  public boolean upgradeToHybrid(byte[] key, ProgressListener progress) throws IOException {
    try {
      if (semantic || closed) {
        return semantic;
      }
      progress.progress(0, -1, LOADING_ENCODER);
      Optional<TextEmbedder> encoder = settings.encoder().load();
      if (encoder.isEmpty()) {
        return false;
      }
      Path next = kbDir.resolveSibling(kbDir.getFileName() + ".next");
      // cancel only while entries are still being indexed: KnowledgeBase's final "saved/ready"
      // calls come after it has opened the finished index, which a throw here would leak
      ProgressListener cancellable =
          (done, total, message) -> {
            if (closed && (total < 0 || done < total)) {
              throw new CancellationException("knowledge base closed");
            }
            progress.progress(done, total, message);
          };
      KnowledgeBase.openOrBuild(
              next, key, encoder, SearchConfig.defaults(), settings.source(), cancellable)
          .close();
      if (closed) {
        return false;
      }
      synchronized (this) {
        if (closed) {
          return false;
        }
        state = State.LOADING;
        index.ifPresent(KnowledgeBaseService::closeQuietly);
        index = Optional.empty();
        Path old = kbDir.resolveSibling(kbDir.getFileName() + ".old");
        deleteTree(old);
        if (Files.exists(kbDir)) {
          Files.move(kbDir, old);
        }
        Files.move(next, kbDir);
        deleteTree(old);
        KnowledgeBase kb =
            KnowledgeBase.openOrBuild(
                kbDir, key, encoder, SearchConfig.defaults(), settings.source(), cancellable);
        publish(kb.index(), true);
        LOG.info("knowledge base upgraded to hybrid search");
        return true;
      }
    } catch (IOException | RuntimeException e) {
      if (state == State.LOADING && !closed) {
        state = State.UNAVAILABLE;
      }
      throw e;
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (var walk = Files.walk(p)) {
      for (Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(q);
      }
    }
  }

  private static void closeQuietly(SearchService s) {
    try {
      s.close();
    } catch (IOException e) {
      LOG.warn("closing the knowledge base failed: {}", e.getClass().getName());
    }
  }

  private synchronized void publish(SearchService opened, boolean dense) throws IOException {
    if (closed) {
      opened.close();
      return;
    }
    index = Optional.of(opened);
    semantic = dense;
    state = State.READY;
  }

  /** The encoder id in the manifest of a dense index; empty for none or a BM25-only index. */
  private Optional<String> encoderOfExistingIndex() {
    Path manifest = kbDir.resolve("manifest.json");
    if (!Files.isRegularFile(manifest)) {
      return Optional.empty();
    }
    try {
      JsonNode id = JSON.readTree(manifest.toFile()).get("encoderId");
      return Optional.ofNullable(id)
          .map(JsonNode::asText)
          .filter(s -> !s.isBlank() && !"none".equals(s));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  @Override
  public State state() {
    return state;
  }

  @Override
  public boolean semantic() {
    return semantic;
  }

  @Override
  public SearchResult search(SearchRequest request) throws IOException {
    SearchService s =
        index.orElseThrow(() -> new IllegalStateException("knowledge base not ready"));
    return s.search(request);
  }

  @Override
  public synchronized void close() {
    closed = true;
    state = State.UNAVAILABLE;
    index.ifPresent(KnowledgeBaseService::closeQuietly);
    index = Optional.empty();
  }
}
