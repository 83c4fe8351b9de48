package org.meditwin.dictation;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A stream of 16 kHz mono 16-bit speech samples: a WAV file or the microphone. Not thread-safe; one
 * reader at a time.
 */
public interface AudioSource extends AutoCloseable {

  /**
   * Reads up to {@code buffer.length} samples.
   *
   * @return samples read, or -1 at the end of the audio
   * @throws IOException the device failed or the file is unreadable
   */
  int read(short[] buffer) throws IOException;

  /** What the audio comes from, without personal data ("WAV file", "microphone"). */
  String description();

  @Override
  void close() throws IOException;

  /** Reads everything that is left into one clip (at most {@code maxDuration}). */
  default AudioClip readAll(Duration maxDuration) throws IOException {
    long max = maxDuration.toMillis() * AudioClip.SAMPLE_RATE / 1000;
    short[] all = new short[4096];
    int n = 0;
    short[] buf = new short[4096];
    int r;
    while (n < max && (r = read(buf)) >= 0) {
      int take = (int) Math.min(r, max - n);
      if (n + take > all.length) {
        all = java.util.Arrays.copyOf(all, Math.max(all.length * 2, n + take));
      }
      System.arraycopy(buf, 0, all, n, take);
      n += take;
    }
    return new AudioClip(java.util.Arrays.copyOf(all, n));
  }

  /**
   * A WAV file (PCM 8/16/24/32-bit integer or 32/64-bit float, any channel count and rate),
   * converted to 16 kHz mono 16-bit.
   *
   * @throws AudioFormatException corrupt, unsupported or too large (see {@link WavFiles})
   */
  static AudioSource wavFile(Path wav) throws IOException {
    return new WavFileSource(WavFiles.read(wav));
  }

  /**
   * The default microphone through {@code javax.sound.sampled}, captured at 16 kHz mono.
   *
   * @throws AudioUnavailableException no capture device (e.g. on a build machine)
   */
  static AudioSource microphone() throws AudioUnavailableException {
    return MicrophoneSource.open();
  }
}
