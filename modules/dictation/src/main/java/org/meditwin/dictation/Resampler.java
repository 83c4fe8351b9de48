package org.meditwin.dictation;

import java.math.BigInteger;

/**
 * Band-limited resampling with a Hann-windowed sinc kernel; the cut-off follows the lower of the
 * two Nyquist frequencies, so down-sampling does not alias. For rational ratios L/M with a small L
 * (every common rate to 16 kHz) the kernel is precomputed per phase (polyphase); otherwise it is
 * evaluated at each output instant.
 */
final class Resampler {
  private static final int ZERO_CROSSINGS = 16;
  private static final int MAX_PHASES = 4096;

  private Resampler() {}

  /** Resamples {@code in} (values in [-1, 1]) from {@code from} Hz to {@code to} Hz. */
  static float[] resample(float[] in, int from, int to) {
    if (from == to) {
      return in.clone();
    }
    int g = BigInteger.valueOf(from).gcd(BigInteger.valueOf(to)).intValue();
    int up = to / g;
    int down = from / g;
    double ratio = (double) to / from;
    double cutoff = Math.min(1.0, ratio) * 0.97; // relative to the input Nyquist
    double halfWidth = ZERO_CROSSINGS / cutoff; // in input samples
    int outLength = (int) Math.floor(in.length * ratio);
    return up <= MAX_PHASES
        ? polyphase(in, up, down, cutoff, halfWidth, outLength)
        : direct(in, ratio, cutoff, halfWidth, outLength);
  }

  private static float[] polyphase(
      float[] in, int up, int down, double cutoff, double halfWidth, int outLength) {
    int[] first = new int[up];
    double[][] taps = new double[up][];
    for (int p = 0; p < up; p++) {
      double frac = p / (double) up;
      int lo = (int) Math.ceil(frac - halfWidth);
      int hi = (int) Math.floor(frac + halfWidth);
      double[] w = new double[hi - lo + 1];
      double sum = 0;
      for (int j = lo; j <= hi; j++) {
        w[j - lo] = kernel(j - frac, cutoff, halfWidth);
        sum += w[j - lo];
      }
      for (int j = 0; j < w.length; j++) {
        w[j] /= sum;
      }
      first[p] = lo;
      taps[p] = w;
    }
    float[] out = new float[outLength];
    for (int n = 0; n < outLength; n++) {
      long pos = (long) n * down;
      int base = (int) (pos / up);
      int p = (int) (pos % up);
      double[] w = taps[p];
      int start = base + first[p];
      double acc = 0;
      if (start >= 0 && start + w.length <= in.length) {
        for (int j = 0; j < w.length; j++) {
          acc += in[start + j] * w[j];
        }
      } else {
        double norm = 0;
        for (int j = 0; j < w.length; j++) {
          int k = start + j;
          if (k >= 0 && k < in.length) {
            acc += in[k] * w[j];
            norm += w[j];
          }
        }
        acc = norm > 1e-9 ? acc / norm : 0;
      }
      out[n] = (float) acc;
    }
    return out;
  }

  private static float[] direct(
      float[] in, double ratio, double cutoff, double halfWidth, int outLength) {
    float[] out = new float[outLength];
    for (int n = 0; n < outLength; n++) {
      double t = n / ratio;
      int lo = (int) Math.ceil(t - halfWidth);
      int hi = (int) Math.floor(t + halfWidth);
      double acc = 0;
      double norm = 0;
      for (int k = Math.max(lo, 0); k <= Math.min(hi, in.length - 1); k++) {
        double h = kernel(k - t, cutoff, halfWidth);
        acc += in[k] * h;
        norm += h;
      }
      out[n] = (float) (norm > 1e-9 ? acc / norm : 0);
    }
    return out;
  }

  private static double kernel(double x, double cutoff, double halfWidth) {
    double w = 0.5 + 0.5 * Math.cos(Math.PI * x / halfWidth);
    double cx = cutoff * x;
    double sinc = Math.abs(cx) < 1e-12 ? 1 : Math.sin(Math.PI * cx) / (Math.PI * cx);
    return cutoff * sinc * w;
  }
}
