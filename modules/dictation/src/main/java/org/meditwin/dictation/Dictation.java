package org.meditwin.dictation;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offline dictation: engine status and selection, voice-activity segmentation and recognition.
 * Whisper, then Vosk, are preferred automatically when their model is present in {@code models/};
 * pocketsphinx (Debian) with the hearing-care domain model is the built-in default. Thread-safe;
 * close to free the engines.
 */
public final class Dictation implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Dictation.class);

  private final DictationConfig config;
  private final VoiceActivityDetector vad;
  private final Map<Engine, SpeechRecognizer> open = new EnumMap<>(Engine.class);

  private Dictation(DictationConfig config, VoiceActivityDetector vad) {
    this.config = config;
    this.vad = vad;
  }

  public static Dictation create(DictationConfig config) {
    return new Dictation(config, VoiceActivityDetector.withDefaults());
  }

  public DictationConfig config() {
    return config;
  }

  /** Every engine, whether it can be used and why (in preference order). */
  public List<EngineStatus> status() {
    List<EngineStatus> out = new ArrayList<>();
    for (Engine e : Engine.values()) {
      out.add(status(e));
    }
    return List.copyOf(out);
  }

  /** Status of one engine. */
  public EngineStatus status(Engine engine) {
    return switch (engine) {
      case WHISPER -> {
        Path folder = config.modelsDir().resolve(DictationConfig.WHISPER_FOLDER);
        String p = WhisperRecognizer.problem(folder);
        yield new EngineStatus(
            engine,
            p.isEmpty(),
            p.isEmpty()
                ? "model " + WhisperRecognizer.modelFile(folder).orElseThrow().getFileName()
                : p);
      }
      case VOSK -> {
        Path folder = config.modelsDir().resolve(DictationConfig.VOSK_FOLDER);
        String p = VoskRecognizer.problem(folder);
        yield new EngineStatus(engine, p.isEmpty(), p.isEmpty() ? "model " + folder : p);
      }
      case POCKETSPHINX -> {
        try {
          PocketSphinxRecognizer.libraries();
          PocketSphinxRecognizer.Models m = pocketsphinxModels();
          PocketSphinxRecognizer.check(m);
          yield new EngineStatus(engine, true, m.label());
        } catch (RecognitionException e) {
          yield new EngineStatus(engine, false, e.getMessage());
        }
      }
    };
  }

  /** The engine automatic selection picks: the first available in {@link Engine} order. */
  public Optional<Engine> preferredEngine() {
    return status().stream().filter(EngineStatus::available).map(EngineStatus::engine).findFirst();
  }

  /** The pocketsphinx models in use: the verified domain model, else the general one. */
  PocketSphinxRecognizer.Models pocketsphinxModels() {
    Path ps = config.pocketsphinxDir();
    Path general = ps.resolve("en-us.lm.bin");
    Path generalDict = ps.resolve("cmudict-en-us.dict");
    if (config.domainModel()) {
      Path domain = config.modelsDir().resolve(DictationConfig.HEARING_LM_FOLDER);
      String problem = HearingModel.verify(domain);
      if (problem.isEmpty()) {
        return new PocketSphinxRecognizer.Models(
            ps.resolve("en-us"),
            domain.resolve(HearingModel.DICT_FILE),
            domain.resolve(HearingModel.LM_FILE),
            "hearing-care domain LM and dictionary");
      }
      LOG.warn("asr: using the general language model: {}", problem);
      return new PocketSphinxRecognizer.Models(
          ps.resolve("en-us"), generalDict, general, "general LM; " + problem);
    }
    return new PocketSphinxRecognizer.Models(
        ps.resolve("en-us"), generalDict, general, "general US English LM");
  }

  /** The opened recognizer for an engine (opened once, then shared). */
  public synchronized SpeechRecognizer recognizer(Engine engine) throws RecognitionException {
    SpeechRecognizer r = open.get(engine);
    if (r == null) {
      r =
          switch (engine) {
            case WHISPER ->
                WhisperRecognizer.open(config.modelsDir().resolve(DictationConfig.WHISPER_FOLDER));
            case VOSK ->
                VoskRecognizer.open(config.modelsDir().resolve(DictationConfig.VOSK_FOLDER));
            case POCKETSPHINX -> PocketSphinxRecognizer.open(pocketsphinxModels());
          };
      LOG.info("asr: opened {}", r.describe());
      open.put(engine, r);
    }
    return r;
  }

  /** Transcribes with the preferred engine. */
  public Transcript transcribe(AudioClip clip) throws RecognitionException {
    Engine e =
        preferredEngine()
            .orElseThrow(
                () ->
                    new RecognitionException(
                        "no speech-to-text engine is available: "
                            + status(Engine.POCKETSPHINX).detail()));
    return transcribe(clip, e);
  }

  /** Segments the clip into utterances and recognises each with the given engine. */
  public Transcript transcribe(AudioClip clip, Engine engine) throws RecognitionException {
    SpeechRecognizer r = recognizer(engine);
    long t0 = System.nanoTime();
    List<Utterance> utterances = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (VoiceActivityDetector.Segment s : vad.segments(clip)) {
      String words = r.recognize(clip.slice(s.start(), s.end()));
      if (!words.isBlank()) {
        utterances.add(new Utterance(s.startSeconds(), s.endSeconds(), words));
        if (!text.isEmpty()) {
          text.append(' ');
        }
        text.append(words);
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    return new Transcript(text.toString(), engine, clip.seconds(), seconds, utterances);
  }

  /**
   * Live dictation: reads the source (microphone or file) in 100 ms blocks and recognises each
   * utterance as soon as the voice-activity detector closes it, calling {@code onUtterance} (for
   * the UI's live text) before returning the whole transcript. Stops at the end of the source or
   * after {@code maxDuration}.
   */
  public Transcript dictate(
      AudioSource source, Engine engine, Duration maxDuration, Consumer<Utterance> onUtterance)
      throws IOException, RecognitionException {
    return dictate(source, recognizer(engine), maxDuration, onUtterance);
  }

  Transcript dictate(
      AudioSource source,
      SpeechRecognizer recognizer,
      Duration maxDuration,
      Consumer<Utterance> onUtterance)
      throws IOException, RecognitionException {
    long t0 = System.nanoTime();
    long max = maxDuration.toMillis() * AudioClip.SAMPLE_RATE / 1000;
    short[] audio = new short[AudioClip.SAMPLE_RATE * 10];
    int length = 0;
    int windowStart = 0; // audio before this is already recognised
    int lastCheck = 0;
    // a segment is final once this much audio follows it (hangover + padding + one frame)
    int settle = (vad.settings().hangoverMs() + vad.settings().paddingMs() + 50) * 16;
    List<Utterance> utterances = new ArrayList<>();
    short[] block = new short[AudioClip.SAMPLE_RATE / 10];
    boolean ended = false;
    while (!ended) {
      int n = length >= max ? -1 : source.read(block);
      if (n < 0) {
        ended = true;
      } else {
        n = (int) Math.min(n, max - length);
        if (length + n > audio.length) {
          audio = Arrays.copyOf(audio, Math.max(audio.length * 2, length + n));
        }
        System.arraycopy(block, 0, audio, length, n);
        length += n;
        if (length - lastCheck < AudioClip.SAMPLE_RATE / 2) {
          continue;
        }
        lastCheck = length;
      }
      AudioClip window = new AudioClip(Arrays.copyOfRange(audio, windowStart, length));
      for (VoiceActivityDetector.Segment s : vad.segments(window)) {
        if (!ended && s.end() > window.length() - settle) {
          break; // still open: wait for more audio
        }
        String words = recognizer.recognize(window.slice(s.start(), s.end()));
        int offset = windowStart;
        windowStart = offset + s.end();
        if (!words.isBlank()) {
          Utterance u =
              new Utterance(
                  (offset + s.start()) / (double) AudioClip.SAMPLE_RATE,
                  (offset + s.end()) / (double) AudioClip.SAMPLE_RATE,
                  words);
          utterances.add(u);
          onUtterance.accept(u);
        }
      }
    }
    String text = String.join(" ", utterances.stream().map(Utterance::text).toList());
    return new Transcript(
        text,
        recognizer.engine(),
        length / (double) AudioClip.SAMPLE_RATE,
        (System.nanoTime() - t0) / 1e9,
        utterances);
  }

  @Override
  public synchronized void close() {
    for (SpeechRecognizer r : open.values()) {
      r.close();
    }
    open.clear();
  }
}
