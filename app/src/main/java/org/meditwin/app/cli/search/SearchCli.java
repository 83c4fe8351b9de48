package org.meditwin.app.cli.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import org.meditwin.app.cli.CliSupport;
import org.meditwin.core.task.ProgressListener;
import org.meditwin.inference.embedding.BgeEncoder;
import org.meditwin.inference.embedding.CachingEmbeddingService;
import org.meditwin.inference.embedding.EncoderVariant;
import org.meditwin.inference.engine.DjlEnvironment;
import org.meditwin.search.TextEmbedder;
import org.meditwin.search.embed.InferenceEmbedder;
import picocli.CommandLine.Model.CommandSpec;

/** Shared plumbing of the search, kb and bench-search commands. */
final class SearchCli {
  /** HKDF purpose of the index key (ADR 0061). */
  static final String INDEX_KEY_PURPOSE = "lucene-index";

  static final String PASSWORD_ENV = "MEDITWIN_PASSWORD";
  private static final ObjectMapper JSON =
      new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private SearchCli() {}

  static boolean json(CommandSpec spec) {
    return CliSupport.json(spec);
  }

  static Path home(CommandSpec spec) {
    return CliSupport.home(spec);
  }

  static PrintWriter out(CommandSpec spec) {
    return CliSupport.out(spec);
  }

  static PrintWriter err(CommandSpec spec) {
    return CliSupport.err(spec);
  }

  static void emit(CommandSpec spec, Object result, String text) {
    CliSupport.emit(spec, result, text);
  }

  static ProgressListener progress(CommandSpec spec) {
    return CliSupport.progress(spec);
  }

  /**
   * The shipped encoder (bge-small-en-v1.5; queries without the bge instruction, which measured
   * slightly worse on the MedQuAD dev half), or empty when it cannot be loaded (search then falls
   * back to BM25 with a notice).
   */
  static Optional<TextEmbedder> encoder(CommandSpec spec, int threads) {
    try {
      Path cache = DjlEnvironment.defaultCacheDir();
      DjlEnvironment.configureOffline(cache);
      BgeEncoder encoder =
          BgeEncoder.open(EncoderVariant.FULL, cache.resolve("encoders"), threads, 512);
      return Optional.of(
          InferenceEmbedder.shipped(new CachingEmbeddingService(encoder, 16, 20_000)));
    } catch (RuntimeException e) {
      err(spec).println("Semantic search unavailable: " + e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * Signs {@code user} in through the workstation (audited, lock-out as in the window) and returns
   * the session's index key; the session is closed again before the index is opened.
   */
  static byte[] indexKey(CommandSpec spec, String user) {
    return CliSupport.withSession(spec, user, session -> session.searchIndexKey());
  }
}
