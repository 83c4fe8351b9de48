package org.meditwin.security;

/**
 * Argon2id cost parameters. They are stored next to every password-derived value (wrapped keys,
 * archive headers) so that entries written with older parameters still verify after the defaults
 * change.
 *
 * @param memoryKiB memory cost in KiB (at least {@code 8 * parallelism})
 * @param iterations time cost (passes over memory)
 * @param parallelism lanes
 */
public record KdfParams(int memoryKiB, int iterations, int parallelism) {

  /**
   * Upper bounds, checked before any work: a crafted archive header or key ring cannot make us
   * allocate more than 256 MiB or spin for minutes (4x the production memory leaves room to raise
   * the defaults).
   */
  static final int MAX_MEMORY_KIB = 1 << 18;

  static final int MAX_ITERATIONS = 32;
  static final int MAX_PARALLELISM = 16;

  public KdfParams {
    if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
      throw new IllegalArgumentException("Argon2 parallelism must be 1.." + MAX_PARALLELISM);
    }
    if (iterations < 1 || iterations > MAX_ITERATIONS) {
      throw new IllegalArgumentException("Argon2 iterations must be 1.." + MAX_ITERATIONS);
    }
    if (memoryKiB < 8 * parallelism || memoryKiB > MAX_MEMORY_KIB) {
      throw new IllegalArgumentException(
          "Argon2 memory must be " + 8 * parallelism + ".." + MAX_MEMORY_KIB + " KiB");
    }
  }

  /**
   * 64 MiB, 3 passes, 1 lane (OWASP's second recommended Argon2id configuration is m=64MiB,t=3).
   */
  public static KdfParams production() {
    return new KdfParams(65536, 3, 1);
  }

  /** 1 MiB, 1 pass: fast enough for unit tests. Never use for real data. */
  public static KdfParams fastForTests() {
    return new KdfParams(1024, 1, 1);
  }
}
