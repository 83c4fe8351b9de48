package org.meditwin.dictation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a clip into utterances with our own energy + zero-crossing detector: 25 ms frames every 10
 * ms; the noise floor is the 10th percentile of frame energy; a frame is speech when it is {@link
 * Settings#energyMarginDb()} above that floor (or half that with a fricative-like zero-crossing
 * rate); an utterance needs {@link Settings#minSpeechMs()} of speech, ends after {@link
 * Settings#hangoverMs()} of non-speech and is padded on both sides. Long utterances are cut at
 * their quietest frame so no segment exceeds {@link Settings#maxSegmentMs()}.
 */
public final class VoiceActivityDetector {
  static final int FRAME = 400; // 25 ms
  static final int HOP = 160; // 10 ms

  /** Tuning; {@link #defaults()} suits dictation at arm's length. */
  public record Settings(
      double energyMarginDb,
      double absoluteFloorDbfs,
      int minSpeechMs,
      int hangoverMs,
      int paddingMs,
      int maxSegmentMs) {
    public Settings {
      if (minSpeechMs <= 0 || hangoverMs < 0 || paddingMs < 0 || maxSegmentMs < 1000) {
        throw new IllegalArgumentException("invalid VAD settings");
      }
    }

    public static Settings defaults() {
      return new Settings(12, -50, 60, 400, 200, 25_000);
    }
  }

  /** An utterance: samples {@code [start, end)} of the clip. */
  public record Segment(int start, int end) {
    public Segment {
      if (start < 0 || end <= start) {
        throw new IllegalArgumentException("empty segment " + start + ".." + end);
      }
    }

    public double startSeconds() {
      return start / (double) AudioClip.SAMPLE_RATE;
    }

    public double endSeconds() {
      return end / (double) AudioClip.SAMPLE_RATE;
    }
  }

  private final Settings settings;

  public VoiceActivityDetector(Settings settings) {
    this.settings = settings;
  }

  public Settings settings() {
    return settings;
  }

  public static VoiceActivityDetector withDefaults() {
    return new VoiceActivityDetector(Settings.defaults());
  }

  /** Utterances in time order; empty for silence or noise only. */
  public List<Segment> segments(AudioClip clip) {
    short[] s = clip.samples();
    int frames = s.length < FRAME ? 0 : 1 + (s.length - FRAME) / HOP;
    if (frames == 0) {
      return List.of();
    }
    double[] energy = new double[frames];
    double[] zcr = new double[frames];
    for (int f = 0; f < frames; f++) {
      int o = f * HOP;
      double sum = 0;
      double mean = 0;
      for (int i = 0; i < FRAME; i++) {
        mean += s[o + i];
      }
      mean /= FRAME;
      int crossings = 0;
      double prev = s[o] - mean;
      for (int i = 0; i < FRAME; i++) {
        double v = s[o + i] - mean;
        sum += v * v;
        if ((v >= 0) != (prev >= 0)) {
          crossings++;
        }
        prev = v;
      }
      double rms = Math.sqrt(sum / FRAME) / 32768.0;
      energy[f] = 20 * Math.log10(rms + 1e-9);
      zcr[f] = crossings / (double) FRAME;
    }
    double[] sorted = energy.clone();
    Arrays.sort(sorted);
    double floor = sorted[(int) (0.10 * (frames - 1))];
    double threshold = Math.max(floor + settings.energyMarginDb(), settings.absoluteFloorDbfs());
    double weakThreshold =
        Math.max(floor + settings.energyMarginDb() / 2, settings.absoluteFloorDbfs());
    boolean[] speech = new boolean[frames];
    for (int f = 0; f < frames; f++) {
      speech[f] = energy[f] > threshold || (energy[f] > weakThreshold && zcr[f] > 0.25);
    }

    int minSpeech = Math.max(1, settings.minSpeechMs() / 10);
    int hangover = settings.hangoverMs() / 10;
    List<int[]> runs = new ArrayList<>();
    int f = 0;
    while (f < frames) {
      if (!speech[f]) {
        f++;
        continue;
      }
      int start = f;
      int lastSpeech = f;
      int voiced = 0;
      while (f < frames && f - lastSpeech <= hangover) {
        if (speech[f]) {
          lastSpeech = f;
          voiced++;
        }
        f++;
      }
      if (voiced >= minSpeech) {
        runs.add(new int[] {start, lastSpeech});
      }
    }

    int pad = settings.paddingMs() * AudioClip.SAMPLE_RATE / 1000;
    int maxLen = settings.maxSegmentMs() * AudioClip.SAMPLE_RATE / 1000;
    List<Segment> out = new ArrayList<>();
    for (int[] r : runs) {
      int startSample = Math.max(0, r[0] * HOP - pad);
      int endSample = Math.min(s.length, r[1] * HOP + FRAME + pad);
      if (!out.isEmpty() && out.getLast().end() >= startSample) {
        startSample = out.removeLast().start(); // padding made neighbours touch: one utterance
      }
      split(startSample, endSample, maxLen, energy, out);
    }
    return List.copyOf(out);
  }

  /** Cuts {@code [start, end)} at its quietest frames until every part fits {@code maxLen}. */
  private static void split(int start, int end, int maxLen, double[] energy, List<Segment> out) {
    if (end - start <= maxLen) {
      out.add(new Segment(start, end));
      return;
    }
    // search the middle half for the quietest frame
    int lo = (start + (end - start) / 4) / HOP;
    int hi = Math.min(energy.length - 1, (end - (end - start) / 4) / HOP);
    int best = lo;
    for (int f = lo; f <= hi; f++) {
      if (energy[f] < energy[best]) {
        best = f;
      }
    }
    int cut = best * HOP + FRAME / 2;
    split(start, cut, maxLen, energy, out);
    split(cut, end, maxLen, energy, out);
  }
}
