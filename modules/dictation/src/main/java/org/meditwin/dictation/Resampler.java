package org.meditwin.dictation;

/**
 * Band-limited resampling by a Hann-windowed sinc kernel evaluated at each output instant; the
 * cut-off follows the lower of the two Nyquist frequencies, so down-sampling does not alias.
 */
final class Resampler {
  private static final int ZERO_CROSSINGS = 16;

  private Resampler() {}

  /** Resamples {@code in} (values in [-1, 1]) from {@code from} Hz to {@code to} Hz. */
  static float[] resample(float[] in, int from, int to) {
    if (from == to) {
      return in.clone();
    }
    double ratio = (double) to / from;
    int outLength = (int) Math.floor(in.length * ratio);
    float[] out = new float[outLength];
    double cutoff = Math.min(1.0, ratio) * 0.97; // relative to the input Nyquist
    double halfWidth = ZERO_CROSSINGS / cutoff; // in input samples
    for (int n = 0; n < outLength; n++) {
      double t = n / ratio;
      int lo = (int) Math.ceil(t - halfWidth);
      int hi = (int) Math.floor(t + halfWidth);
      double acc = 0;
      double norm = 0;
      for (int k = Math.max(lo, 0); k <= Math.min(hi, in.length - 1); k++) {
        double x = k - t;
        double w = 0.5 + 0.5 * Math.cos(Math.PI * x / halfWidth);
        double h = cutoff * sinc(cutoff * x) * w;
        acc += in[k] * h;
        norm += h;
      }
      out[n] = (float) (norm > 1e-9 ? acc / norm : 0);
    }
    return out;
  }

  private static double sinc(double x) {
    if (Math.abs(x) < 1e-12) {
      return 1;
    }
    double px = Math.PI * x;
    return Math.sin(px) / px;
  }
}
