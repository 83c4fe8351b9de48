package org.meditwin.app.cli.documents;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.meditwin.app.cli.CliSupport;
import org.meditwin.app.cli.ExitCode;
import org.meditwin.documents.DocumentService;
import org.meditwin.documents.DocumentSummary;
import org.meditwin.documents.ImportOutcome;
import org.meditwin.documents.IngestBenchmark;
import org.meditwin.documents.ProposedEvent;
import org.meditwin.inference.engine.DjlEnvironment;
import org.meditwin.inference.registry.ModelRegistry;
import org.meditwin.nlp.ClinicalNlp;
import org.meditwin.nlp.ComponentStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ingest F --patient ID [--user NAME]}: imports one PDF/PNG/JPEG/TIFF for a patient,
 * extracts its text (PDF text layer or OCR), and prints {@code {documentId, status, pages,
 * ocrPages, events:[…]}} (the proposed timeline events, to be confirmed in the Documents pane).
 * {@code ingest bench} measures pages per minute and OCR accuracy.
 */
@Command(
    name = "ingest",
    description =
        "Import a PDF, PNG, JPEG or TIFF for a patient: text (PDF text layer or OCR),"
            + " clinical entities and proposed timeline events.",
    subcommands = IngestCommand.Bench.class)
public final class IngestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "The document.")
  Path file;

  @Option(names = "--patient", paramLabel = "ID", description = "Patient id (see 'demo load').")
  String patient;

  @Option(
      names = "--user",
      paramLabel = "NAME",
      description = "User to sign in as (default: $MEDITWIN_USER).")
  String user;

  @Option(
      names = "--rules-only",
      description = "Recognise entities with lexicons and rules only (no model loading).")
  boolean rulesOnly;

  @Override
  public Integer call() {
    if (file == null) {
      throw new IllegalArgumentException("missing FILE (or use 'ingest bench')");
    }
    if (patient == null || patient.isBlank()) {
      throw new IllegalArgumentException("missing --patient ID");
    }
    if (!Files.exists(file)) {
      throw new IllegalArgumentException("file not found: " + file);
    }
    String who = user != null ? user : System.getenv("MEDITWIN_USER");
    return CliSupport.withSession(
        spec,
        who,
        session -> {
          try (DocumentService docs =
              DocumentService.open(session, DocumentService.Options.standard(this::nlp))) {
            docs.resumePending();
            ImportOutcome o = docs.importFile(patient, file);
            if (o.refused().isPresent()) {
              Map<String, Object> json = new LinkedHashMap<>();
              json.put("documentId", null);
              json.put("status", "REJECTED");
              json.put("reason", o.refused().get().name());
              String message =
                  o.refused().get().message()
                      + (o.detail().isBlank() ? "" : " (" + o.detail() + ")");
              json.put("message", message);
              json.put("pages", 0);
              json.put("ocrPages", 0);
              json.put("events", List.of());
              CliSupport.emit(spec, json, "rejected: " + message);
              return ExitCode.USAGE;
            }
            DocumentSummary d = o.document().orElseThrow();
            if (!o.duplicate()) {
              CliSupport.err(spec).println("ingest: processing " + d.format() + " document...");
              CliSupport.err(spec).flush();
            }
            d = docs.awaitCompletion(d.id());
            List<ProposedEvent> events = docs.proposals(d.id());
            CliSupport.emit(spec, json(d, o.duplicate(), events), text(d, o.duplicate(), events));
            return d.failure().isPresent() ? ExitCode.CHECK_FAILED : ExitCode.OK;
          }
        });
  }

  private ClinicalNlp nlp() {
    if (rulesOnly) {
      return ClinicalNlp.rulesOnly();
    }
    Path cache = DjlEnvironment.defaultCacheDir();
    DjlEnvironment.configureOffline(cache);
    ClinicalNlp nlp =
        ClinicalNlp.load(ModelRegistry.open(CliSupport.modelsDir()), cache.resolve("encoders"), 1);
    for (ComponentStatus s : nlp.status()) {
      CliSupport.err(spec).println("nlp: " + s.component() + ": " + s.detail());
    }
    CliSupport.err(spec).flush();
    return nlp;
  }

  static Map<String, Object> json(DocumentSummary d, boolean duplicate, List<ProposedEvent> es) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("documentId", d.id());
    m.put("status", d.status().name());
    m.put("duplicate", duplicate);
    m.put("format", d.format().name());
    m.put("sha256", d.sha256());
    m.put("pages", d.pages());
    m.put("ocrPages", d.ocrPages());
    m.put("textChars", d.textChars());
    d.failure().ifPresent(f -> m.put("reason", f.name()));
    d.failure().ifPresent(f -> m.put("message", f.message()));
    List<Map<String, Object>> events = new ArrayList<>();
    for (ProposedEvent e : es) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("id", e.id());
      x.put("type", e.type().name());
      x.put("title", e.title());
      x.put("date", e.date().toString());
      x.put("dateSource", e.dateSource().name());
      x.put("bodyPart", e.bodyPart().orElse(null));
      x.put("laterality", e.laterality().name());
      x.put("severity", e.severity().orElse(null));
      x.put("value", e.value().isPresent() ? e.value().getAsDouble() : null);
      x.put("unit", e.unit().orElse(null));
      x.put("uncertain", e.uncertain());
      x.put("historical", e.historical());
      x.put("status", e.status().name());
      x.put("page", e.page());
      x.put("start", e.start());
      x.put("end", e.end());
      events.add(x);
    }
    m.put("events", events);
    return m;
  }

  private static String text(DocumentSummary d, boolean duplicate, List<ProposedEvent> es) {
    StringBuilder sb = new StringBuilder();
    sb.append("document ")
        .append(d.id())
        .append(duplicate ? " (already imported)" : "")
        .append(": ")
        .append(d.status())
        .append(d.failure().map(f -> " - " + f.message()).orElse(""))
        .append('\n');
    sb.append(d.pages()).append(" page(s), ").append(d.ocrPages()).append(" by OCR\n");
    for (ProposedEvent e : es) {
      sb.append(
          String.format(
              Locale.ROOT,
              "  %-11s %s  %s%s (page %d)%n",
              e.type(),
              e.date(),
              e.title(),
              e.laterality() == org.meditwin.documents.Side.NONE
                  ? ""
                  : ", " + e.laterality().name().toLowerCase(Locale.ROOT),
              e.page()));
    }
    return sb.toString().stripTrailing();
  }

  /** {@code ingest bench} (also {@code bench ingest}). */
  @Command(
      name = "bench",
      description =
          "Pages per minute (born-digital and scanned PDFs) and OCR character accuracy on"
              + " synthetic letters.")
  static final class Bench implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--pages", defaultValue = "30", description = "Born-digital pages.")
    int pages;

    @Option(names = "--scanned-pages", defaultValue = "6", description = "Scanned pages.")
    int scannedPages;

    @Option(names = "--runs", defaultValue = "3", description = "Timed runs (born-digital).")
    int runs;

    @Option(names = "--rules-only", description = "Entities by lexicons and rules only.")
    boolean rulesOnly;

    @Override
    public Integer call() throws Exception {
      if (pages < 1 || scannedPages < 1 || runs < 1) {
        throw new IllegalArgumentException("--pages, --scanned-pages and --runs must be >= 1");
      }
      ClinicalNlp nlp;
      if (rulesOnly) {
        nlp = ClinicalNlp.rulesOnly();
      } else {
        Path cache = DjlEnvironment.defaultCacheDir();
        DjlEnvironment.configureOffline(cache);
        nlp =
            ClinicalNlp.load(
                ModelRegistry.open(CliSupport.modelsDir()), cache.resolve("encoders"), 1);
      }
      try (nlp) {
        IngestBenchmark.Result r =
            IngestBenchmark.run(pages, scannedPages, runs, nlp, CliSupport.progress(spec));
        CliSupport.emit(spec, r, IngestBenchmark.table(r));
      }
      return ExitCode.OK;
    }
  }
}
