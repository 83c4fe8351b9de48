package org.meditwin.app.cli.record;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.meditwin.app.cli.CliSupport;
import org.meditwin.app.timeline.TimelineIndexing;
import org.meditwin.core.domain.Patient;
import org.meditwin.record.EventIndexFeed;
import org.meditwin.record.fhir.FhirExport;
import org.meditwin.record.fhir.FhirImport;
import org.meditwin.record.fhir.FhirImportResult;
import org.meditwin.record.fhir.FhirSkipped;
import org.meditwin.search.patient.PatientRecordIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fhir import PATH} and {@code fhir export --patient ID --out F} (modules/record). */
@Command(
    name = "fhir",
    description =
        "Import FHIR R4 Bundles / bulk NDJSON into patients' timelines; export a patient.",
    subcommands = {FhirCommand.Import.class, FhirCommand.Export.class})
public final class FhirCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "missing subcommand: import or export");
  }

  @Command(
      name = "import",
      description =
          "Import a Bundle (.json), a bulk file (.ndjson) or a folder of them. Malformed items are"
              + " listed under 'skipped'; everything else is imported, all or nothing per patient.")
  static final class Import implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PATH", description = "File or folder.")
    Path path;

    @Option(
        names = "--user",
        paramLabel = "NAME",
        description = "Sign in as NAME (default: $MEDITWIN_USER).")
    String user;

    @Option(
        names = "--no-index",
        description =
            "Leave the imported events queued for the patient-record index (the app indexes them"
                + " at the next sign-in) instead of indexing them now.")
    boolean noIndex;

    @Option(
        names = "--keyword-only",
        description = "Index the events by their words only (no dense encoder load).")
    boolean keywordOnly;

    @Override
    public Integer call() {
      TimelineIndexing.Report[] indexed = {null};
      FhirImportResult r =
          CliSupport.withSession(
              spec,
              RecordCli.user(user),
              s -> {
                FhirImportResult result;
                try {
                  result = FhirImport.of(s).importPath(path, CliSupport.progress(spec));
                } catch (IOException e) {
                  throw new IllegalArgumentException("cannot read " + path + ": " + e.getMessage());
                }
                if (!noIndex && result.events() > 0) {
                  try (PatientRecordIndex index = RecordCli.patientIndex(spec, s, keywordOnly)) {
                    indexed[0] =
                        TimelineIndexing.drain(
                            EventIndexFeed.of(s), index, CliSupport.progress(spec));
                  }
                }
                return result;
              });
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("patients", r.patients());
      json.put("createdPatients", r.createdPatients());
      json.put("events", r.events());
      json.put("links", r.links());
      json.put("patientIds", r.patientIds());
      json.put("skipped", r.skipped());
      if (indexed[0] != null) {
        json.put("indexedEvents", indexed[0].indexed());
        json.put("indexMillis", indexed[0].millis());
      }
      StringBuilder text =
          new StringBuilder(
              "Imported "
                  + r.events()
                  + " events for "
                  + r.patients()
                  + " patients ("
                  + r.createdPatients()
                  + " new); "
                  + r.skipped().size()
                  + " items skipped."
                  + (indexed[0] == null
                      ? ""
                      : " Indexed " + indexed[0].indexed() + " events for search."));
      for (FhirSkipped s : r.skipped()) {
        text.append("\n  skipped ")
            .append(s.source())
            .append(s.item().isEmpty() ? "" : " " + s.item())
            .append(": ")
            .append(s.reason());
      }
      CliSupport.emit(spec, json, text.toString());
      return r.patients() == 0 && !r.skipped().isEmpty() ? 1 : 0;
    }
  }

  @Command(
      name = "export",
      description = "Write one patient and their timeline as a FHIR R4 Bundle.")
  static final class Export implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--patient",
        required = true,
        paramLabel = "ID",
        description = "Patient id or MRN.")
    String patient;

    @Option(
        names = "--out",
        required = true,
        paramLabel = "FILE",
        description = "Bundle JSON file to write (PHI: choose an encrypted location).")
    Path out;

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
                Patient p = RecordCli.patient(s, patient);
                try {
                  int n = FhirExport.of(s).exportTo(p.id(), out);
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("patientId", p.id().value());
                  m.put("resources", n + 1);
                  m.put("events", n);
                  m.put("out", out.toAbsolutePath().toString());
                  return m;
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
      CliSupport.emit(
          spec, json, "Wrote " + json.get("resources") + " resources to " + json.get("out"));
      return 0;
    }
  }
}
