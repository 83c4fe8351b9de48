package org.meditwin.app.cli.soap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.meditwin.app.cli.CliSupport;
import org.meditwin.inference.generate.LlamaCppProvider;
import org.meditwin.inference.generate.OpenAiCompatibleProvider;
import org.meditwin.soap.DraftSentence;
import org.meditwin.soap.NoteTemplate;
import org.meditwin.soap.Section;
import org.meditwin.soap.SentenceCheck;
import org.meditwin.soap.SoapDraft;
import org.meditwin.soap.SoapPipeline;
import org.meditwin.soap.SourceSpan;
import org.meditwin.soap.bench.SoapBenchmark;
import org.meditwin.soap.eval.SoapEvaluation;
import org.meditwin.soap.train.SectionTraining;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code soap draft|eval|train|bench}: SOAP drafting from a visit transcript, its evaluation (ROUGE
 * on ACI-Bench valid, section accuracy on MTS-Dialog valid), retraining of the section head and the
 * draft-latency benchmark. Stateless: no sign-in, nothing stored.
 */
@Command(
    name = "soap",
    description = "Draft SOAP notes from visit transcripts; evaluate, retrain, benchmark.",
    subcommands = {
      SoapCommand.Draft.class,
      SoapCommand.Eval.class,
      SoapCommand.Train.class,
      SoapCommand.Bench.class
    })
public final class SoapCommand implements Runnable {
  @Spec CommandSpec spec;

  /** Largest transcript file read (bytes); the pipeline's own limit is in characters. */
  static final long MAX_FILE_BYTES = 4L * 1024 * 1024;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "choose a subcommand: draft, eval, train, bench");
  }

  static void requireData(Path data) {
    if (!Files.isRegularFile(data.resolve("soap/aci-bench/valid.csv"))) {
      throw new IllegalArgumentException(
          "ACI-Bench/MTS-Dialog data not found under " + data + " (use --data DIR)");
    }
  }

  static SoapPipeline open(boolean nlpModels) {
    return SoapPipeline.load(
        CliSupport.modelsDir(), SoapPipeline.Options.defaults().withNlpModels(nlpModels));
  }

  /** Reads a transcript file as strict UTF-8 with clear messages for the usual mistakes. */
  static String readTranscript(Path file) throws IOException {
    if (!Files.exists(file)) {
      throw new NoSuchFileException(file.toString(), null, "transcript file not found");
    }
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(file + " is not a file");
    }
    long size = Files.size(file);
    if (size > MAX_FILE_BYTES) {
      throw new IllegalArgumentException(
          "the transcript file is too large ("
              + size / 1024
              + " KiB, limit "
              + MAX_FILE_BYTES / 1024
              + " KiB): split the visit into shorter parts");
    }
    byte[] bytes = Files.readAllBytes(file);
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(
          "the transcript is not UTF-8 text (is it an audio or word-processor file? use './run asr"
              + " --wav F' for recordings, or save the transcript as plain text)");
    }
  }

  /** The CLI contract: {subjective, objective, assessment, plan, sentences, issues, …}. */
  static Map<String, Object> toJson(SoapDraft d) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Section s : Section.values()) {
      out.put(s.key(), d.section(s));
    }
    List<Map<String, Object>> sentences = new ArrayList<>();
    for (int i = 0; i < d.sentences().size(); i++) {
      DraftSentence s = d.sentences().get(i);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("section", s.section().key());
      m.put("text", s.text());
      List<Map<String, Integer>> src = new ArrayList<>();
      for (SourceSpan sp : s.sources()) {
        src.add(Map.of("start", sp.start(), "end", sp.end()));
      }
      m.put("sources", src);
      s.fieldKey().ifPresent(f -> m.put("field", f));
      SentenceCheck c = d.checks().get(i);
      m.put("verdict", c.verdict().name());
      m.put("reason", c.reason());
      sentences.add(m);
    }
    out.put("sentences", sentences);
    out.put("issues", d.issues());
    out.put("template", d.template().key());
    out.put("fields", new java.util.TreeMap<>(d.fields()));
    out.put("missingFields", d.missingFields());
    d.audiogram().ifPresent(a -> out.put("audiogram", a));
    out.put("aiApproved", d.aiApproved());
    out.put("engine", d.engine());
    return out;
  }

  static String toText(SoapDraft d) {
    StringBuilder sb = new StringBuilder();
    for (Section s : Section.values()) {
      sb.append(s.name()).append('\n');
      String text = d.section(s);
      sb.append(text.isEmpty() ? "(nothing stated)" : text).append("\n\n");
    }
    if (!d.issues().isEmpty()) {
      sb.append("ISSUES\n");
      d.issues().forEach(i -> sb.append("- ").append(i).append('\n'));
      sb.append('\n');
    }
    sb.append("AI-approved: ")
        .append(d.aiApproved() ? "yes" : "no")
        .append(" (")
        .append(d.engine())
        .append(')');
    return sb.toString();
  }

  @Command(name = "draft", description = "Draft a SOAP note from a transcript file (UTF-8 text).")
  static final class Draft implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--transcript",
        required = true,
        paramLabel = "FILE",
        description =
            "Transcript (Doctor:/Patient: or [doctor]/[patient] turns, or dictated text).")
    Path transcript;

    @Option(
        names = "--template",
        defaultValue = "general",
        paramLabel = "general|hearing",
        description = "Note template (default ${DEFAULT-VALUE}).")
    String template;

    @Option(
        names = "--nlp-models",
        description =
            "Also use the trained de-identification and NER heads (slower; see modules/soap/README.md).")
    boolean nlpModels;

    @Option(
        names = "--gguf",
        paramLabel = "FILE",
        description =
            "Let a local GGUF model (llama.cpp) write the draft from the masked transcript.")
    Path gguf;

    @Option(
        names = "--llm-url",
        paramLabel = "URL",
        description =
            "Let a clinic OpenAI-compatible server write the draft from the masked transcript.")
    java.net.URI llmUrl;

    @Option(
        names = "--llm-model",
        defaultValue = "default",
        paramLabel = "NAME",
        description = "Model name for --llm-url (default ${DEFAULT-VALUE}).")
    String llmModel;

    @Override
    public Integer call() throws IOException {
      NoteTemplate t = NoteTemplate.parse(template);
      String text = readTranscript(transcript);
      // text leaving the pipeline for a generative provider is masked with the trained name head
      boolean generative = gguf != null || llmUrl != null;
      try (SoapPipeline p = open(nlpModels || generative)) {
        SoapDraft d;
        if (gguf != null) {
          try (LlamaCppProvider llm = LlamaCppProvider.open(gguf, 2, 8192)) {
            d = p.draft(text, t, llm);
          }
        } else if (llmUrl != null) {
          d =
              p.draft(
                  text,
                  t,
                  new OpenAiCompatibleProvider(
                      OpenAiCompatibleProvider.Config.of(llmUrl, llmModel),
                      java.time.Clock.systemUTC()));
        } else {
          d = p.draft(text, t);
        }
        CliSupport.emit(spec, toJson(d), toText(d));
      }
      return 0;
    }
  }

  @Command(
      name = "eval",
      description = "ROUGE on ACI-Bench valid notes; S/O/A/P accuracy on MTS-Dialog valid.")
  static final class Eval implements Callable<Integer> {
    @Spec CommandSpec spec;

    @picocli.CommandLine.Mixin org.meditwin.app.cli.DataDirOption data;

    @Option(
        names = "--nlp-models",
        description = "Also use the trained de-identification and NER heads.")
    boolean nlpModels;

    @Override
    public Integer call() throws IOException {
      Path d = data.dir();
      requireData(d);
      try (SoapPipeline p = open(nlpModels)) {
        SoapEvaluation.Result r = SoapEvaluation.run(p, d, CliSupport.progress(spec));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("engine", r.engine());
        out.put(
            "aciBenchValid",
            Map.of(
                "notes",
                r.draft().notes(),
                "rouge1",
                round(r.draft().rouge1()),
                "rouge2",
                round(r.draft().rouge2()),
                "rougeL",
                round(r.draft().rougeL()),
                "rougeLsum",
                round(r.draft().rougeLsum())));
        out.put(
            "copyTranscriptValid",
            Map.of(
                "rouge1",
                round(r.copyTranscript().rouge1()),
                "rouge2",
                round(r.copyTranscript().rouge2()),
                "rougeL",
                round(r.copyTranscript().rougeL()),
                "rougeLsum",
                round(r.copyTranscript().rougeLsum())));
        out.put("anchorsTest1Rouge1", SoapEvaluation.ANCHORS_R1);
        out.put(
            "mtsDialogValidHead",
            Map.of(
                "sentences",
                r.headOnSummaries().items(),
                "accuracy",
                round(r.headOnSummaries().accuracy()),
                "macroF1",
                round(r.headOnSummaries().macroF1())));
        out.put(
            "mtsDialogValidEndToEnd",
            Map.of(
                "dialogues",
                r.endToEnd().items(),
                "accuracy",
                round(r.endToEnd().accuracy()),
                "macroF1",
                round(r.endToEnd().macroF1())));
        out.put("aiApprovedNotes", r.aiApprovedNotes());
        out.put("meanSupportedShare", round(r.meanSupportedShare()));
        out.put("seconds", round(r.seconds()));
        String text =
            String.format(
                Locale.ROOT,
                "ACI-Bench valid (%d notes, ours): ROUGE-1 %.2f  ROUGE-2 %.2f  ROUGE-L %.2f  ROUGE-Lsum %.2f%n"
                    + "copy transcript (valid):        ROUGE-1 %.2f  ROUGE-2 %.2f  ROUGE-L %.2f  ROUGE-Lsum %.2f%n"
                    + "anchors (test1, ROUGE-1): copy transcript 32.84, GPT-4 51.76, best fine-tuned 53.46%n"
                    + "MTS-Dialog valid S/O/A/P: head on summary sentences accuracy %.3f macro-F1 %.3f (%d); end to end on dialogues accuracy %.3f macro-F1 %.3f (%d)%n"
                    + "judge: %d of %d notes AI-approved, mean supported share %.3f; %s; %.1f s",
                r.draft().notes(),
                r.draft().rouge1(),
                r.draft().rouge2(),
                r.draft().rougeL(),
                r.draft().rougeLsum(),
                r.copyTranscript().rouge1(),
                r.copyTranscript().rouge2(),
                r.copyTranscript().rougeL(),
                r.copyTranscript().rougeLsum(),
                r.headOnSummaries().accuracy(),
                r.headOnSummaries().macroF1(),
                r.headOnSummaries().items(),
                r.endToEnd().accuracy(),
                r.endToEnd().macroF1(),
                r.endToEnd().items(),
                r.aiApprovedNotes(),
                r.draft().notes(),
                r.meanSupportedShare(),
                r.engine(),
                r.seconds());
        CliSupport.emit(spec, out, text);
      }
      return 0;
    }
  }

  @Command(
      name = "train",
      description = "Retrain models/soap-sections (train splits only; dev metrics in MODEL.md).")
  static final class Train implements Callable<Integer> {
    @Spec CommandSpec spec;

    @picocli.CommandLine.Mixin org.meditwin.app.cli.DataDirOption data;

    @Override
    public Integer call() throws IOException {
      Path d = data.dir();
      requireData(d);
      SectionTraining.Result r =
          SectionTraining.run(
              SectionTraining.Config.defaults(d, CliSupport.modelsDir()),
              CliSupport.progress(spec));
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("model", r.folder().toString());
      out.put("trainSentences", r.trainSentences());
      out.put("validationMacroF1", round(r.validationMacroF1()));
      List<Map<String, Object>> dev = new ArrayList<>();
      StringBuilder text = new StringBuilder("wrote " + r.folder() + "\n");
      for (SectionTraining.DevResult x : r.dev()) {
        dev.add(
            Map.of(
                "set",
                x.name(),
                "sentences",
                x.sentences(),
                "accuracy",
                round(x.metrics().accuracy()),
                "macroF1",
                round(x.metrics().macroF1())));
        text.append(
            String.format(
                Locale.ROOT,
                "%s: accuracy %.3f, macro-F1 %.3f (%d sentences)%n",
                x.name(),
                x.metrics().accuracy(),
                x.metrics().macroF1(),
                x.sentences()));
      }
      out.put("dev", dev);
      CliSupport.emit(spec, out, text.toString().strip());
      return 0;
    }
  }

  @Command(
      name = "bench",
      description = "Median draft time for a 1,500-word transcript (target < 3 s).")
  static final class Bench implements Callable<Integer> {
    @Spec CommandSpec spec;

    @picocli.CommandLine.Mixin org.meditwin.app.cli.DataDirOption data;

    @Option(
        names = "--runs",
        defaultValue = "7",
        description = "Timed runs after warm-up (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(
        names = "--nlp-models",
        description = "Also time the pipeline with the trained de-identification and NER heads.")
    boolean nlpModels;

    @Override
    public Integer call() throws IOException {
      Path d = data.dir();
      requireData(d);
      List<SoapBenchmark.Result> results = new ArrayList<>();
      results.add(
          SoapBenchmark.run(
              CliSupport.modelsDir(), d, SoapPipeline.Options.defaults(), Math.max(1, runs)));
      if (nlpModels) {
        results.add(
            SoapBenchmark.run(
                CliSupport.modelsDir(),
                d,
                SoapPipeline.Options.defaults().withNlpModels(true),
                Math.max(1, runs)));
      }
      StringBuilder text = new StringBuilder();
      for (SoapBenchmark.Result r : results) {
        text.append(
            String.format(
                Locale.ROOT,
                "soap draft, %d words -> %d sentences (%s, NLP models %s): median %.0f ms (min %.0f, max %.0f, %d runs) on %d cores; load %.1f s; target < %.0f ms: %s%n",
                r.words(),
                r.sentences(),
                r.engine(),
                r.nlpModels() ? "on" : "off",
                r.medianMillis(),
                r.minMillis(),
                r.maxMillis(),
                r.runs(),
                r.cores(),
                r.loadSeconds(),
                r.targetMillis(),
                r.meetsTarget() ? "met" : "NOT met"));
      }
      CliSupport.emit(spec, Map.of("suite", "soap", "results", results), text.toString().strip());
      return 0;
    }
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
