package org.meditwin.store;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.meditwin.core.domain.Patient;
import org.meditwin.core.service.UserSession;

/**
 * Measures the store on this machine (not a unit test). Run from the repository root:
 *
 * <pre>
 * ./mvnw -B -q -o -pl modules/store test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.meditwin.store.StoreBenchmark -Dexec.args="10000"
 * </pre>
 *
 * Prints: single-transaction insert rate (each insert is its own audited, committed, marked
 * transaction), search latency percentiles at the given patient count, and the database size.
 */
public final class StoreBenchmark {
  private StoreBenchmark() {}

  private static final String[] GIVEN = {
    "Anna",
    "José",
    "Zoë",
    "Mohammed",
    "Li",
    "Olga",
    "Pierre",
    "Aisha",
    "Kenji",
    "Maria",
    "Søren",
    "Chloé",
    "Ibrahim",
    "Eva",
    "Noah",
    "Fatima"
  };
  private static final String[] FAMILY = {
    "Müller",
    "García",
    "Ångström",
    "Nguyen",
    "Smith",
    "Kowalski",
    "Dubois",
    "Rossi",
    "Yilmaz",
    "Okafor",
    "Sato",
    "Novak",
    "Lindqvist",
    "Haddad",
    "Fernández",
    "O'Brien"
  };

  private static org.meditwin.core.service.PatientService.PatientInput randomPatient(
      Random rnd, int i) {
    String g = GIVEN[rnd.nextInt(GIVEN.length)];
    String f = FAMILY[rnd.nextInt(FAMILY.length)] + (i % 97);
    return StoreFixture.patient(g, f);
  }

  public static void main(String[] args) throws IOException {
    int patients = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Path dir = Files.createTempDirectory("meditwin-bench");
    Random rnd = new Random(42);
    try (EmbeddedWorkstation ws =
            EmbeddedWorkstation.open(
                dir, EmbeddedWorkstation.Options.fastKdfForTests(Clock.systemUTC()));
        UserSession s = ws.initialise("admin", "Bench", "benchmark-password".toCharArray())) {
      int single = Math.min(patients, 500);
      long t0 = System.nanoTime();
      for (int i = 0; i < single; i++) {
        s.patients().create(StoreFixture.withMrn(randomPatient(rnd, i), "B-" + i));
      }
      double secs = (System.nanoTime() - t0) / 1e9;
      out.printf(
          Locale.ROOT,
          "insert: %d patients in %.1f s = %.0f patients/s (each its own audited, committed,"
              + " marker-synced transaction)%n",
          single,
          secs,
          single / secs);
      // Fill up to the target size in batches of 1000 per transaction (set-up only).
      StoreSession ss = (StoreSession) s;
      long t1 = System.nanoTime();
      for (int start = single; start < patients; start += 1000) {
        int from = start;
        int to = Math.min(patients, start + 1000);
        ss.db()
            .write(
                tx -> {
                  for (int i = from; i < to; i++) {
                    PatientValidator.Valid v =
                        PatientValidator.validate(
                            StoreFixture.withMrn(randomPatient(rnd, i), "B-" + i),
                            java.time.LocalDate.now());
                    PatientRepository.insert(
                        tx,
                        new Patient(
                            org.meditwin.core.domain.PatientId.random(),
                            v.mrn(),
                            v.givenName(),
                            v.familyName(),
                            v.birthDate(),
                            v.sex(),
                            v.phone(),
                            v.email(),
                            v.address(),
                            v.notes(),
                            false,
                            tx.now(),
                            tx.now()));
                  }
                  return null;
                });
      }
      if (patients > single) {
        double bulk = (System.nanoTime() - t1) / 1e9;
        out.printf(
            Locale.ROOT,
            "bulk set-up: %d patients in %.1f s = %.0f patients/s (1000 per transaction)%n",
            patients - single,
            bulk,
            (patients - single) / bulk);
      }
      List<String> queries =
          List.of("muller", "ZOE", "garcia 12", "5550102030", "b-4242", "angstrom zoe", "xyz", "");
      int rounds = 30;
      long[] all = new long[queries.size() * rounds];
      int k = 0;
      for (String q : queries) {
        long[] nanos = new long[rounds];
        int hits = 0;
        for (int r = 0; r < rounds; r++) {
          long a = System.nanoTime();
          hits = s.patients().search(q, 50).size();
          nanos[r] = System.nanoTime() - a;
          all[k++] = nanos[r];
        }
        Arrays.sort(nanos);
        out.printf(
            Locale.ROOT,
            "  search %-14s -> %2d results, median %.1f ms%n",
            "\"" + q + "\"",
            hits,
            nanos[rounds / 2] / 1e6);
      }
      Arrays.sort(all);
      out.printf(
          Locale.ROOT,
          "search at %d patients (limit 50, audited): p50 %.1f ms, p95 %.1f ms, max %.1f ms%n",
          patients,
          all[all.length / 2] / 1e6,
          all[(int) (all.length * 0.95)] / 1e6,
          all[all.length - 1] / 1e6);
      long[] counts = new long[rounds];
      for (int r = 0; r < rounds; r++) {
        long a = System.nanoTime();
        s.patients().count();
        counts[r] = System.nanoTime() - a;
      }
      Arrays.sort(counts);
      out.printf(
          Locale.ROOT,
          "count() (read-only, no audit, no commit marker): median %.2f ms%n",
          counts[rounds / 2] / 1e6);
    }
    out.printf(
        Locale.ROOT,
        "database file after close: %.1f MiB%n",
        Files.size(dir.resolve("db/meditwin.mv.db")) / (1024.0 * 1024));
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted((a, b) -> b.compareTo(a)).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
