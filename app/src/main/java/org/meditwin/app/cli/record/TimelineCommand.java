package org.meditwin.app.cli.record;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.meditwin.app.cli.CliSupport;
import org.meditwin.app.timeline.TimelineIndexing;
import org.meditwin.app.timeline.TimelineViewModel;
import org.meditwin.core.domain.Sex;
import org.meditwin.core.service.PatientService.PatientInput;
import org.meditwin.core.service.UserSession;
import org.meditwin.record.ClinicalEvent;
import org.meditwin.record.EventFilter;
import org.meditwin.record.EventIndexFeed;
import org.meditwin.record.EventStatus;
import org.meditwin.record.EventType;
import org.meditwin.record.Laterality;
import org.meditwin.record.Provenance;
import org.meditwin.record.TimelineService;
import org.meditwin.search.patient.PatientRecordIndex;
import org.meditwin.store.EmbeddedWorkstation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code timeline bench} ({@code ./run bench timeline}): open and filter latency at scale; {@code
 * timeline reindex}: rebuild the timeline events in the patient-record search index.
 */
@Command(
    name = "timeline",
    description = "Patient timeline tools.",
    subcommands = {TimelineCommand.Bench.class, TimelineCommand.Reindex.class})
public final class TimelineCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "missing subcommand: bench or reindex");
  }

  @Command(
      name = "reindex",
      description =
          "Rebuild the timeline events of one patient (or of all) in the encrypted patient-record"
              + " index from the record: stale entries go, every current event is indexed in one"
              + " commit.")
  static final class Reindex implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--patient", paramLabel = "ID", description = "Patient id or MRN.")
    String patient;

    @Option(names = "--all", description = "Every patient.")
    boolean all;

    @Option(
        names = "--user",
        paramLabel = "NAME",
        description = "Sign in as NAME (default: $MEDITWIN_USER).")
    String user;

    @Option(names = "--keyword-only", description = "Index by words only (no dense encoder load).")
    boolean keywordOnly;

    @Override
    public Integer call() {
      if (all == (patient != null)) {
        throw new IllegalArgumentException("give exactly one of --patient ID or --all");
      }
      Map<String, Object> json = new LinkedHashMap<>();
      TimelineIndexing.Report r =
          CliSupport.withSession(
              spec,
              RecordCli.user(user),
              s -> {
                Optional<String> pid =
                    all
                        ? Optional.empty()
                        : Optional.of(RecordCli.patient(s, patient).id().value());
                try (PatientRecordIndex index = RecordCli.patientIndex(spec, s, keywordOnly)) {
                  TimelineIndexing.Report report =
                      TimelineIndexing.reindex(
                          EventIndexFeed.of(s), index, pid, CliSupport.progress(spec));
                  json.put("patient", pid.orElse("*"));
                  json.put("semantic", index.semantic());
                  json.put("indexRecords", index.count());
                  return report;
                }
              });
      json.put("indexedEvents", r.indexed());
      json.put("millis", r.millis());
      CliSupport.emit(
          spec,
          json,
          "Indexed "
              + r.indexed()
              + " timeline events for "
              + (all ? "all patients" : "the patient")
              + " in "
              + r.millis()
              + " ms.");
      return 0;
    }
  }

  @Command(
      name = "bench",
      description =
          "Synthetic timeline of N events in a throw-away encrypted data directory: insert rate,"
              + " open latency (query + view-model load + statistics) and filtered-query latency.")
  static final class Bench implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--events",
        defaultValue = "10000",
        description = "Events (default ${DEFAULT-VALUE}).")
    int events;

    @Option(
        names = "--runs",
        defaultValue = "15",
        description = "Timed runs per measure (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(
        names = "--cold-runs",
        defaultValue = "3",
        description =
            "First pane opens measured, each in a fresh JVM (the real Timeline pane under Xvfb or"
                + " Monocle; 0 skips; default ${DEFAULT-VALUE}).")
    int coldRuns;

    @Override
    public Integer call() throws IOException {
      if (events < 1 || events > 1_000_000 || runs < 1 || runs > 1000) {
        throw new IllegalArgumentException("--events 1..1000000 and --runs 1..1000");
      }
      if (coldRuns < 0 || coldRuns > 50) {
        throw new IllegalArgumentException("--cold-runs 0..50");
      }
      Path dir = Files.createTempDirectory("meditwin-timeline-bench");
      char[] password = randomPassword();
      Map<String, Object> json = new LinkedHashMap<>();
      String patient;
      try {
        try (EmbeddedWorkstation ws =
                EmbeddedWorkstation.open(dir, EmbeddedWorkstation.Options.defaults());
            UserSession s = ws.initialise("bench", "Benchmark", password)) {
          patient =
              s.patients()
                  .createSynthetic(
                      new PatientInput(
                          "",
                          "Bench",
                          "Synthetic",
                          Optional.of(LocalDate.of(1950, 1, 1)),
                          Sex.OTHER,
                          "",
                          "",
                          "",
                          "Synthetic benchmark patient."))
                  .id()
                  .value();
          TimelineService timeline = TimelineService.of(s);
          List<ClinicalEvent> batch = synthetic(patient, events, new Random(42));
          long t0 = System.nanoTime();
          for (int from = 0; from < batch.size(); from += 2000) {
            timeline.addAll(batch.subList(from, Math.min(batch.size(), from + 2000)));
          }
          double insertSec = (System.nanoTime() - t0) / 1e9;
          json.put("events", events);
          json.put("insertEventsPerSecond", Math.round(events / insertSec));

          TimelineViewModel.Loader loader =
              TimelineViewModel.loader(timeline, java.time.Clock.systemUTC());
          json.put("openMillis", measure(runs, () -> loader.load(patient).events().size()));
          List<ClinicalEvent> loaded = loader.load(patient).events();
          Map<String, Object> pane = new LinkedHashMap<>();
          pane.put(
              "text", measure(runs, () -> count(loaded, EventFilter.all().withText("hearing"))));
          pane.put(
              "type",
              measure(
                  runs,
                  () -> count(loaded, EventFilter.all().withTypes(Set.of(EventType.DIAGNOSIS)))));
          pane.put(
              "bodyPart",
              measure(runs, () -> count(loaded, EventFilter.all().withBodyPart("ear"))));
          pane.put(
              "dateRange",
              measure(
                  runs,
                  () ->
                      count(
                          loaded,
                          EventFilter.all()
                              .between(LocalDate.of(2015, 1, 1), LocalDate.of(2015, 12, 31)))));
          json.put("paneFilterMillis", pane);
          Map<String, Object> filtered = new LinkedHashMap<>();
          filtered.put(
              "text",
              measure(
                  runs,
                  () -> timeline.find(patient, EventFilter.all().withText("hearing")).size()));
          filtered.put(
              "type",
              measure(
                  runs,
                  () ->
                      timeline
                          .find(patient, EventFilter.all().withTypes(Set.of(EventType.DIAGNOSIS)))
                          .size()));
          filtered.put(
              "bodyPart",
              measure(
                  runs,
                  () -> timeline.find(patient, EventFilter.all().withBodyPart("ear")).size()));
          filtered.put(
              "dateRange",
              measure(
                  runs,
                  () ->
                      timeline
                          .find(
                              patient,
                              EventFilter.all()
                                  .between(LocalDate.of(2015, 1, 1), LocalDate.of(2015, 12, 31)))
                          .size()));
          filtered.put(
              "combined",
              measure(
                  runs,
                  () ->
                      timeline
                          .find(
                              patient,
                              EventFilter.all()
                                  .withText("loss")
                                  .withTypes(Set.of(EventType.DIAGNOSIS, EventType.OBSERVATION))
                                  .withBodyPart("ear")
                                  .between(LocalDate.of(2010, 1, 1), LocalDate.of(2020, 12, 31)))
                          .size()));
          json.put("storeFilteredQueryMillis", filtered);
          json.put("statsMillis", measure(runs, () -> timeline.stats(patient).total()));
          json.put(
              "targets",
              Map.of(
                  "openMillis", "< 1000 (p50)",
                  "paneFilterMillis", "< 50 (p50)",
                  "coldPane.selectToListShownMillis", "< 1000 (p50)"));
        }
        if (coldRuns > 0) {
          json.put("coldPane", ColdPane.measure(dir, "bench", password, patient, events, coldRuns));
        }
      } finally {
        Arrays.fill(password, '\0');
        deleteTree(dir);
      }
      StringBuilder text = new StringBuilder("timeline bench\n");
      json.forEach((k, v) -> text.append("  ").append(k).append(": ").append(v).append('\n'));
      CliSupport.emit(spec, json, text.toString().stripTrailing());
      return 0;
    }

    private static Map<String, Object> measure(int runs, Supplier<Integer> op) {
      op.get(); // warm-up
      double[] ms = new double[runs];
      int size = 0;
      for (int i = 0; i < runs; i++) {
        long t = System.nanoTime();
        size = op.get();
        ms[i] = (System.nanoTime() - t) / 1e6;
      }
      Arrays.sort(ms);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("p50", Math.round(ms[runs / 2] * 10) / 10.0);
      m.put(
          "p95", Math.round(ms[Math.min(runs - 1, (int) Math.ceil(runs * 0.95) - 1)] * 10) / 10.0);
      m.put("rows", size);
      return m;
    }

    private static int count(List<ClinicalEvent> events, EventFilter f) {
      return (int) events.stream().filter(f.predicate()).count();
    }

    private static char[] randomPassword() {
      SecureRandom r = new SecureRandom();
      char[] c = new char[24];
      for (int i = 0; i < c.length; i++) {
        c[i] = (char) ('a' + r.nextInt(26));
      }
      return c;
    }

    private static void deleteTree(Path dir) throws IOException {
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path p : s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /** A clearly synthetic, deterministic mix of event types over 30 years (benchmark data only). */
  static List<ClinicalEvent> synthetic(String patient, int n, Random rnd) {
    String[][] dx = {
      {"Sensorineural hearing loss", "inner ear"},
      {"Otitis media", "middle ear"},
      {"Tinnitus", "ear"},
      {"Essential hypertension", ""},
      {"Sprain of ankle", "ankle"},
      {"Acute bronchitis", "bronchus"},
      {"Type 2 diabetes mellitus", "pancreas"}
    };
    String[] meds = {
      "Amoxicillin 500 mg", "Lisinopril 10 mg", "Metformin 500 mg", "Ibuprofen 200 mg"
    };
    String[][] obs = {
      {"Systolic blood pressure", "mm[Hg]", "125"},
      {"Body weight", "kg", "78"},
      {"Hemoglobin A1c", "%", "6.1"},
      {"Hearing threshold 1000 Hz", "dB HL", "35"},
      {"Hearing threshold 4000 Hz", "dB HL", "50"}
    };
    List<ClinicalEvent> out = new ArrayList<>(n);
    LocalDate start = LocalDate.of(1995, 1, 1);
    for (int i = 0; i < n; i++) {
      LocalDate d = start.plusDays(rnd.nextInt(365 * 30));
      Provenance prov = Provenance.manual();
      int kind = rnd.nextInt(10);
      ClinicalEvent e;
      if (kind < 2) {
        String[] x = dx[rnd.nextInt(dx.length)];
        e =
            ClinicalEvent.of(patient, EventType.DIAGNOSIS, x[0], d, prov)
                .withStatus(rnd.nextBoolean() ? EventStatus.ACTIVE : EventStatus.RESOLVED);
        if (!x[1].isEmpty()) {
          e = e.withBodyPart(x[1], Laterality.values()[rnd.nextInt(3)]);
        }
      } else if (kind < 4) {
        e =
            ClinicalEvent.of(patient, EventType.MEDICATION, meds[rnd.nextInt(meds.length)], d, prov)
                .withStatus(rnd.nextBoolean() ? EventStatus.ACTIVE : EventStatus.RESOLVED);
      } else if (kind < 8) {
        String[] o = obs[rnd.nextInt(obs.length)];
        double base = Double.parseDouble(o[2]);
        e =
            ClinicalEvent.of(patient, EventType.OBSERVATION, o[0], d, prov)
                .withValue(Math.round(base * (0.8 + rnd.nextDouble() * 0.4) * 10) / 10.0, o[1]);
        if (o[0].startsWith("Hearing")) {
          e = e.withBodyPart("ear", rnd.nextBoolean() ? Laterality.LEFT : Laterality.RIGHT);
        }
      } else if (kind < 9) {
        e =
            ClinicalEvent.of(patient, EventType.VISIT, "Outpatient visit", d, prov)
                .withStatus(EventStatus.RESOLVED);
      } else {
        e =
            ClinicalEvent.of(patient, EventType.PROCEDURE, "Pure tone audiometry", d, prov)
                .withBodyPart("ear", Laterality.BILATERAL);
      }
      out.add(e);
    }
    return out;
  }
}
