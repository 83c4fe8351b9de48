package org.meditwin.security;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.meditwin.core.domain.AuditAction;
import org.meditwin.core.domain.AuditEvent;
import org.meditwin.core.domain.UserId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plain-Java timings for the README (not a unit test; nothing here asserts speed). Run with the
 * command in modules/security/README.md. Results go to the log and to {@code target/benchmark.txt}.
 */
public final class SecurityBenchmark {
  private static final Logger LOG = LoggerFactory.getLogger(SecurityBenchmark.class);
  private static final StringBuilder OUT = new StringBuilder();

  private SecurityBenchmark() {}

  public static void main(String[] args) throws Exception {
    report(
        "JVM %s, %d CPUs, max heap %d MiB",
        Runtime.version(),
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20);
    argon2(KdfParams.production(), 2, 7);
    argon2(KdfParams.fastForTests(), 5, 20);
    keyRingUnlock();
    archive(256);
    fieldCipher();
    auditVerify(100_000);
    Path out = Path.of("target", "benchmark.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, OUT);
  }

  private static void argon2(KdfParams p, int warmup, int runs) {
    char[] pw = "benchmark password".toCharArray();
    byte[] salt = new byte[16];
    for (int i = 0; i < warmup; i++) {
      Argon2.derive(pw, salt, p, 32);
    }
    double[] ms = new double[runs];
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      Argon2.derive(pw, salt, p, 32);
      ms[i] = (System.nanoTime() - t0) / 1e6;
    }
    Arrays.sort(ms);
    report(
        "Argon2id m=%d KiB t=%d p=%d: median %.0f ms (min %.0f, max %.0f, %d runs)",
        p.memoryKiB(), p.iterations(), p.parallelism(), ms[runs / 2], ms[0], ms[runs - 1], runs);
  }

  private static void keyRingUnlock() throws Exception {
    Path dir = Files.createTempDirectory("kr-bench");
    Path file = dir.resolve("keyring.json");
    KeyRing ring =
        KeyRing.create(file, KdfParams.production(), Clock.systemUTC(), LockoutPolicy.standard());
    char[] pw = "benchmark password".toCharArray();
    try (DataKey key = DataKey.generate()) {
      ring.addUser("bench", UserId.random(), pw, key);
    }
    double[] known = new double[5];
    double[] unknown = new double[5];
    for (int i = 0; i < 5; i++) {
      long t0 = System.nanoTime();
      try (DataKey _ = ring.unlock("bench", pw)) {
        known[i] = (System.nanoTime() - t0) / 1e6;
      }
      t0 = System.nanoTime();
      ring.verify("nobody-" + i, pw);
      unknown[i] = (System.nanoTime() - t0) / 1e6;
    }
    Arrays.sort(known);
    Arrays.sort(unknown);
    report(
        "KeyRing.unlock (production params): median %.0f ms; unknown username: median %.0f ms",
        known[2], unknown[2]);
    Files.deleteIfExists(file);
    Files.deleteIfExists(dir);
  }

  private static void archive(int mib) throws Exception {
    byte[] block = new byte[1 << 20];
    new Random(1).nextBytes(block);
    char[] pw = "archive password".toCharArray();
    KdfParams p = KdfParams.production();
    // Encrypt to a sink, timing only the streaming part (Argon2 is reported above).
    try (OutputStream warm = ArchiveCipher.encrypting(new CountingSink(), pw, p)) {
      for (int i = 0; i < 64; i++) {
        warm.write(block); // JIT warm-up
      }
    }
    CountingSink sink = new CountingSink();
    OutputStream enc = ArchiveCipher.encrypting(sink, pw, p);
    long t0 = System.nanoTime();
    for (int i = 0; i < mib; i++) {
      enc.write(block);
    }
    enc.close();
    double encS = (System.nanoTime() - t0) / 1e9;
    report("ArchiveCipher encrypt: %d MiB in %.2f s = %.0f MiB/s", mib, encS, mib / encS);

    int decMib = Math.min(mib, 128);
    ByteArrayOutputStream bos = new ByteArrayOutputStream(decMib * (1 << 20) + (1 << 16));
    try (OutputStream e = ArchiveCipher.encrypting(bos, pw, p)) {
      for (int i = 0; i < decMib; i++) {
        e.write(block);
      }
    }
    byte[] archive = bos.toByteArray();
    bos = null;
    try (InputStream in = ArchiveCipher.decrypting(new ByteArrayInputStream(archive), pw)) {
      byte[] buf = new byte[1 << 16];
      long total = 0;
      long t1 = System.nanoTime();
      int n;
      while ((n = in.read(buf)) > 0) {
        total += n;
      }
      double decS = (System.nanoTime() - t1) / 1e9;
      report(
          "ArchiveCipher decrypt: %d MiB in %.2f s = %.0f MiB/s",
          total >> 20, decS, (total >> 20) / decS);
    }
  }

  private static void fieldCipher() {
    FieldCipher c = new FieldCipher(new byte[32]);
    byte[] plain = new byte[200];
    byte[] aad = "patient/name/1".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    for (int i = 0; i < 50_000; i++) {
      c.decrypt(c.encrypt(plain, aad), aad);
    }
    int n = 200_000;
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      c.decrypt(c.encrypt(plain, aad), aad);
    }
    double s = (System.nanoTime() - t0) / 1e9;
    report("FieldCipher 200-byte encrypt+decrypt: %.0f pairs/s", n / s);
  }

  private static void auditVerify(int n) {
    List<AuditEvent> chain = new ArrayList<>(n);
    String prev = AuditChain.GENESIS;
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    for (int i = 1; i <= n; i++) {
      Instant at = t.plusSeconds(i);
      String h =
          AuditChain.hash(
              prev,
              i,
              at,
              "u_0123456789abcdef",
              AuditAction.PHI_READ,
              "patient",
              "p" + i,
              true,
              "");
      chain.add(
          new AuditEvent(
              i,
              at,
              "u_0123456789abcdef",
              AuditAction.PHI_READ,
              "patient",
              "p" + i,
              true,
              "",
              prev,
              h));
      prev = h;
    }
    AuditChain.verify(chain);
    long t0 = System.nanoTime();
    boolean ok = AuditChain.verify(chain).ok();
    double ms = (System.nanoTime() - t0) / 1e6;
    report("AuditChain.verify %d entries: %.0f ms (ok=%s)", n, ms, ok);
  }

  private static void report(String fmt, Object... args) {
    String line = String.format(java.util.Locale.ROOT, fmt, args);
    LOG.info(line);
    OUT.append(line).append('\n');
  }

  private static final class CountingSink extends OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }
}
