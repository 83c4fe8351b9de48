package org.meditwin.app.cli.imaging;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.meditwin.app.cli.CliSupport;
import org.meditwin.app.search.EncoderLoader;
import org.meditwin.core.service.UserSession;
import org.meditwin.imaging.DicomObject;
import org.meditwin.imaging.DicomReader;
import org.meditwin.imaging.DicomSource;
import org.meditwin.imaging.ImageDescription;
import org.meditwin.imaging.ai.ChestXrayModel;
import org.meditwin.imaging.archive.ImagingArchive;
import org.meditwin.imaging.similar.ReferenceLibrary;
import org.meditwin.imaging.similar.SimilarCaseEvaluation;
import org.meditwin.imaging.similar.SimilarCaseService;
import org.meditwin.imaging.similar.SimilarRequest;
import org.meditwin.imaging.similar.SimilarResult;
import org.meditwin.search.TextEmbedder;
import org.meditwin.search.cases.CaseHit;
import org.meditwin.search.cases.CaseIndexes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code imaging similar FILE | --rebuild-library | --index-patient ID | --eval}: similar-case
 * search with the chest model's image embeddings (ADR 0130, 0131).
 */
@Command(
    name = "similar",
    description =
        "Similar cases for a chest radiograph: ranked reference-library cases (PneumoniaMNIST train,"
            + " CC BY 4.0) and, with --patient, that patient's own studies. --rebuild-library"
            + " re-indexes the library; --eval measures retrieval on the val split.")
final class SimilarCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "A DICOM image.")
  Path file;

  @Option(names = "--k", defaultValue = "10", description = "Number of cases (1-100).")
  int k;

  @Option(names = "--frame", defaultValue = "1")
  int frame;

  @Option(
      names = "--patient",
      paramLabel = "ID",
      description = "Also search this patient's own archived studies (audited).")
  String patient;

  @Option(
      names = "--report",
      paramLabel = "TEXT",
      description = "Report text fused with the image ranking (BM25 + bge when available).")
  String report;

  @Option(
      names = "--thumbnails",
      paramLabel = "DIR",
      description = "Write each hit's thumbnail as <rank>.png into DIR.")
  Path thumbnails;

  @Option(names = "--rebuild-library", description = "Re-embed and re-index the reference library.")
  boolean rebuildLibrary;

  @Option(
      names = "--index-patient",
      paramLabel = "ID",
      description = "Index the patient's archived studies that are not indexed yet.")
  String indexPatient;

  @Option(
      names = "--eval",
      description =
          "Evaluate on the val split (270 queries against the 2,428-case train library): P@5/P@10,"
              + " mAP vs raw-pixel and random baselines, HNSW recall@10, latency. Needs no user.")
  boolean eval;

  @Option(names = "--work", defaultValue = "${java.io.tmpdir}", paramLabel = "DIR")
  Path work;

  @Option(
      names = "--user",
      paramLabel = "NAME",
      description =
          "Sign in as NAME (default: $MEDITWIN_USER); the case index is per data directory.")
  String user;

  @Override
  public Integer call() throws Exception {
    if (k < 1 || k > 100) {
      throw new IllegalArgumentException("--k must be between 1 and 100");
    }
    if (eval) {
      return evaluate();
    }
    if (file == null && !rebuildLibrary && indexPatient == null) {
      throw new IllegalArgumentException(
          "give a DICOM FILE, --rebuild-library, --index-patient ID or --eval");
    }
    String name = user != null ? user : System.getenv("MEDITWIN_USER");
    return CliSupport.withSession(spec, name, this::run);
  }

  private Integer run(UserSession session) {
    boolean text = report != null || indexPatient != null;
    Optional<TextEmbedder> encoder =
        text ? EncoderLoader.shippedBge().load() : Optional.<TextEmbedder>empty();
    ChestXrayModel model;
    try {
      model = ChestXrayModel.load(CliSupport.modelsDir());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot load the chest X-ray model", e);
    }
    try (SimilarCaseService service =
        SimilarCaseService.of(
            model,
            CaseIndexes.open(session, CliSupport.home(spec), encoder),
            session.clinicalStore())) {
      Map<String, Object> out = new LinkedHashMap<>();
      if (rebuildLibrary) {
        service.rebuildLibrary(CliSupport.progress(spec), () -> false);
      } else {
        service.ensureLibrary(CliSupport.progress(spec), () -> false);
      }
      SimilarCaseService.LibraryStatus status = service.libraryStatus();
      out.put(
          "library",
          Map.of(
              "cases", status.cases(),
              "current", status.current(),
              "version", status.version().orElse(""),
              "source", ReferenceLibrary.CITATION,
              "licence", ReferenceLibrary.LICENCE));
      StringBuilder textOut = new StringBuilder();
      textOut.append(
          String.format(
              Locale.ROOT,
              "Reference library: %d cases (%s)%n",
              status.cases(),
              ReferenceLibrary.CITATION));
      if (indexPatient != null) {
        DicomReader reader = DicomReader.standard();
        int n =
            service.indexArchivedPatient(
                new ImagingArchive(session.clinicalStore(), reader),
                reader,
                indexPatient,
                CliSupport.progress(spec),
                () -> false);
        out.put("indexedStudies", n);
        textOut.append("Indexed ").append(n).append(" archived studies.\n");
      }
      if (file != null) {
        query(service, out, textOut);
      }
      CliSupport.emit(spec, out, textOut.toString().stripTrailing());
      return 0;
    }
  }

  private void query(SimilarCaseService service, Map<String, Object> out, StringBuilder text) {
    DicomObject object = DicomReader.standard().open(DicomSource.file(file));
    ImageDescription image =
        object
            .info()
            .image()
            .orElseThrow(() -> new IllegalArgumentException("the file has no image"));
    if (frame < 1 || frame > image.frames()) {
      throw new IllegalArgumentException("--frame must be between 1 and " + image.frames());
    }
    SimilarRequest request = SimilarRequest.of(object.info(), image, object.frame(frame - 1), k);
    if (patient != null) {
      request = request.forPatient(patient, Optional.of(object.info().studyInstanceUid()));
    }
    if (report != null) {
      request = request.withReportText(report);
    }
    SimilarResult result = service.findSimilar(request);
    out.put("applicable", result.applicable());
    out.put("reason", result.notApplicableReason().orElse(null));
    List<Map<String, Object>> hits = new ArrayList<>();
    int rank = 0;
    for (CaseHit h : result.hits()) {
      rank++;
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("rank", rank);
      m.put("id", h.id());
      m.put("source", h.source().name());
      m.put("similarity", round(h.imageSimilarity()));
      m.put("score", round(h.score()));
      m.put("label", h.label());
      m.put("impression", h.impression());
      m.put("modality", h.modality());
      m.put("bodyPart", h.bodyPart());
      m.put("date", h.date().map(Object::toString).orElse(null));
      m.put("studyInstanceUid", h.studyUid().orElse(null));
      if (thumbnails != null) {
        Path png = thumbnails.resolve(rank + ".png");
        try {
          Files.createDirectories(thumbnails);
          Files.write(png, h.thumbnailPng());
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException("cannot write " + png, e);
        }
        m.put("thumbnail", png.toAbsolutePath().toString());
      }
      hits.add(m);
      text.append(
          String.format(
              Locale.ROOT,
              "%2d. %.3f  %-10s %-18s %s%n",
              rank,
              h.imageSimilarity(),
              h.label(),
              h.source() == org.meditwin.search.cases.CaseSource.CLINIC ? "own study" : "reference",
              h.date().map(Object::toString).orElse("")));
    }
    out.put("hits", hits);
    out.put("embedMicros", result.embedMicros());
    out.put("searchMicros", result.searchMicros());
    if (!result.applicable()) {
      text.append(result.notApplicableReason().orElse("")).append('\n');
    }
  }

  private Integer evaluate() throws Exception {
    try (ChestXrayModel model = ChestXrayModel.load(CliSupport.modelsDir())) {
      SimilarCaseEvaluation.Report r =
          SimilarCaseEvaluation.run(model, work, CliSupport.progress(spec));
      StringBuilder t = new StringBuilder();
      t.append(
          String.format(
              Locale.ROOT,
              "%d val queries against %d train cases (%s)%n"
                  + "| method | P@5 | P@10 | mAP | 10-NN label accuracy |%n|---|---|---|---|---|%n",
              r.queries(),
              r.libraryCases(),
              r.data()));
      for (SimilarCaseEvaluation.Method m : r.methods()) {
        t.append(
            String.format(
                Locale.ROOT,
                "| %s | %.3f | %.3f | %s | %.3f |%n",
                m.name(),
                m.precisionAt5(),
                m.precisionAt10(),
                m.meanAveragePrecision().isPresent()
                    ? String.format(Locale.ROOT, "%.3f", m.meanAveragePrecision().getAsDouble())
                    : "n/a",
                m.knnAccuracyAt10()));
      }
      for (SimilarCaseEvaluation.Comparison c : r.comparisons()) {
        t.append(
            String.format(
                Locale.ROOT,
                "%s vs %s, %s: mean delta %+.4f, paired sign-flip p = %.4f%n",
                c.a(),
                c.b(),
                c.metric(),
                c.meanDelta(),
                c.p()));
      }
      t.append(
          String.format(
              Locale.ROOT,
              "HNSW recall@10 vs exact: %.4f; latency ms p50/p95: embed %.2f/%.2f, search %.2f/%.2f,"
                  + " total %.2f/%.2f; library build %.1f s, index %.1f MiB",
              r.hnswRecallAt10(),
              r.embedMs().p50(),
              r.embedMs().p95(),
              r.searchMs().p50(),
              r.searchMs().p95(),
              r.totalMs().p50(),
              r.totalMs().p95(),
              r.libraryBuildSeconds(),
              r.indexBytes() / 1048576.0));
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("libraryCases", r.libraryCases());
      json.put("queries", r.queries());
      json.put("dimension", r.dimension());
      List<Map<String, Object>> methods = new ArrayList<>();
      for (SimilarCaseEvaluation.Method m : r.methods()) {
        Map<String, Object> mm = new LinkedHashMap<>();
        mm.put("name", m.name());
        mm.put("precisionAt5", round(m.precisionAt5()));
        mm.put("precisionAt10", round(m.precisionAt10()));
        mm.put(
            "meanAveragePrecision",
            m.meanAveragePrecision().isPresent()
                ? round(m.meanAveragePrecision().getAsDouble())
                : null);
        mm.put("knnAccuracyAt10", round(m.knnAccuracyAt10()));
        methods.add(mm);
      }
      json.put("methods", methods);
      json.put("comparisons", r.comparisons());
      json.put("hnswRecallAt10", round(r.hnswRecallAt10()));
      json.put("embedMs", r.embedMs());
      json.put("searchMs", r.searchMs());
      json.put("totalMs", r.totalMs());
      json.put("libraryBuildSeconds", round(r.libraryBuildSeconds()));
      json.put("indexBytes", r.indexBytes());
      json.put("libraryVersion", r.libraryVersion());
      json.put("data", r.data());
      CliSupport.emit(spec, json, t.toString());
      return 0;
    }
  }

  private static double round(double v) {
    return Math.round(v * 10000) / 10000.0;
  }
}
