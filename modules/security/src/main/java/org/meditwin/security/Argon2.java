package org.meditwin.security;

import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/** Argon2id (v1.3) through BouncyCastle's pure-Java generator. */
final class Argon2 {
  static final int SALT_BYTES = 16;

  /** Total memory-passes (KiB x iterations) computed so far; lets tests compare work exactly. */
  private static final AtomicLong WORK = new AtomicLong();

  private Argon2() {}

  /** Derives {@code length} bytes from {@code password} (UTF-8) and {@code salt}. */
  static byte[] derive(char[] password, byte[] salt, KdfParams p, int length) {
    Argon2Parameters params =
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withSalt(salt)
            .withMemoryAsKB(p.memoryKiB())
            .withIterations(p.iterations())
            .withParallelism(p.parallelism())
            .build();
    Argon2BytesGenerator gen = new Argon2BytesGenerator();
    gen.init(params);
    byte[] out = new byte[length];
    gen.generateBytes(password, out);
    WORK.addAndGet((long) p.memoryKiB() * p.iterations());
    return out;
  }

  static long workDone() {
    return WORK.get();
  }
}
