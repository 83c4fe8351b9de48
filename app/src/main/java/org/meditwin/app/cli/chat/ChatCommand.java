package org.meditwin.app.cli.chat;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.meditwin.app.chat.ChatSources;
import org.meditwin.app.cli.CliSupport;
import org.meditwin.chat.ChatAnswer;
import org.meditwin.chat.ChatEngine;
import org.meditwin.chat.ChatListener;
import org.meditwin.chat.ChatRequest;
import org.meditwin.inference.classify.SpecialtyRouter;
import org.meditwin.nlp.safety.RedFlag;
import org.meditwin.nlp.safety.RedFlagDetector;
import org.meditwin.nlp.safety.RedFlagVignettes;
import org.meditwin.search.KnowledgeBase;
import org.meditwin.search.SearchConfig;
import org.meditwin.search.SearchMode;
import org.meditwin.search.SearchService;
import org.meditwin.search.patient.PatientIndexes;
import org.meditwin.search.patient.PatientRecordIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code chat ask|bench|redflags}: the clinical assistant from the command line. */
@Command(
    name = "chat",
    description = "Ask the clinical assistant, benchmark it, or evaluate the red-flag detector.",
    subcommands = {
      ChatCommand.Ask.class,
      ChatCommand.Bench.class,
      ChatCommand.RedFlags.class,
      ChatCommand.RouteEval.class
    })
public final class ChatCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "missing subcommand: ask, bench or redflags");
  }

  @Command(
      name = "ask",
      description =
          "Answer a question from the knowledge base (and the patient's records with --patient);"
              + " streams the answer, or prints {answer, citations, specialists, redFlags,"
              + " confidence, disclaimer, tools, language, …} with --json.")
  static final class Ask implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "QUESTION", description = "The question (any text).")
    String question;

    @Option(
        names = "--user",
        required = true,
        paramLabel = "NAME",
        description = "User to sign in as (opens the encrypted knowledge base and records).")
    String user;

    @Option(
        names = "--patient",
        paramLabel = "ID",
        description = "Also search this patient's records, timeline and medications.")
    String patient;

    @Option(
        names = "--server",
        paramLabel = "URL",
        description =
            "OpenAI-compatible clinic server (e.g. http://127.0.0.1:8080/v1); the model answers"
                + " from the retrieved passages, patient data masked first.")
    String server;

    @Option(
        names = "--model",
        paramLabel = "NAME",
        defaultValue = "default",
        description = "Model name on --server.")
    String model;

    @Option(
        names = "--gguf",
        paramLabel = "FILE",
        description = "Local GGUF model run by llama.cpp.")
    Path gguf;

    @Option(
        names = "--no-encoder",
        description = "Do not load the neural encoder or router (BM25 and rules only).")
    boolean noEncoder;

    @Override
    public Integer call() throws Exception {
      boolean json = CliSupport.json(spec);
      PrintWriter out = CliSupport.out(spec);
      return CliSupport.withSession(
          spec,
          user,
          session -> {
            List<AutoCloseable> open = new ArrayList<>();
            try {
              Optional<ChatCli.Encoder> encoder =
                  noEncoder ? Optional.empty() : ChatCli.encoder(spec);
              encoder.ifPresent(open::add);
              Optional<SpecialtyRouter> router = ChatCli.router(spec, encoder);
              router.ifPresent(open::add);
              ChatCli.Knowledge kb =
                  ChatCli.openKnowledge(spec, session.searchIndexKey(), encoder, open);
              ChatEngine.Builder b =
                  ChatEngine.builder(kb.service()::search)
                      .searchMode(kb.semantic() ? SearchMode.HYBRID : SearchMode.BM25);
              router.ifPresent(r -> b.classifier(ChatCli.classifier(r)));
              ChatCli.provider(spec, server, model, gguf, open)
                  .ifPresent(
                      p -> {
                        b.provider(p);
                        ChatCli.deidentifier(spec, open).ifPresent(b::deidentifier);
                      });
              if (patient != null && !patient.isBlank()) {
                PatientRecordIndex records =
                    PatientIndexes.open(
                        session, CliSupport.home(spec), encoder.map(ChatCli.Encoder::embedder));
                open.add(records);
                ChatSources.of(session, () -> Optional.of(records)).apply(b);
              }
              ChatEngine engine = b.build();
              long start = System.nanoTime();
              long[] first = {-1};
              ChatListener listener =
                  new ChatListener() {
                    @Override
                    public void token(String text) {
                      if (first[0] < 0) {
                        first[0] = System.nanoTime();
                      }
                      if (!json) {
                        out.print(text);
                        out.flush();
                      }
                    }
                  };
              ChatRequest req =
                  ChatRequest.of(question).withPatient(patient == null ? null : patient.strip());
              ChatAnswer a = engine.ask(req, listener);
              long end = System.nanoTime();
              long firstMs = first[0] < 0 ? -1 : (first[0] - start) / 1_000_000;
              long totalMs = (end - start) / 1_000_000;
              if (json) {
                CliSupport.emit(spec, ChatCli.json(a, firstMs, totalMs), "");
              } else {
                out.println();
                out.println();
                for (int i = 0; i < a.citations().size(); i++) {
                  var c = a.citations().get(i);
                  out.printf(
                      Locale.ROOT,
                      "[%d] %s — %s%s%n",
                      i + 1,
                      c.title(),
                      c.source(),
                      c.url().map(u -> " " + u).orElse(""));
                }
                out.printf(
                    Locale.ROOT,
                    "specialists: %s · confidence %.2f · language %s · %d ms (first text %d ms)%n",
                    String.join(", ", a.specialists()),
                    a.confidence(),
                    a.language(),
                    totalMs,
                    firstMs);
                out.println(a.disclaimer());
                out.flush();
              }
              return 0;
            } catch (java.io.IOException e) {
              throw new java.io.UncheckedIOException(e);
            } finally {
              ChatCli.closeAll(open, CliSupport.err(spec));
            }
          });
    }
  }

  /** The fixed benchmark questions (one per specialist plus mixed, tool and red-flag ones). */
  static final List<String> BENCH_QUESTIONS =
      List.of(
          "How is tinnitus treated?",
          "What are the symptoms of atrial fibrillation?",
          "What causes migraine headaches?",
          "How is osteoarthritis of the knee treated?",
          "What are the first signs of type 2 diabetes?",
          "Can high blood pressure cause hearing loss?",
          "What tests diagnose Meniere's disease?",
          "Is gout hereditary?",
          "How can I prevent osteoporosis?",
          "I have crushing chest pain and I'm sweating, what should I do?",
          "What is my BMI if I weigh 82 kg and I'm 176 cm tall?",
          "What are the treatments for carpal tunnel syndrome?");

  @Command(
      name = "bench",
      description =
          "Time to first text and to the full answer (medians over a fixed question set). Uses"
              + " the signed-in user's knowledge base with --user, else builds a temporary"
              + " BM25 knowledge base from the shipped data first.")
  static final class Bench implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--user", paramLabel = "NAME", description = "Use this user's knowledge base.")
    String user;

    @Option(
        names = "--runs",
        defaultValue = "3",
        description = "Timed runs per question (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(
        names = "--encoder",
        description = "Load the encoder and router (hybrid retrieval); default BM25 + rules.")
    boolean withEncoder;

    @Override
    public Integer call() throws Exception {
      if (runs < 1 || runs > 50) {
        throw new IllegalArgumentException("--runs must be within 1..50");
      }
      if (user != null) {
        return CliSupport.withSession(spec, user, session -> run(session.searchIndexKey(), false));
      }
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      return run(key, true);
    }

    private int run(byte[] key, boolean temporary) {
      List<AutoCloseable> open = new ArrayList<>();
      Path tmp = null;
      try {
        Optional<ChatCli.Encoder> encoder = withEncoder ? ChatCli.encoder(spec) : Optional.empty();
        encoder.ifPresent(open::add);
        Optional<SpecialtyRouter> router = ChatCli.router(spec, encoder);
        router.ifPresent(open::add);
        SearchService kb;
        boolean semantic = false;
        long buildMs = 0;
        if (temporary) {
          tmp = Files.createTempDirectory("meditwin-chat-bench");
          CliSupport.err(spec)
              .println("chat bench: building a temporary BM25 knowledge base (shipped MedQuAD)");
          long t = System.nanoTime();
          KnowledgeBase built =
              KnowledgeBase.openOrBuild(
                  tmp,
                  key,
                  Optional.empty(),
                  SearchConfig.defaults(),
                  KnowledgeBase.Source.shipped(),
                  CliSupport.progress(spec));
          buildMs = (System.nanoTime() - t) / 1_000_000;
          open.add(built);
          kb = built.index();
        } else {
          ChatCli.Knowledge k = ChatCli.openKnowledge(spec, key, encoder, open);
          kb = k.service();
          semantic = k.semantic();
        }
        ChatEngine.Builder b =
            ChatEngine.builder(kb::search)
                .searchMode(semantic ? SearchMode.HYBRID : SearchMode.BM25);
        router.ifPresent(r -> b.classifier(ChatCli.classifier(r)));
        ChatEngine engine = b.build();
        // warm-up: class loading, JIT, index caches
        for (String q : BENCH_QUESTIONS) {
          engine.ask(ChatRequest.of(q), ChatListener.NONE);
        }
        List<Double> firsts = new ArrayList<>();
        List<Double> totals = new ArrayList<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        text.append(
            String.format(
                Locale.ROOT,
                "%-62s %9s %9s %6s  %s%n",
                "question",
                "first ms",
                "total ms",
                "conf",
                "specialists"));
        for (String q : BENCH_QUESTIONS) {
          double[] f = new double[runs];
          double[] t = new double[runs];
          ChatAnswer last = null;
          for (int r = 0; r < runs; r++) {
            long start = System.nanoTime();
            long[] first = {-1};
            last =
                engine.ask(
                    ChatRequest.of(q),
                    new ChatListener() {
                      @Override
                      public void token(String s) {
                        if (first[0] < 0) {
                          first[0] = System.nanoTime();
                        }
                      }
                    });
            long end = System.nanoTime();
            f[r] = ((first[0] < 0 ? end : first[0]) - start) / 1e6;
            t[r] = (end - start) / 1e6;
          }
          double mf = median(f);
          double mt = median(t);
          firsts.add(mf);
          totals.add(mt);
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("question", q);
          row.put("firstTokenMs", round(mf));
          row.put("totalMs", round(mt));
          row.put("confidence", round(last.confidence()));
          row.put("specialists", last.specialists());
          rows.add(row);
          text.append(
              String.format(
                  Locale.ROOT,
                  "%-62s %9.1f %9.1f %6.2f  %s%n",
                  q.length() > 62 ? q.substring(0, 59) + "..." : q,
                  mf,
                  mt,
                  last.confidence(),
                  String.join(",", last.specialists())));
        }
        double mf = median(firsts.stream().mapToDouble(Double::doubleValue).toArray());
        double mt = median(totals.stream().mapToDouble(Double::doubleValue).toArray());
        double maxT = totals.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("questions", BENCH_QUESTIONS.size());
        json.put("runsPerQuestion", runs);
        json.put("retrieval", semantic ? "hybrid" : "bm25");
        json.put("router", router.isPresent() ? "specialty-router + rules" : "rules");
        json.put("generativeModel", "none (extractive)");
        json.put("kbBuildMs", buildMs);
        json.put("medianFirstTokenMs", round(mf));
        json.put("medianTotalMs", round(mt));
        json.put("maxTotalMs", round(maxT));
        json.put("targetFirstTokenMs", 1000);
        json.put("targetTotalMs", 3000);
        json.put("meetsTargets", mf < 1000 && mt < 3000);
        json.put("rows", rows);
        text.append(
            String.format(
                Locale.ROOT,
                "%nmedian time to first text %.1f ms (target < 1000), to full answer %.1f ms (target < 3000), slowest %.1f ms; retrieval %s, %s, no generative model%n",
                mf,
                mt,
                maxT,
                json.get("retrieval"),
                json.get("router")));
        CliSupport.emit(spec, json, text.toString().stripTrailing());
        return 0;
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      } finally {
        ChatCli.closeAll(open, CliSupport.err(spec));
        if (tmp != null) {
          deleteTree(tmp);
        }
      }
    }
  }

  @Command(
      name = "redflags",
      description = "Red-flag detector: 'eval' on the shipped vignette set, or 'check TEXT'.",
      subcommands = {RedFlagsEval.class, RedFlagsCheck.class})
  static final class RedFlags implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "missing subcommand: eval or check");
    }
  }

  @Command(name = "eval", description = "Recall and false-positive rate on the vignette set.")
  static final class RedFlagsEval implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      List<RedFlagVignettes.Vignette> set = RedFlagVignettes.load();
      long start = System.nanoTime();
      RedFlagVignettes.Report r = RedFlagVignettes.evaluate(RedFlagDetector.standard(), set);
      double ms = (System.nanoTime() - start) / 1e6;
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("vignettes", set.size());
      json.put("emergencies", r.emergencies());
      json.put("nonEmergencies", r.nonEmergencies());
      json.put("recall", r.recall());
      json.put("falsePositiveRate", r.falsePositiveRate());
      json.put("missed", r.missed());
      json.put("falsePositives", r.falsePositives());
      json.put("criteria", RedFlagDetector.criteria().size());
      json.put("msPerVignette", round(ms / set.size()));
      StringBuilder text = new StringBuilder();
      text.append(
          String.format(
              Locale.ROOT,
              "%d vignettes (%d emergencies, %d look-alikes), %d criteria%nrecall %.3f (%d/%d)%nfalse-positive rate %.3f (%d/%d)%n%.2f ms per vignette%n",
              set.size(),
              r.emergencies(),
              r.nonEmergencies(),
              RedFlagDetector.criteria().size(),
              r.recall(),
              r.emergencies() - r.missed().size(),
              r.emergencies(),
              r.falsePositiveRate(),
              r.falsePositives().size(),
              r.nonEmergencies(),
              ms / set.size()));
      r.missed().forEach(m -> text.append("missed: ").append(m).append('\n'));
      r.falsePositives().forEach(m -> text.append("false positive: ").append(m).append('\n'));
      CliSupport.emit(spec, json, text.toString().stripTrailing());
      return r.missed().isEmpty() ? 0 : 1;
    }
  }

  @Command(name = "check", description = "Red flags in a text (a message or a transcript).")
  static final class RedFlagsCheck implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TEXT")
    String text;

    @Override
    public Integer call() {
      List<RedFlag> flags = RedFlagDetector.standard().detect(text);
      StringBuilder sb = new StringBuilder();
      for (RedFlag f : flags) {
        sb.append(f.urgency())
            .append("  ")
            .append(f.name())
            .append(" (")
            .append(f.id())
            .append(")\n");
        sb.append("  matched: ").append(String.join(" · ", f.matched())).append('\n');
        f.nextSteps().forEach(s -> sb.append("  - ").append(s).append('\n'));
      }
      if (flags.isEmpty()) {
        sb.append("No red flags.");
      }
      CliSupport.emit(spec, Map.of("redFlags", flags), sb.toString().stripTrailing());
      return 0;
    }
  }

  @Command(
      name = "route-eval",
      description =
          "Lead-specialist accuracy of the orchestrator on the router's dev split (MTSamples,"
              + " single-route texts), rules only and with the trained router.")
  static final class RouteEval implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--data",
        required = true,
        paramLabel = "CSV",
        description = "mtsamples CSV (e.g. ../shared/data/router/mtsamples-dev.csv).")
    Path data;

    @Override
    public Integer call() throws Exception {
      var corpus = org.meditwin.inference.train.RouterCorpus.load(data);
      var dev = corpus.labelled(org.meditwin.inference.train.RouterCorpus.Split.DEV);
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("devTexts", dev.size());
      StringBuilder text = new StringBuilder();
      text.append(dev.size()).append(" dev texts (single route)\n");
      List<AutoCloseable> open = new ArrayList<>();
      try {
        Optional<ChatCli.Encoder> encoder = ChatCli.encoder(spec);
        encoder.ifPresent(open::add);
        Optional<SpecialtyRouter> router = ChatCli.router(spec, encoder);
        router.ifPresent(open::add);
        org.meditwin.chat.KnowledgeSource none =
            r -> {
              throw new java.io.IOException("routing only");
            };
        Map<String, ChatEngine> variants = new LinkedHashMap<>();
        variants.put("rules", ChatEngine.builder(none).build());
        router.ifPresent(
            r ->
                variants.put(
                    "router+rules",
                    ChatEngine.builder(none).classifier(ChatCli.classifier(r)).build()));
        for (var v : variants.entrySet()) {
          int lead = 0;
          int anyOf = 0;
          for (var ex : dev) {
            String expected = org.meditwin.chat.Specialist.of(ex.route()).id();
            List<String> got = v.getValue().route(ex.text());
            if (!got.isEmpty() && got.get(0).equals(expected)) {
              lead++;
            }
            if (got.contains(expected)) {
              anyOf++;
            }
          }
          double acc = dev.isEmpty() ? 0 : lead / (double) dev.size();
          double inc = dev.isEmpty() ? 0 : anyOf / (double) dev.size();
          json.put(
              v.getKey(),
              Map.of(
                  "leadAccuracy",
                  round(acc * 1000) / 1000.0,
                  "consulted",
                  round(inc * 1000) / 1000.0));
          text.append(
              String.format(
                  Locale.ROOT,
                  "%-13s lead accuracy %.3f, right specialist among those consulted %.3f%n",
                  v.getKey(),
                  acc,
                  inc));
        }
      } finally {
        ChatCli.closeAll(open, CliSupport.err(spec));
      }
      CliSupport.emit(spec, json, text.toString().stripTrailing());
      return 0;
    }
  }

  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n == 0 ? 0 : n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  private static void deleteTree(Path root) {
    try (var walk = Files.walk(root)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException e) {
      // temporary benchmark index only; the OS cleans the temp folder
    }
  }
}
