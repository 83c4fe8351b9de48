package org.meditwin.app.cli.record;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.meditwin.app.cli.CliSupport;
import org.meditwin.core.domain.Patient;
import org.meditwin.record.ClinicalEvent;
import org.meditwin.record.Laterality;
import org.meditwin.record.graph.AnatomyAnswer;
import org.meditwin.record.graph.RecordGraph;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code graph rebuild} and {@code graph query}: the Neo4j knowledge graph (modules/record). */
@Command(
    name = "graph",
    description = "The patient-record knowledge graph (Neo4j embedded, pseudonymous, no PHI text).",
    subcommands = {GraphCommand.Rebuild.class, GraphCommand.Query.class})
public final class GraphCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "missing subcommand: rebuild or query");
  }

  @Command(name = "rebuild", description = "Recreate the graph from the encrypted record.")
  static final class Rebuild implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--user",
        paramLabel = "NAME",
        description = "Sign in as NAME (default: $MEDITWIN_USER).")
    String user;

    @Override
    public Integer call() {
      Map<String, Object> json =
          CliSupport.withSession(
              spec,
              RecordCli.user(user),
              s -> {
                long t0 = System.nanoTime();
                CliSupport.progress(spec).progress(0, -1, "Starting the graph database");
                try (RecordGraph g = RecordGraph.open(s, CliSupport.home(spec))) {
                  long opened = (System.nanoTime() - t0) / 1_000_000;
                  RecordGraph.SyncReport r = g.rebuild();
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("events", r.upserted());
                  m.put("links", r.links());
                  m.put("rebuildMillis", r.millis());
                  m.put("openMillis", opened);
                  m.put("graph", g.stats());
                  return m;
                } catch (IOException e) {
                  throw new IllegalArgumentException(e.getMessage());
                }
              });
      CliSupport.emit(
          spec,
          json,
          "Rebuilt the graph: "
              + json.get("events")
              + " events, "
              + json.get("links")
              + " links in "
              + json.get("rebuildMillis")
              + " ms ("
              + json.get("graph")
              + ")");
      return 0;
    }
  }

  @Command(name = "query", description = "What affects a body part (e.g. --part ear --side left)?")
  static final class Query implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--user",
        paramLabel = "NAME",
        description = "Sign in as NAME (default: $MEDITWIN_USER).")
    String user;

    @Option(
        names = "--patient",
        required = true,
        paramLabel = "ID",
        description = "Patient id or MRN.")
    String patient;

    @Option(
        names = "--part",
        required = true,
        paramLabel = "PART",
        description = "Body part (anatomy term), e.g. ear.")
    String part;

    @Option(
        names = "--side",
        defaultValue = "none",
        paramLabel = "SIDE",
        description = "left, right, bilateral or none (any side).")
    String side;

    @Override
    public Integer call() {
      Laterality lat =
          Laterality.parse(side)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "--side must be left, right, bilateral or none"));
      Map<String, Object> json =
          CliSupport.withSession(
              spec,
              RecordCli.user(user),
              s -> {
                Patient p = RecordCli.patient(s, patient);
                try (RecordGraph g = RecordGraph.open(s, CliSupport.home(spec))) {
                  AnatomyAnswer a = g.whatAffects(p.id().value(), part, lat);
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("part", a.part().name());
                  m.put("uberon", a.part().uberonId());
                  m.put("side", a.side().name().toLowerCase(Locale.ROOT));
                  m.put("events", rows(a.events()));
                  m.put("related", rows(a.related()));
                  return m;
                } catch (IOException e) {
                  throw new IllegalArgumentException(e.getMessage());
                }
              });
      StringBuilder text =
          new StringBuilder(
              "Affecting the "
                  + ("none".equals(json.get("side")) ? "" : json.get("side") + " ")
                  + json.get("part")
                  + ("none".equals(json.get("side")) ? " (any side)" : "")
                  + " ("
                  + json.get("uberon")
                  + "):");
      for (Object o : (List<?>) json.get("events")) {
        text.append("\n  ").append(line((Map<?, ?>) o));
      }
      text.append("\nRelated:");
      for (Object o : (List<?>) json.get("related")) {
        text.append("\n  ").append(line((Map<?, ?>) o));
      }
      CliSupport.emit(spec, json, text.toString());
      return 0;
    }

    private static String line(Map<?, ?> m) {
      return m.get("date") + "  " + m.get("type") + "  " + m.get("title");
    }

    private static List<Map<String, Object>> rows(List<ClinicalEvent> events) {
      List<Map<String, Object>> out = new ArrayList<>();
      for (ClinicalEvent e : events) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("date", e.date().toString());
        m.put("type", e.type().name());
        m.put("title", e.title());
        m.put("bodyPart", e.bodyPart().orElse(null));
        m.put("laterality", e.laterality().name());
        m.put("provenance", e.provenance().describe());
        out.add(m);
      }
      return out;
    }
  }
}
