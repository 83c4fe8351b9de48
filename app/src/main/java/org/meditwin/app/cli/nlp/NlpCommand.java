package org.meditwin.app.cli.nlp;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.meditwin.app.cli.CliSupport;
import org.meditwin.inference.engine.DjlEnvironment;
import org.meditwin.inference.registry.ModelRegistry;
import org.meditwin.nlp.ClinicalNlp;
import org.meditwin.nlp.ComponentStatus;
import org.meditwin.nlp.DeidResult;
import org.meditwin.nlp.bench.NlpBenchmark;
import org.meditwin.nlp.eval.NlpEvaluation;
import org.meditwin.nlp.ner.ClinicalEntity;
import org.meditwin.nlp.pii.DeidPolicy;
import org.meditwin.nlp.pii.Operator;
import org.meditwin.nlp.pii.PiiSpan;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nlp deid|ner|eval|bench}: PII de-identification, clinical NER, dev metrics and throughput
 * of the clinical NLP pipeline. Model status goes to stderr; with {@code --json} stdout holds
 * exactly one JSON object.
 */
@Command(
    name = "nlp",
    description =
        "Clinical NLP: de-identify text, recognise clinical entities, evaluate, benchmark.",
    subcommands = {
      NlpCommand.Deid.class,
      NlpCommand.Ner.class,
      NlpCommand.Eval.class,
      NlpCommand.Bench.class
    })
public final class NlpCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "choose a subcommand: deid, ner, eval, bench");
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Options every subcommand shares. */
  abstract static class Base {
    @Spec CommandSpec spec;

    @Option(names = "--rules-only", description = "Do not load the trained heads.")
    boolean rulesOnly;

    boolean json() {
      for (CommandLine c = spec.commandLine(); c != null; c = c.getParent()) {
        CommandLine.ParseResult r = c.getParseResult();
        if (r != null && r.hasMatchedOption("--json")) {
          return true;
        }
      }
      return false;
    }

    PrintWriter out() {
      return spec.commandLine().getOut();
    }

    PrintWriter err() {
      return spec.commandLine().getErr();
    }

    ClinicalNlp open() {
      if (rulesOnly) {
        return ClinicalNlp.rulesOnly();
      }
      Path cache = DjlEnvironment.defaultCacheDir();
      DjlEnvironment.configureOffline(cache);
      ClinicalNlp nlp =
          ClinicalNlp.load(ModelRegistry.open(modelsDir()), cache.resolve("encoders"), 1);
      for (ComponentStatus s : nlp.status()) {
        err().println("nlp: " + s.component() + ": " + s.detail());
      }
      err().flush();
      return nlp;
    }

    void printJson(Object value) {
      try {
        out().println(JSON.writeValueAsString(value));
        out().flush();
      } catch (IOException e) {
        throw new IllegalStateException("result is not serialisable", e);
      }
    }

    static Path modelsDir() {
      return CliSupport.modelsDir();
    }

    /** Reads a text file; undecodable bytes become U+FFFD (offsets refer to the decoded text). */
    static String read(Path in) {
      try {
        if (Files.size(in) > ClinicalNlp.MAX_CHARS * 4L) {
          throw new IllegalArgumentException("input file is too large: " + in);
        }
        byte[] bytes = Files.readAllBytes(in);
        return StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE)
            .decode(ByteBuffer.wrap(bytes))
            .toString();
      } catch (NoSuchFileException e) {
        throw new IllegalArgumentException("input file not found: " + in);
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read " + in + ": " + e.getMessage());
      }
    }
  }

  @Command(name = "deid", description = "Find and mask PII; offsets refer to the input text.")
  static final class Deid extends Base implements Callable<Integer> {
    @Option(names = "--in", required = true, paramLabel = "FILE", description = "UTF-8 text file.")
    Path in;

    @Option(
        names = "--operator",
        defaultValue = "TYPE",
        description = "REDACT (█ per character) or TYPE (<PERSON>); default ${DEFAULT-VALUE}.")
    Operator operator;

    @Option(
        names = "--strict",
        description = "Mask every age and year too (default: HIPAA Safe Harbor).")
    boolean strict;

    @Override
    public Integer call() {
      if (operator == Operator.PSEUDONYM) {
        throw new IllegalArgumentException(
            "pseudonyms need the unlocked workstation vault; use REDACT or TYPE here");
      }
      String text = read(in);
      try (ClinicalNlp nlp = open()) {
        DeidResult r =
            nlp.deidentify(
                text,
                strict ? DeidPolicy.strict() : DeidPolicy.hipaaSafeHarbor(),
                operator,
                Optional.empty());
        if (json()) {
          List<Map<String, Object>> spans = new ArrayList<>();
          for (PiiSpan s : r.spans()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("start", s.start());
            m.put("end", s.end());
            m.put("type", s.type().name());
            m.put("text", s.text());
            m.put("score", Math.round(s.score() * 1000) / 1000.0);
            m.put("source", s.source());
            spans.add(m);
          }
          Map<String, Object> result = new LinkedHashMap<>();
          result.put("masked", r.masked());
          result.put("spans", spans);
          printJson(result);
        } else {
          out().println(r.masked());
          err().println("nlp: " + r.spans().size() + " PII spans masked");
        }
      }
      return 0;
    }
  }

  @Command(name = "ner", description = "Clinical entities with assertion and attributes.")
  static final class Ner extends Base implements Callable<Integer> {
    @Option(names = "--in", required = true, paramLabel = "FILE", description = "UTF-8 text file.")
    Path in;

    @Override
    public Integer call() {
      String text = read(in);
      try (ClinicalNlp nlp = open()) {
        List<ClinicalEntity> entities = nlp.entities(text);
        if (json()) {
          List<Map<String, Object>> list = new ArrayList<>();
          for (ClinicalEntity e : entities) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("start", e.start());
            m.put("end", e.end());
            m.put("type", e.type().name());
            m.put("text", e.text());
            m.put("negated", e.negated());
            m.put("uncertain", e.uncertain());
            m.put("historical", e.assertion().historical());
            m.put("experiencer", e.assertion().experiencer().name());
            m.put("attributes", e.attributes());
            m.put("score", Math.round(e.score() * 1000) / 1000.0);
            m.put("source", e.source());
            list.add(m);
          }
          printJson(Map.of("entities", list));
        } else {
          for (ClinicalEntity e : entities) {
            out()
                .printf(
                    "%6d %6d  %-10s %-30s%s%s%s %s%n",
                    e.start(),
                    e.end(),
                    e.type(),
                    e.text(),
                    e.negated() ? " negated" : "",
                    e.uncertain() ? " uncertain" : "",
                    e.assertion().historical() ? " historical" : "",
                    e.attributes().isEmpty() ? "" : e.attributes().toString());
          }
        }
      }
      return 0;
    }
  }

  @Command(name = "eval", description = "Dev-split metrics: PII per type (with F2), strict NER F1.")
  static final class Eval extends Base implements Callable<Integer> {
    @picocli.CommandLine.Mixin org.meditwin.app.cli.DataDirOption data;

    @Option(
        names = "--ner-sentences",
        defaultValue = "500",
        description = "Devel sentences per NER corpus (default ${DEFAULT-VALUE}; 0 = all).")
    int nerSentences;

    @Override
    public Integer call() throws IOException {
      Path d = data.dir();
      Path presidio = d.resolve("deid/presidio-synth-dev.json");
      if (!Files.isRegularFile(presidio)) {
        throw new IllegalArgumentException("dev data not found under " + d + " (use --data)");
      }
      int limit = nerSentences <= 0 ? Integer.MAX_VALUE : nerSentences;
      try (ClinicalNlp nlp = open()) {
        var pii = NlpEvaluation.evaluatePii(nlp, presidio);
        var ncbi =
            NlpEvaluation.evaluateNer(
                nlp,
                "NCBI-disease devel",
                d.resolve("ner/ncbi-disease/devel.tsv"),
                List.of("Disease"),
                limit);
        var cdr =
            NlpEvaluation.evaluateNer(
                nlp,
                "BC5CDR devel",
                d.resolve("ner/bc5cdr/devel.tsv"),
                List.of("Disease", "Chemical"),
                limit);
        if (json()) {
          Map<String, Object> result = new LinkedHashMap<>();
          result.put("status", nlp.status());
          result.put("pii", pii);
          result.put("ner", List.of(ncbi, cdr));
          printJson(result);
        } else {
          out().println(NlpEvaluation.markdown(pii, List.of(ncbi, cdr)));
        }
      }
      return 0;
    }
  }

  @Command(name = "bench", description = "Tokens/s of de-identification and NER (2,000-word note).")
  static final class Bench extends Base implements Callable<Integer> {
    @Option(
        names = "--repeats",
        defaultValue = "3",
        description = "Timed runs (default ${DEFAULT-VALUE}).")
    int repeats;

    @Override
    public Integer call() {
      try (ClinicalNlp nlp = open()) {
        List<NlpBenchmark.Measurement> results =
            NlpBenchmark.run(
                nlp,
                Math.max(1, repeats),
                m -> {
                  PrintWriter w = json() ? err() : out();
                  w.printf("%-45s %10.1f %s%n", m.name(), m.value(), m.unit());
                  w.flush();
                });
        if (json()) {
          Map<String, Object> result = new LinkedHashMap<>();
          result.put("suite", "nlp");
          result.put("cores", Runtime.getRuntime().availableProcessors());
          result.put("status", nlp.status());
          result.put("measurements", results);
          printJson(result);
        }
      }
      return 0;
    }
  }
}
