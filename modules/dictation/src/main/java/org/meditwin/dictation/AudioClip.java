package org.meditwin.dictation;

import java.util.Arrays;

/**
 * Speech audio in the one format every engine takes: 16 kHz, mono, signed 16-bit samples.
 *
 * @param samples PCM samples (copied on construction and on access)
 */
public record AudioClip(short[] samples) {
  /** The sample rate of every clip. */
  public static final int SAMPLE_RATE = 16_000;

  public AudioClip {
    samples = samples.clone();
  }

  @Override
  public short[] samples() {
    return samples.clone();
  }

  /** Number of samples. */
  public int length() {
    return samples.length;
  }

  /** Duration in seconds. */
  public double seconds() {
    return samples.length / (double) SAMPLE_RATE;
  }

  /** Samples {@code [from, to)} as a new clip. */
  public AudioClip slice(int from, int to) {
    return new AudioClip(Arrays.copyOfRange(samples, from, to));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AudioClip c && Arrays.equals(samples, c.samples);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(samples);
  }

  @Override
  public String toString() {
    return String.format("AudioClip[%.2f s]", seconds());
  }
}
