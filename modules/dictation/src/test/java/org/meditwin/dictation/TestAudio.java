package org.meditwin.dictation;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Synthetic audio and WAV bytes for tests. */
final class TestAudio {
  private TestAudio() {}

  /** A WAV file with the given header fields around {@code data}. */
  static byte[] wav(int tag, int channels, int rate, int bits, byte[] data) {
    int align = channels * bits / 8;
    ByteBuffer b = ByteBuffer.allocate(44 + data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + data.length);
    b.put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16);
    b.putShort((short) tag).putShort((short) channels).putInt(rate).putInt(rate * align);
    b.putShort((short) align).putShort((short) bits);
    b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(data.length).put(data);
    return b.array();
  }

  /** 16-bit PCM bytes of a sine tone. */
  static byte[] tone16(int rate, int channels, double hz, double seconds, double amplitude) {
    int n = (int) (rate * seconds);
    ByteBuffer b = ByteBuffer.allocate(n * 2 * channels).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      short v = (short) Math.round(amplitude * 32767 * Math.sin(2 * Math.PI * hz * i / rate));
      for (int c = 0; c < channels; c++) {
        b.putShort(v);
      }
    }
    return b.array();
  }

  /** Zero crossings per second of a clip (≈ 2 × frequency for a tone). */
  static double crossingsPerSecond(AudioClip clip) {
    short[] s = clip.samples();
    int c = 0;
    for (int i = 1; i < s.length; i++) {
      if ((s[i] >= 0) != (s[i - 1] >= 0)) {
        c++;
      }
    }
    return c / clip.seconds();
  }

  static double rms(short[] s, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += (double) s[i] * s[i];
    }
    return Math.sqrt(sum / Math.max(1, to - from)) / 32768.0;
  }

  /**
   * A clip of background noise (amplitude {@code noise}) with speech-like bursts: band-limited
   * noise amplitude-modulated at a syllable rate of 4 Hz, at {@code [start, end)} seconds.
   */
  static AudioClip bursts(double seconds, double noise, double level, double[][] spans, long seed) {
    Random r = new Random(seed);
    int n = (int) (seconds * AudioClip.SAMPLE_RATE);
    short[] s = new short[n];
    double lp = 0;
    for (int i = 0; i < n; i++) {
      double t = i / (double) AudioClip.SAMPLE_RATE;
      double v = noise * r.nextGaussian();
      for (double[] span : spans) {
        if (t >= span[0] && t < span[1]) {
          lp = 0.7 * lp + 0.3 * r.nextGaussian(); // low-passed, voiced-like
          double env = 0.6 + 0.4 * Math.sin(2 * Math.PI * 4 * t);
          v += level * env * (lp + 0.5 * Math.sin(2 * Math.PI * 180 * t));
        }
      }
      s[i] = (short) Math.max(-32768, Math.min(32767, Math.round(v * 32767)));
    }
    return new AudioClip(s);
  }
}
