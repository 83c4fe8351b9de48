package org.meditwin.app.imaging.similar;

import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import org.meditwin.app.common.PaneContext;
import org.meditwin.app.search.EncoderLoader;
import org.meditwin.imaging.DicomReader;
import org.meditwin.imaging.ai.ChestXrayModel;
import org.meditwin.imaging.archive.ImagingArchive;
import org.meditwin.imaging.report.ImagingReport;
import org.meditwin.imaging.similar.SimilarCaseService;
import org.meditwin.search.cases.CaseIndexes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signed-in session's one similar-case service (a Lucene index may have one writer per
 * process): opened at first use in the background, shared by the "Find similar" panel and the
 * clinic-case hooks, closed with the pane context. Hooks for other imaging features:
 *
 * <ul>
 *   <li>after a study is archived: {@code SimilarCaseIndexing.of(context).studyArchived(uid)}
 *   <li>after a report is signed or amended: {@code .reportSigned(report)}
 * </ul>
 *
 * Both run as background tasks, never throw to the caller and log failures without PHI.
 */
public final class SimilarCaseIndexing {
  private static final Logger LOG = LoggerFactory.getLogger(SimilarCaseIndexing.class);
  private static final Map<PaneContext, SimilarCaseIndexing> OPEN = new WeakHashMap<>();

  private final PaneContext context;
  private SimilarCaseService service;
  private boolean closed;

  private SimilarCaseIndexing(PaneContext context) {
    this.context = context;
  }

  /** The context's instance (created on first call; closed when the context closes). */
  public static synchronized SimilarCaseIndexing of(PaneContext context) {
    Objects.requireNonNull(context, "context");
    return OPEN.computeIfAbsent(
        context,
        c -> {
          SimilarCaseIndexing s = new SimilarCaseIndexing(c);
          c.onClose(s::close);
          return s;
        });
  }

  /**
   * The service: the chest model and the encrypted case index ({@code dataDir/case-index}, key
   * {@code derivedKey("case-index")}, report text with the shipped bge encoder when it loads).
   * Blocking; call from a background thread.
   */
  public synchronized SimilarCaseService service() throws java.io.IOException {
    if (closed) {
      throw new IllegalStateException("signed out");
    }
    if (service == null) {
      ChestXrayModel model = ChestXrayModel.load(context.modelsDir());
      try {
        service =
            SimilarCaseService.of(
                model,
                CaseIndexes.open(
                    context.session(), context.dataDirectory(), EncoderLoader.shippedBge().load()),
                context.session().clinicalStore());
      } catch (RuntimeException e) {
        model.close();
        throw e;
      }
    }
    return service;
  }

  /** Indexes an archived study's first chest radiograph (no-op for other studies). */
  public CompletableFuture<Boolean> studyArchived(String studyInstanceUid) {
    Objects.requireNonNull(studyInstanceUid, "studyInstanceUid");
    return run(
        () -> {
          DicomReader reader = DicomReader.standard();
          return service()
              .indexArchivedStudy(
                  new ImagingArchive(context.session().clinicalStore(), reader),
                  reader,
                  studyInstanceUid);
        });
  }

  /**
   * Puts a signed (or amended) report's text on its study's case, indexing the archived study first
   * when it is not indexed yet; false when the study has no chest radiograph in the archive.
   */
  public CompletableFuture<Boolean> reportSigned(ImagingReport report) {
    Objects.requireNonNull(report, "report");
    String uid = report.studyInstanceUid();
    String text = report.content().text();
    return run(
        () -> {
          SimilarCaseService s = service();
          if (s.indexSignedReport(uid, text)) {
            return true;
          }
          DicomReader reader = DicomReader.standard();
          return s.indexArchivedStudy(
                  new ImagingArchive(context.session().clinicalStore(), reader), reader, uid)
              && s.indexSignedReport(uid, text);
        });
  }

  private interface Work {
    boolean run() throws Exception;
  }

  private CompletableFuture<Boolean> run(Work work) {
    return context
        .tasks()
        .submit(context.i18n().get("imaging.similar.task"), p -> work.run())
        .exceptionally(
            e -> {
              Throwable cause = e.getCause() == null ? e : e.getCause();
              LOG.warn("similar-case indexing failed: {}", cause.getClass().getSimpleName());
              return false;
            });
  }

  synchronized void close() {
    closed = true;
    if (service != null) {
      service.close();
      service = null;
    }
  }
}
