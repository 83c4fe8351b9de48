package org.meditwin.app.cli.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.Console;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.meditwin.app.cli.DataHome;
import org.meditwin.core.task.ProgressListener;
import org.meditwin.inference.embedding.BgeEncoder;
import org.meditwin.inference.embedding.CachingEmbeddingService;
import org.meditwin.inference.embedding.EncoderVariant;
import org.meditwin.inference.engine.DjlEnvironment;
import org.meditwin.search.TextEmbedder;
import org.meditwin.search.embed.InferenceEmbedder;
import org.meditwin.security.KeyRing;
import picocli.CommandLine;
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
    return matched(spec, "--json").isPresent();
  }

  private static Optional<CommandLine.ParseResult> matched(CommandSpec spec, String option) {
    for (CommandLine c = spec.commandLine(); c != null; c = c.getParent()) {
      CommandLine.ParseResult r = c.getParseResult();
      if (r != null && r.hasMatchedOption(option)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /** The data directory: global {@code --home}, else {@code $MEDITWIN_HOME}, else the default. */
  static Path home(CommandSpec spec) {
    Optional<String> option =
        matched(spec, "--home")
            .map(r -> String.valueOf(r.matchedOptionValue("--home", (Object) null)));
    return DataHome.resolve(option, System.getenv(), System.getProperties());
  }

  static PrintWriter out(CommandSpec spec) {
    return spec.commandLine().getOut();
  }

  static PrintWriter err(CommandSpec spec) {
    return spec.commandLine().getErr();
  }

  /** Human text on stdout, or one JSON object with {@code --json}. */
  static void emit(CommandSpec spec, Object result, String text) {
    PrintWriter out = out(spec);
    if (json(spec)) {
      try {
        out.println(JSON.writeValueAsString(result));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException("result is not serialisable", e);
      }
    } else {
      out.println(text);
    }
    out.flush();
  }

  /** Progress lines on stderr (PHI-free messages from the search module). */
  static ProgressListener progress(CommandSpec spec) {
    PrintWriter err = err(spec);
    long[] lastPercent = {-1};
    return (done, total, message) -> {
      long percent = total > 0 ? done * 100 / total : -1;
      if (percent != lastPercent[0] && (percent % 5 == 0 || percent < 0)) {
        lastPercent[0] = percent;
        err.println(
            total > 0 ? message + ": " + done + "/" + total + " (" + percent + " %)" : message);
        err.flush();
      }
    };
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
      return Optional.of(InferenceEmbedder.plain(new CachingEmbeddingService(encoder, 16, 20_000)));
    } catch (RuntimeException e) {
      err(spec).println("Semantic search unavailable: " + e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * Signs {@code user} in through the workstation (password from {@code $MEDITWIN_PASSWORD} or the
   * console; audited, and failures count towards lock-out exactly as in the window) and returns the
   * session's index key. The session is closed again before the index is opened.
   */
  static byte[] indexKey(Path home, String user) {
    if (!KeyRing.exists(home.resolve("keyring.json"))) {
      throw new IllegalArgumentException(
          "data directory " + home + " is not initialised: run 'init --admin NAME' first");
    }
    char[] password = password(user);
    try (org.meditwin.store.EmbeddedWorkstation workstation =
            org.meditwin.store.EmbeddedWorkstation.open(
                home, org.meditwin.store.EmbeddedWorkstation.Options.defaults());
        org.meditwin.core.service.UserSession session = workstation.login(user, password)) {
      return session.searchIndexKey();
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  private static char[] password(String user) {
    String env = System.getenv(PASSWORD_ENV);
    if (env != null && !env.isEmpty()) {
      return env.toCharArray();
    }
    Console console = System.console();
    if (console == null) {
      throw new IllegalArgumentException(
          "no password: set " + PASSWORD_ENV + " or run in a terminal");
    }
    char[] p = console.readPassword("Password for %s: ", user);
    if (p == null) {
      throw new IllegalArgumentException("no password given");
    }
    return p;
  }
}
