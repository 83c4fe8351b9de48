package org.meditwin.app.cli.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.meditwin.app.cli.CliSupport;
import org.meditwin.chat.ChatAnswer;
import org.meditwin.chat.Citation;
import org.meditwin.chat.SpecialtyClassifier;
import org.meditwin.chat.ToolCall;
import org.meditwin.inference.classify.SpecialtyRouter;
import org.meditwin.inference.embedding.BgeEncoder;
import org.meditwin.inference.embedding.CachingEmbeddingService;
import org.meditwin.inference.embedding.EncoderVariant;
import org.meditwin.inference.engine.DjlEnvironment;
import org.meditwin.inference.registry.ModelDescriptor;
import org.meditwin.inference.registry.ModelRegistry;
import org.meditwin.nlp.safety.RedFlag;
import org.meditwin.search.KnowledgeBase;
import org.meditwin.search.SearchConfig;
import org.meditwin.search.SearchService;
import org.meditwin.search.TextEmbedder;
import org.meditwin.search.embed.InferenceEmbedder;
import picocli.CommandLine.Model.CommandSpec;

/** Opens what the chat commands need: the knowledge base, the encoder, the router, lookups. */
final class ChatCli {
  private ChatCli() {}

  /** The shared bge encoder, or empty (BM25 only) when it cannot be loaded. */
  record Encoder(BgeEncoder bge, TextEmbedder embedder) implements AutoCloseable {
    @Override
    public void close() {
      bge.close();
    }
  }

  static Optional<Encoder> encoder(CommandSpec spec) {
    try {
      Path cache = DjlEnvironment.defaultCacheDir();
      DjlEnvironment.configureOffline(cache);
      BgeEncoder bge = BgeEncoder.open(EncoderVariant.FULL, cache.resolve("encoders"), 1, 512);
      return Optional.of(
          new Encoder(bge, InferenceEmbedder.plain(new CachingEmbeddingService(bge, 16, 20_000))));
    } catch (RuntimeException e) {
      CliSupport.err(spec).println("chat: semantic search unavailable (" + e.getMessage() + ")");
      return Optional.empty();
    }
  }

  /** A generative provider from the command line, or empty (extractive answers). */
  static Optional<org.meditwin.inference.generate.GenerativeProvider> provider(
      CommandSpec spec, String server, String model, Path gguf, List<AutoCloseable> toClose) {
    List<org.meditwin.inference.generate.GenerativeProvider> chain = new ArrayList<>();
    if (gguf != null) {
      try {
        org.meditwin.inference.generate.LlamaCppProvider llm =
            org.meditwin.inference.generate.LlamaCppProvider.open(gguf, 2, 4096);
        toClose.add(llm);
        chain.add(llm);
      } catch (RuntimeException e) {
        CliSupport.err(spec).println("chat: local model unavailable (" + e.getMessage() + ")");
      }
    }
    if (server != null && !server.isBlank()) {
      chain.add(
          new org.meditwin.inference.generate.OpenAiCompatibleProvider(
              org.meditwin.inference.generate.OpenAiCompatibleProvider.Config.of(
                  java.net.URI.create(server), model),
              java.time.Clock.systemUTC()));
    }
    if (chain.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        chain.size() == 1
            ? chain.get(0)
            : new org.meditwin.inference.generate.ProviderChain(chain));
  }

  /** The de-identifier with its trained name model when available (rules otherwise). */
  static Optional<org.meditwin.nlp.ClinicalNlp> deidentifier(
      CommandSpec spec, List<AutoCloseable> toClose) {
    try {
      Path cache = DjlEnvironment.defaultCacheDir();
      org.meditwin.nlp.ClinicalNlp nlp =
          org.meditwin.nlp.ClinicalNlp.load(
              ModelRegistry.open(CliSupport.modelsDir()), cache.resolve("encoders"), 1);
      toClose.add(nlp);
      return Optional.of(nlp);
    } catch (RuntimeException e) {
      CliSupport.err(spec).println("chat: masking with rules only (" + e.getMessage() + ")");
      return Optional.empty();
    }
  }

  /** The trained specialty router over {@code encoder}, or empty (rules only) with a note. */
  static Optional<SpecialtyRouter> router(CommandSpec spec, Optional<Encoder> encoder) {
    if (encoder.isEmpty()) {
      return Optional.empty();
    }
    try {
      ModelRegistry registry = ModelRegistry.open(CliSupport.modelsDir());
      ModelDescriptor d = registry.requireVerified("specialty-router");
      return Optional.of(
          SpecialtyRouter.load(
              d, registry.root().resolve("specialty-router"), encoder.get().bge()));
    } catch (RuntimeException e) {
      CliSupport.err(spec)
          .println("chat: specialty router unavailable, rules only (" + e.getMessage() + ")");
      return Optional.empty();
    }
  }

  static SpecialtyClassifier classifier(SpecialtyRouter router) {
    return SpecialtyClassifier.of(router);
  }

  /** The encoder the knowledge base in {@code kbDir} was built with ("none" for BM25 only). */
  static Optional<String> kbEncoder(Path kbDir) {
    Path m = kbDir.resolve("manifest.json");
    if (!Files.isRegularFile(m)) {
      return Optional.empty();
    }
    try {
      JsonNode n = new ObjectMapper().readTree(m.toFile());
      return Optional.of(n.path("encoderId").asText("none"));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Opens the knowledge base as the search CLI does, without ever triggering a rebuild that would
   * throw away a semantic index: a BM25-only KB opens without the encoder; a semantic KB opens with
   * it, or — when the encoder cannot load — read-only over BM25; a missing KB is built BM25-only
   * (about a minute; {@code kb rebuild} adds vectors later).
   */
  /** The opened knowledge base and whether it searches with vectors (else BM25). */
  record Knowledge(SearchService service, boolean semantic) {}

  static Knowledge openKnowledge(
      CommandSpec spec, byte[] key, Optional<Encoder> encoder, List<AutoCloseable> toClose)
      throws IOException {
    Path kbDir = CliSupport.home(spec).resolve("kb");
    Optional<String> built = kbEncoder(kbDir);
    if (built.isPresent() && !"none".equals(built.get())) {
      if (encoder.isPresent() && encoder.get().embedder().modelId().equals(built.get())) {
        KnowledgeBase kb =
            KnowledgeBase.openOrBuild(
                kbDir,
                key,
                Optional.of(encoder.get().embedder()),
                SearchConfig.defaults(),
                KnowledgeBase.Source.shipped(),
                CliSupport.progress(spec));
        toClose.add(kb);
        return new Knowledge(kb.index(), true);
      }
      SearchService s =
          SearchService.open(
              kbDir.resolve("index"), key, Optional.empty(), SearchConfig.defaults());
      toClose.add(s);
      return new Knowledge(s, false);
    }
    if (built.isEmpty()) {
      CliSupport.err(spec)
          .println(
              "chat: building the knowledge base (BM25, about a minute; 'kb rebuild' adds vectors)");
    }
    KnowledgeBase kb =
        KnowledgeBase.openOrBuild(
            kbDir,
            key,
            Optional.empty(),
            SearchConfig.defaults(),
            KnowledgeBase.Source.shipped(),
            CliSupport.progress(spec));
    toClose.add(kb);
    return new Knowledge(kb.index(), false);
  }

  /** The JSON contract of {@code chat ask}. */
  static Map<String, Object> json(ChatAnswer a, long firstTokenMs, long totalMs) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("answer", a.answer());
    List<Map<String, Object>> citations = new ArrayList<>();
    int n = 1;
    for (Citation c : a.citations()) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("n", n++);
      x.put("id", c.id());
      x.put("title", c.title());
      x.put("source", c.source());
      x.put("url", c.url().orElse(null));
      x.put("kind", c.kind());
      citations.add(x);
    }
    m.put("citations", citations);
    m.put("specialists", a.specialists());
    List<Map<String, Object>> flags = new ArrayList<>();
    for (RedFlag f : a.redFlags()) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("id", f.id());
      x.put("name", f.name());
      x.put("urgency", f.urgency());
      x.put("nextSteps", f.nextSteps());
      x.put("matched", f.matched());
      flags.add(x);
    }
    m.put("redFlags", flags);
    m.put("confidence", Math.round(a.confidence() * 1000) / 1000.0);
    m.put("disclaimer", a.disclaimer());
    List<Map<String, Object>> tools = new ArrayList<>();
    for (ToolCall t : a.tools()) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("tool", t.tool());
      x.put("inputs", t.inputs());
      x.put("result", t.result());
      tools.add(x);
    }
    m.put("tools", tools);
    m.put("language", a.language());
    m.put("answeredInEnglishOnly", a.answeredInEnglishOnly());
    m.put("timings", Map.of("firstTokenMs", firstTokenMs, "totalMs", totalMs));
    return m;
  }

  static void closeAll(List<AutoCloseable> resources, PrintWriter err) {
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        err.println("chat: closing failed: " + e.getClass().getSimpleName());
      }
    }
  }
}
