package org.meditwin.app.cli.asr;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.meditwin.app.cli.CliSupport;
import org.meditwin.dictation.Dictation;
import org.meditwin.dictation.DictationConfig;
import org.meditwin.dictation.Engine;
import org.meditwin.dictation.EngineStatus;
import org.meditwin.dictation.RecognitionException;
import org.meditwin.dictation.Transcript;
import org.meditwin.dictation.Utterance;
import org.meditwin.dictation.WavFiles;
import org.meditwin.dictation.eval.AsrBenchmark;
import org.meditwin.dictation.eval.AsrEvaluation;
import org.meditwin.dictation.eval.SpeechSynthesizer;
import org.meditwin.dictation.lm.HearingLmBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code asr --wav F [--engine E]}: offline speech-to-text of a WAV file, printing {@code {text,
 * engine, seconds}} (seconds = audio duration) plus processing time and utterances. Subcommands:
 * {@code engines}, {@code build-lm}, {@code eval}, {@code bench}.
 */
@Command(
    name = "asr",
    description = "Offline speech-to-text of a WAV file (dictation).",
    subcommands = {
      AsrCommand.Engines.class,
      AsrCommand.BuildLm.class,
      AsrCommand.Eval.class,
      AsrCommand.Bench.class
    })
public final class AsrCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  @Option(names = "--wav", paramLabel = "FILE", description = "PCM WAV file (any rate/channels).")
  Path wav;

  @Option(
      names = "--engine",
      paramLabel = "ENGINE",
      description = "whisper, vosk or pocketsphinx (default: the first available in that order).")
  String engine;

  @Option(names = "--general-lm", description = "Use pocketsphinx's general LM, not the domain LM.")
  boolean generalLm;

  @Override
  public Integer call() throws IOException {
    if (wav == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "give --wav FILE, or a subcommand: engines, build-lm, eval, bench");
    }
    var clip = WavFiles.read(wav);
    try (Dictation d = Dictation.create(config(!generalLm))) {
      Transcript t;
      try {
        if (engine == null) {
          t = d.transcribe(clip);
        } else {
          Engine e =
              Engine.parse(engine)
                  .orElseThrow(
                      () ->
                          new IllegalArgumentException(
                              "unknown engine '"
                                  + engine
                                  + "'; use whisper, vosk or pocketsphinx"));
          EngineStatus s = d.status(e);
          if (!s.available()) {
            throw new IllegalArgumentException(e.id() + " is not available: " + s.detail());
          }
          t = d.transcribe(clip, e);
        }
      } catch (RecognitionException e) {
        throw new IOException("speech recognition failed: " + e.getMessage(), e);
      }
      if (json(spec)) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("text", t.text());
        m.put("engine", t.engine().id());
        m.put("seconds", round(t.audioSeconds()));
        m.put("processingSeconds", round(t.processingSeconds()));
        m.put("model", d.status(t.engine()).detail());
        List<Map<String, Object>> us = new ArrayList<>();
        for (Utterance u : t.utterances()) {
          us.add(Map.of("start", round(u.start()), "end", round(u.end()), "text", u.text()));
        }
        m.put("utterances", us);
        print(spec, m);
      } else {
        out(spec).println(t.text());
        err(spec)
            .printf(
                Locale.ROOT,
                "asr: %s, %.2f s of audio in %.2f s (%s)%n",
                t.engine().id(),
                t.audioSeconds(),
                t.processingSeconds(),
                t.text().isEmpty() ? "no speech detected" : t.utterances().size() + " utterances");
        err(spec).flush();
      }
    }
    return 0;
  }

  static DictationConfig config(boolean domain) {
    return DictationConfig.defaults(modelsDir()).withDomainModel(domain);
  }

  static Path modelsDir() {
    return CliSupport.modelsDir();
  }

  static boolean json(CommandSpec spec) {
    return CliSupport.json(spec);
  }

  static PrintWriter out(CommandSpec spec) {
    return CliSupport.out(spec);
  }

  static PrintWriter err(CommandSpec spec) {
    return CliSupport.err(spec);
  }

  static void print(CommandSpec spec, Object value) throws IOException {
    out(spec).println(JSON.writeValueAsString(value));
    out(spec).flush();
  }

  static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  /** {@code asr engines}: what is available and why not. */
  @Command(name = "engines", description = "Speech-to-text engines: available or why not.")
  static final class Engines implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      try (Dictation d = Dictation.create(config(true))) {
        List<EngineStatus> all = d.status();
        if (json(spec)) {
          List<Map<String, Object>> list = new ArrayList<>();
          for (EngineStatus s : all) {
            list.add(
                Map.of(
                    "engine", s.engine().id(), "available", s.available(), "detail", s.detail()));
          }
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("engines", list);
          m.put("preferred", d.preferredEngine().map(Engine::id).orElse(""));
          print(spec, m);
        } else {
          for (EngineStatus s : all) {
            out(spec)
                .printf(
                    "%-13s %-11s %s%n",
                    s.engine().id(), s.available() ? "available" : "unavailable", s.detail());
          }
          out(spec).flush();
        }
      }
      return 0;
    }
  }

  /** {@code asr build-lm}: rebuilds models/asr-hearing-lm/. */
  @Command(
      name = "build-lm",
      description = "Rebuild the hearing-care language model and dictionary.")
  static final class BuildLm implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--data",
        paramLabel = "CSV",
        description =
            "MTSamples CSV (default: $MEDITWIN_DATA_DIR/router/mtsamples-dev.csv, else"
                + " ../shared/data/router/mtsamples-dev.csv).")
    Path data;

    @Override
    public Integer call() throws IOException {
      Path out = modelsDir().resolve(DictationConfig.HEARING_LM_FOLDER);
      HearingLmBuilder.Result r =
          HearingLmBuilder.build(
              new HearingLmBuilder.Inputs(
                  data != null
                      ? data
                      : org.meditwin.app.cli.CliSupport.dataDir(null)
                          .resolve("router/mtsamples-dev.csv"),
                  DictationConfig.DEBIAN_POCKETSPHINX.resolve("cmudict-en-us.dict"),
                  out));
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("model", out.toString());
      m.put("syntheticSentences", r.syntheticSentences());
      m.put("entNotes", r.entNotes());
      m.put("entSentences", r.entSentences());
      m.put("tokens", r.tokens());
      m.put("vocabulary", r.vocabulary());
      m.put("oovTypesMappedToUnk", r.oovTypesDropped());
      m.put("ngrams", r.ngrams());
      if (json(spec)) {
        print(spec, m);
      } else {
        m.forEach(
            (k, v) ->
                out(spec)
                    .println(k + ": " + (v instanceof int[] a ? java.util.Arrays.toString(a) : v)));
        out(spec).flush();
      }
      return 0;
    }
  }

  /** {@code asr eval}: WER on the synthetic held-out dictations, general vs domain LM. */
  @Command(
      name = "eval",
      description = "WER on synthetic held-out dictations (flite), general vs domain LM.")
  static final class Eval implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--voices",
        split = ",",
        defaultValue = "slt,rms",
        description = "flite voices (default: ${DEFAULT-VALUE}).")
    List<String> voices;

    @Option(
        names = "--record",
        description = "Write the scores into models/asr-hearing-lm/model.json.")
    boolean record;

    @Override
    public Integer call() throws IOException {
      if (!SpeechSynthesizer.available()) {
        throw new IllegalArgumentException("flite is not installed (apt-get install flite)");
      }
      List<AsrEvaluation.Score> scores;
      try {
        scores =
            AsrEvaluation.run(
                config(true),
                voices,
                s -> {
                  err(spec).println("asr eval: " + s);
                  err(spec).flush();
                });
      } catch (RecognitionException e) {
        throw new IOException("speech recognition failed: " + e.getMessage(), e);
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("split", "SYNTHETIC held-out dictations (dev), spoken by flite");
      m.put("scores", scores);
      if (record) {
        HearingLmBuilder.writeMetrics(modelsDir().resolve(DictationConfig.HEARING_LM_FOLDER), m);
      }
      if (json(spec)) {
        print(spec, m);
      } else {
        for (AsrEvaluation.Score s : scores) {
          out(spec)
              .printf(
                  Locale.ROOT,
                  "%-42s voice %-4s WER %.3f (%d/%d)  RTF %.3f%n",
                  s.configuration(),
                  s.voice(),
                  s.wer(),
                  s.errors(),
                  s.referenceWords(),
                  s.realTimeFactor());
        }
        out(spec).flush();
      }
      return 0;
    }
  }

  /** {@code asr bench}: real-time factor per engine. */
  @Command(name = "bench", description = "Real-time factor per engine on synthetic dictations.")
  static final class Bench implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--utterances",
        defaultValue = "10",
        description = "Utterances (default: ${DEFAULT-VALUE}).")
    int utterances;

    @Override
    public Integer call() throws IOException {
      if (!SpeechSynthesizer.available()) {
        throw new IllegalArgumentException("flite is not installed (apt-get install flite)");
      }
      boolean json = json(spec);
      List<AsrBenchmark.Measurement> results;
      try {
        results =
            AsrBenchmark.run(
                config(true),
                utterances,
                m -> {
                  PrintWriter w = json ? err(spec) : out(spec);
                  w.printf(
                      Locale.ROOT,
                      Double.isNaN(m.value()) ? "%-60s%n" : "%-60s %10.3f %s%n",
                      m.name(),
                      m.value(),
                      m.unit());
                  w.flush();
                });
      } catch (RecognitionException e) {
        throw new IOException("speech recognition failed: " + e.getMessage(), e);
      }
      if (json) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("suite", "asr");
        m.put("cores", Runtime.getRuntime().availableProcessors());
        List<Map<String, Object>> list = new ArrayList<>();
        for (AsrBenchmark.Measurement x : results) {
          Map<String, Object> e = new LinkedHashMap<>();
          e.put("name", x.name());
          e.put("value", Double.isNaN(x.value()) ? null : x.value());
          e.put("unit", x.unit());
          list.add(e);
        }
        m.put("measurements", list);
        print(spec, m);
      }
      return 0;
    }
  }
}
