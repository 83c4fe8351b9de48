package org.meditwin.dictation.eval;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.meditwin.dictation.AudioClip;
import org.meditwin.dictation.Dictation;
import org.meditwin.dictation.DictationConfig;
import org.meditwin.dictation.Engine;
import org.meditwin.dictation.EngineStatus;
import org.meditwin.dictation.RecognitionException;
import org.meditwin.dictation.Transcript;
import org.meditwin.dictation.VoiceActivityDetector;
import org.meditwin.dictation.WavFiles;
import org.meditwin.dictation.lm.HearingLmBuilder;

/**
 * {@code ./run asr bench}: real-time factor (processing time / audio time, median over the
 * SYNTHETIC held-out dictations spoken by flite) per available engine, plus model loading, WAV
 * decoding with resampling, and voice-activity detection throughput.
 */
public final class AsrBenchmark {
  private AsrBenchmark() {}

  /** One number. */
  public record Measurement(String name, double value, String unit) {}

  public static List<Measurement> run(
      DictationConfig config, int utterances, Consumer<Measurement> progress)
      throws IOException, RecognitionException {
    List<Measurement> out = new ArrayList<>();
    Consumer<Measurement> add =
        m -> {
          out.add(m);
          progress.accept(m);
        };
    SpeechSynthesizer tts = new SpeechSynthesizer("slt");
    List<AudioClip> clips = new ArrayList<>();
    for (String s : HearingLmBuilder.heldOut().subList(0, Math.min(utterances, 25))) {
      clips.add(tts.speak(s));
    }
    double audio = clips.stream().mapToDouble(AudioClip::seconds).sum();
    add.accept(new Measurement("utterances (flite slt)", clips.size(), ""));
    add.accept(new Measurement("audio", audio, "s"));

    // WAV decoding with 48 kHz stereo -> 16 kHz mono resampling, 60 s of audio
    short[] one = clips.getFirst().samples();
    byte[] wav48 = stereo48k(one, 60);
    WavFiles.decode(wav48);
    long t0 = System.nanoTime();
    WavFiles.decode(wav48);
    add.accept(new Measurement("WAV 48 kHz stereo -> 16 kHz mono, 60 s audio", ms(t0), "ms"));

    VoiceActivityDetector vad = VoiceActivityDetector.withDefaults();
    AudioClip minute = new AudioClip(Arrays.copyOf(one, 16_000 * 60));
    vad.segments(minute);
    t0 = System.nanoTime();
    vad.segments(minute);
    add.accept(new Measurement("VAD, 60 s audio", ms(t0), "ms"));

    List<DictationConfig> configs =
        List.of(config.withDomainModel(false), config.withDomainModel(true));
    for (Engine e : Engine.values()) {
      for (DictationConfig c : e == Engine.POCKETSPHINX ? configs : List.of(config)) {
        String label =
            e.id()
                + (e == Engine.POCKETSPHINX
                    ? (c.domainModel() ? " (domain LM)" : " (general LM)")
                    : "");
        try (Dictation d = Dictation.create(c)) {
          EngineStatus st = d.status(e);
          if (!st.available()) {
            add.accept(new Measurement(label + " unavailable: " + st.detail(), Double.NaN, ""));
            continue;
          }
          t0 = System.nanoTime();
          d.recognizer(e);
          add.accept(new Measurement(label + " load", ms(t0), "ms"));
          double[] rtf = new double[clips.size()];
          for (int i = 0; i < clips.size(); i++) {
            Transcript t = d.transcribe(clips.get(i), e);
            rtf[i] = t.realTimeFactor();
          }
          Arrays.sort(rtf);
          add.accept(
              new Measurement(label + " real-time factor (median)", rtf[rtf.length / 2], "x"));
        }
      }
    }
    return out;
  }

  private static double ms(long t0) {
    return Math.round((System.nanoTime() - t0) / 1e5) / 10.0;
  }

  private static byte[] stereo48k(short[] s16k, int seconds) {
    int frames = 48_000 * seconds;
    java.nio.ByteBuffer b =
        java.nio.ByteBuffer.allocate(44 + frames * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + frames * 4);
    b.put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16);
    b.putShort((short) 1).putShort((short) 2).putInt(48_000).putInt(48_000 * 4);
    b.putShort((short) 4).putShort((short) 16);
    b.put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(frames * 4);
    for (int i = 0; i < frames; i++) {
      short v = s16k[(i / 3) % s16k.length];
      b.putShort(v).putShort(v);
    }
    return b.array();
  }
}
