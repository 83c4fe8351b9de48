package org.meditwin.app.cli.search;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.meditwin.search.KnowledgeBase;
import org.meditwin.search.SearchConfig;
import org.meditwin.search.TextEmbedder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kb rebuild|status}: the shipped knowledge base under {@code $MEDITWIN_HOME/kb}. */
@Command(
    name = "kb",
    description = "Manage the shipped medical knowledge base (MedQuAD, CC BY 4.0).",
    subcommands = {KbCommand.Rebuild.class, KbCommand.Status.class})
public final class KbCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "missing subcommand: rebuild or status");
  }

  @Command(
      name = "rebuild",
      description = "Rebuild the knowledge-base index from the shipped data.")
  static final class Rebuild implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--user",
        required = true,
        paramLabel = "NAME",
        description = "User whose key encrypts the index.")
    String user;

    @Option(names = "--no-encoder", description = "BM25 only (fast; no dense vectors).")
    boolean noEncoder;

    @Option(names = "--threads", defaultValue = "2", description = "Encoder threads.")
    int threads;

    @Override
    public Integer call() throws Exception {
      byte[] key = SearchCli.indexKey(spec, user);
      Optional<TextEmbedder> encoder =
          noEncoder ? Optional.empty() : SearchCli.encoder(spec, threads);
      long t0 = System.nanoTime();
      try (KnowledgeBase kb =
          KnowledgeBase.rebuild(
              SearchCommand.kbDir(spec),
              key,
              encoder,
              SearchConfig.defaults(),
              KnowledgeBase.Source.shipped(),
              SearchCli.progress(spec))) {
        KnowledgeBase.Manifest m = kb.manifest();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("manifest", m);
        json.put("seconds", (System.nanoTime() - t0) / 1e9);
        SearchCli.emit(
            spec,
            json,
            String.format(
                java.util.Locale.ROOT,
                "Knowledge base rebuilt: %d entries, %d chunks, encoder %s, %.0f s",
                m.entries(),
                m.chunks(),
                m.encoderId(),
                (System.nanoTime() - t0) / 1e9));
      }
      return 0;
    }
  }

  @Command(name = "status", description = "Show the knowledge-base manifest (no password needed).")
  static final class Status implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      java.nio.file.Path f = SearchCommand.kbDir(spec).resolve("manifest.json");
      if (!java.nio.file.Files.isRegularFile(f)) {
        SearchCli.emit(
            spec,
            Map.of("built", false),
            "The knowledge base has not been built yet (it is built at first use, or run 'kb rebuild').");
        return 0;
      }
      String manifest = java.nio.file.Files.readString(f);
      SearchCli.emit(
          spec,
          new com.fasterxml.jackson.databind.ObjectMapper().readTree(manifest),
          manifest.strip());
      return 0;
    }
  }
}
