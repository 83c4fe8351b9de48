package org.meditwin.app.cli.imaging;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.meditwin.app.cli.CliSupport;
import org.meditwin.app.imaging.archive.ImagingTimelineEvents;
import org.meditwin.core.domain.Patient;
import org.meditwin.core.domain.PatientId;
import org.meditwin.core.service.UserSession;
import org.meditwin.core.task.ProgressListener;
import org.meditwin.imaging.Catalog;
import org.meditwin.imaging.DicomObject;
import org.meditwin.imaging.DicomReader;
import org.meditwin.imaging.DicomScanner;
import org.meditwin.imaging.DicomSource;
import org.meditwin.imaging.Frame;
import org.meditwin.imaging.ImageDescription;
import org.meditwin.imaging.ai.ChestXrayModel;
import org.meditwin.imaging.ai.ColorMap;
import org.meditwin.imaging.archive.ArchivedStudy;
import org.meditwin.imaging.archive.ImagingArchive;
import org.meditwin.imaging.archive.ImportResult;
import org.meditwin.imaging.render.PngWriter;
import org.meditwin.imaging.render.RenderOptions;
import org.meditwin.imaging.render.RenderedImage;
import org.meditwin.imaging.render.Renderer;
import org.meditwin.imaging.report.ImagingReport;
import org.meditwin.imaging.report.ModelFinding;
import org.meditwin.imaging.report.ReportCheck;
import org.meditwin.imaging.report.ReportDraft;
import org.meditwin.imaging.report.ReportDrafter;
import org.meditwin.imaging.report.ReportPdf;
import org.meditwin.imaging.report.ReportService;
import org.meditwin.imaging.report.ReportTemplate;
import org.meditwin.imaging.report.StructuredFindings;
import org.meditwin.imaging.report.Technique;
import org.meditwin.record.TimelineService;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code imaging import}, {@code imaging studies} and {@code imaging report}. */
public final class ArchiveCommands {
  private ArchiveCommands() {}

  private static String user(String option) {
    return option != null ? option : System.getenv("MEDITWIN_USER");
  }

  private static void requirePatient(String patient) {
    if (patient == null || patient.isBlank()) {
      throw new IllegalArgumentException("missing --patient ID");
    }
  }

  private static Patient patient(UserSession s, String id) {
    return s.patients()
        .find(new PatientId(id))
        .orElseThrow(() -> new IllegalArgumentException("no patient with id " + id));
  }

  static List<Map<String, Object>> problems(List<Catalog.FileProblem> problems) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Catalog.FileProblem p : problems) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", p.name());
      m.put("reason", p.reason().name());
      m.put("message", p.message());
      out.add(m);
    }
    return out;
  }

  static Map<String, Object> study(ArchivedStudy s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.id());
    m.put("recordId", "imaging:" + s.id());
    m.put("studyInstanceUid", s.studyInstanceUid());
    m.put("modality", s.modality());
    m.put("studyDate", s.date().map(LocalDate::toString).orElse(null));
    m.put("description", s.description());
    m.put("series", s.seriesCount());
    m.put("instances", s.instanceCount());
    m.put("origin", s.origin());
    m.put("importedAt", s.importedAt().toString());
    return m;
  }

  /** {@code imaging import PATH --patient ID}. */
  @Command(
      name = "import",
      description =
          "Store a DICOM file, folder, DICOMDIR or zip in a patient's encrypted imaging record"
              + " (deduplicated by SOP Instance UID; unreadable files reported with reasons).")
  public static final class Import implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PATH", description = "File, folder, DICOMDIR or zip.")
    Path path;

    @Option(names = "--patient", paramLabel = "ID", description = "Patient id (see 'demo load').")
    String patient;

    @Option(names = "--user", paramLabel = "NAME", description = "User (default $MEDITWIN_USER).")
    String user;

    @Override
    public Integer call() {
      requirePatient(patient);
      if (!Files.exists(path)) {
        throw new IllegalArgumentException("not found: " + path);
      }
      Catalog catalog =
          DicomScanner.standard().scan(path, CliSupport.progress(spec), new AtomicBoolean());
      List<DicomSource> sources = new ArrayList<>();
      catalog.allSeries().forEach(s -> s.instances().forEach(i -> sources.add(i.source())));
      return CliSupport.withSession(
          spec,
          user(user),
          session -> {
            patient(session, patient);
            ImagingArchive archive =
                new ImagingArchive(session.clinicalStore(), DicomReader.standard());
            ImportResult r =
                archive.importSources(
                    patient, "file", sources, CliSupport.progress(spec), () -> false);
            ImagingTimelineEvents.addFor(
                archive,
                TimelineService.of(session),
                patient,
                r,
                LocalDate.now(ZoneId.systemDefault()));
            List<Catalog.FileProblem> all = new ArrayList<>(catalog.problems());
            all.addAll(r.problems());
            List<Map<String, Object>> studies = new ArrayList<>();
            for (String uid : r.studyInstanceUids()) {
              archive.study(uid).ifPresent(s -> studies.add(study(s)));
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("imported", r.importedCount());
            json.put("duplicates", r.duplicates());
            json.put("problems", problems(all));
            json.put("studies", studies);
            StringBuilder text =
                new StringBuilder(
                    "archived "
                        + r.importedCount()
                        + " objects, "
                        + r.duplicates()
                        + " already in the record, "
                        + all.size()
                        + " refused");
            for (Catalog.FileProblem p : all) {
              text.append("\n  ")
                  .append(p.name())
                  .append(": ")
                  .append(p.reason())
                  .append(" — ")
                  .append(p.message());
            }
            CliSupport.emit(spec, json, text.toString());
            boolean nothing = r.importedCount() == 0 && r.duplicates() == 0 && !all.isEmpty();
            return nothing ? ExitCode.SOFTWARE : ExitCode.OK;
          });
    }
  }

  /** {@code imaging studies --patient ID}. */
  @Command(name = "studies", description = "List a patient's archived imaging studies.")
  public static final class Studies implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--patient", paramLabel = "ID", description = "Patient id.")
    String patient;

    @Option(names = "--user", paramLabel = "NAME", description = "User (default $MEDITWIN_USER).")
    String user;

    @Override
    public Integer call() {
      requirePatient(patient);
      return CliSupport.withSession(
          spec,
          user(user),
          session -> {
            patient(session, patient);
            List<ArchivedStudy> list =
                new ImagingArchive(session.clinicalStore(), DicomReader.standard())
                    .studies(patient);
            StringBuilder text = new StringBuilder(list.size() + " archived studies");
            for (ArchivedStudy s : list) {
              text.append("\n  ")
                  .append(s.id())
                  .append("  ")
                  .append(s.modality())
                  .append("  ")
                  .append(s.date().map(LocalDate::toString).orElse("-"))
                  .append("  ")
                  .append(s.seriesCount())
                  .append(" series, ")
                  .append(s.instanceCount())
                  .append(" objects  ")
                  .append(s.description());
            }
            CliSupport.emit(
                spec,
                Map.of("studies", list.stream().map(ArchiveCommands::study).toList()),
                text.toString());
            return ExitCode.OK;
          });
    }
  }

  /** {@code imaging report FILE|--study UID [--patient ID] [--pdf OUT]}. */
  @Command(
      name = "report",
      description =
          "Draft a structured report from a study's DICOM metadata and (for chest radiographs, when"
              + " the model is installed) the chest model's analysis; no measurements. With"
              + " --patient the draft is saved in the patient's record; --pdf writes it as PDF.")
  public static final class Report implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
        index = "0",
        arity = "0..1",
        paramLabel = "FILE",
        description = "DICOM file, folder, DICOMDIR or zip (its first study).")
    Path file;

    @Option(
        names = "--study",
        paramLabel = "UID",
        description = "An archived study (needs --patient).")
    String study;

    @Option(names = "--patient", paramLabel = "ID", description = "Patient id: save the draft.")
    String patient;

    @Option(names = "--user", paramLabel = "NAME", description = "User (default $MEDITWIN_USER).")
    String user;

    @Option(names = "--pdf", paramLabel = "OUT", description = "Write the report as PDF.")
    Path pdf;

    @Option(names = "--no-analysis", description = "Do not run the chest radiograph model.")
    boolean noAnalysis;

    @Override
    public Integer call() throws IOException {
      if ((file == null) == (study == null)) {
        throw new IllegalArgumentException("give either FILE or --study UID");
      }
      if (study != null) {
        requirePatient(patient);
      }
      if (file != null && !Files.exists(file)) {
        throw new IllegalArgumentException("not found: " + file);
      }
      if (patient == null) {
        Catalog c = DicomScanner.standard().scan(file, ProgressListener.NONE, new AtomicBoolean());
        Drafted d = draft(c);
        Optional<byte[]> key = d.keyImage();
        if (pdf != null) {
          writePdf(unsaved(d, "-", key), "(not linked to a patient record)");
        }
        CliSupport.emit(spec, json(d, Optional.empty()), text(d, Optional.empty()));
        return ExitCode.OK;
      }
      return CliSupport.withSession(
          spec,
          user(user),
          session -> {
            Patient p = patient(session, patient);
            Catalog c;
            Optional<String> archiveId = Optional.empty();
            if (study != null) {
              ImagingArchive archive =
                  new ImagingArchive(session.clinicalStore(), DicomReader.standard());
              ArchivedStudy s =
                  archive
                      .study(study)
                      .filter(x -> x.patientId().equals(patient))
                      .orElseThrow(
                          () ->
                              new IllegalArgumentException(
                                  "study not archived for this patient: " + study));
              archiveId = Optional.of(s.id());
              c = archive.catalog(patient, study);
            } else {
              c = DicomScanner.standard().scan(file, ProgressListener.NONE, new AtomicBoolean());
            }
            Drafted d = draft(c);
            ReportService reports = ReportService.of(session);
            ImagingReport saved =
                reports.create(
                    patient,
                    d.studyUid(),
                    archiveId,
                    d.draft().content(),
                    d.findings(),
                    d.keyImage());
            if (pdf != null) {
              try {
                reports.exportPdf(
                    saved.id(),
                    p.familyName() + ", " + p.givenName() + " (" + p.mrn() + ")",
                    ZoneId.systemDefault(),
                    pdf);
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            }
            CliSupport.emit(spec, json(d, Optional.of(saved)), text(d, Optional.of(saved)));
            return ExitCode.OK;
          });
    }

    private void writePdf(ImagingReport r, String patientLabel) throws IOException {
      byte[] bytes =
          ReportPdf.render(r, patientLabel, ZoneId.systemDefault(), ReportPdf.Fonts.system());
      Path parent = pdf.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Files.write(pdf, bytes);
    }

    private static ImagingReport unsaved(Drafted d, String patientId, Optional<byte[]> key) {
      Instant now = Instant.now();
      return new ImagingReport(
          UUID.randomUUID().toString(),
          patientId,
          d.studyUid(),
          Optional.empty(),
          d.draft().content(),
          d.findings(),
          ImagingReport.Status.DRAFT,
          now,
          now,
          Optional.empty(),
          List.of(),
          key);
    }

    record Drafted(
        String studyUid,
        StructuredFindings findings,
        ReportDraft draft,
        Optional<byte[]> keyImage) {}

    private Drafted draft(Catalog c) {
      List<Catalog.Series> series = c.allSeries();
      if (series.isEmpty()) {
        throw new IllegalArgumentException(
            "no readable DICOM object"
                + (c.problems().isEmpty() ? "" : ": " + c.problems().getFirst().message()));
      }
      Catalog.Study firstStudy = c.patients().getFirst().studies().getFirst();
      int images = 0;
      Catalog.Instance first = null;
      for (Catalog.Series s : firstStudy.series()) {
        for (Catalog.Instance i : s.instances()) {
          images += i.info().frames();
          if (first == null && i.info().hasPixelData()) {
            first = i;
          }
        }
      }
      if (first == null) {
        first = firstStudy.series().getFirst().instances().getFirst();
      }
      DicomObject object = DicomReader.standard().open(first.source());
      Technique technique = Technique.from(object.attributes(), images);
      List<ModelFinding> modelFindings = new ArrayList<>();
      Optional<byte[]> key = Optional.empty();
      if (first.info().hasPixelData()) {
        ImageDescription image = first.info().image().orElseThrow();
        Frame frame = object.frame(0);
        RenderedImage rendered =
            Renderer.render(
                image,
                frame,
                0,
                RenderOptions.defaults().withWindow(Renderer.defaultWindow(image, frame)));
        if (!noAnalysis && ChestXrayModel.isChestRadiograph(first.info())) {
          try (ChestXrayModel model = ChestXrayModel.load(CliSupport.modelsDir())) {
            ChestXrayModel.Analysis a = model.analyze(first.info(), image, frame);
            modelFindings.add(ModelFinding.from(a, true));
            if (a.width() == rendered.width() && a.height() == rendered.height()) {
              rendered = ChestXrayModel.overlay(rendered, a, 0.45, ColorMap.JET);
            }
          } catch (IOException | RuntimeException e) {
            CliSupport.err(spec)
                .println("report: chest model not run (" + e.getClass().getSimpleName() + ")");
            CliSupport.err(spec).flush();
          }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
          PngWriter.write(rendered, png);
          key = Optional.of(png.toByteArray());
        } catch (IOException e) {
          key = Optional.empty();
        }
      }
      StructuredFindings findings = new StructuredFindings(technique, List.of(), modelFindings);
      ReportTemplate template =
          ReportTemplate.forModality(technique.modality(), technique.bodyPart());
      ReportDraft d =
          ReportDrafter.draft(template, findings, Optional.empty(), t -> {}, () -> false);
      return new Drafted(firstStudy.uid(), findings, d, key);
    }

    private static Map<String, Object> json(Drafted d, Optional<ImagingReport> saved) {
      Map<String, Object> m = new LinkedHashMap<>();
      saved.ifPresent(r -> m.put("reportId", r.id()));
      saved.ifPresent(r -> m.put("recordId", r.recordId()));
      m.put("template", d.draft().content().template().name());
      m.put("engine", d.draft().engine());
      d.draft().notice().ifPresent(n -> m.put("notice", n));
      m.put("technique", d.draft().content().technique());
      m.put("findings", d.draft().content().findings());
      m.put("impression", d.draft().content().impression());
      m.put("structured", org.meditwin.imaging.report.ReportCodec.findingsJson(d.findings()));
      List<Map<String, Object>> checks = new ArrayList<>();
      for (ReportCheck c : d.draft().checks()) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("section", c.section().name());
        x.put("sentence", c.sentence());
        x.put("verdict", c.verdict().name());
        x.put("reason", c.reason());
        checks.add(x);
      }
      m.put("checks", checks);
      return m;
    }

    private static String text(Drafted d, Optional<ImagingReport> saved) {
      StringBuilder b = new StringBuilder(d.draft().content().text());
      b.append("\n\n[").append(d.draft().engine()).append("] ");
      d.draft().notice().ifPresent(b::append);
      b.append("\n").append(d.draft().flagged()).append(" sentence(s) flagged by the validator");
      saved.ifPresent(r -> b.append("\nsaved as draft ").append(r.recordId()));
      return b.toString();
    }
  }
}
