package org.meditwin.search.cases;

/** Vector checks shared by records and queries. */
final class CaseVectors {
  private CaseVectors() {}

  /** An L2-normalised copy; rejects empty, non-finite and all-zero vectors. */
  static float[] unit(float[] v) {
    if (v.length == 0) {
      throw new IllegalArgumentException("empty image vector");
    }
    double norm = 0;
    for (float x : v) {
      if (!Float.isFinite(x)) {
        throw new IllegalArgumentException("image vector has a non-finite value");
      }
      norm += (double) x * x;
    }
    if (norm == 0) {
      throw new IllegalArgumentException("image vector is all zeros");
    }
    float[] out = new float[v.length];
    double inv = 1 / Math.sqrt(norm);
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) (v[i] * inv);
    }
    return out;
  }

  static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (double) a[i] * b[i];
    }
    return s;
  }
}
