package org.meditwin.app.imaging.pacs;

import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.meditwin.core.service.UserSession;
import org.meditwin.core.task.ProgressListener;
import org.meditwin.imaging.DicomReader;
import org.meditwin.imaging.DicomSource;
import org.meditwin.imaging.archive.ArchivedStudy;
import org.meditwin.imaging.archive.ImagingArchive;
import org.meditwin.pacs.ArchiveSink;
import org.meditwin.pacs.DimseClient;
import org.meditwin.pacs.EchoResult;
import org.meditwin.pacs.PacsMatch;
import org.meditwin.pacs.PacsNode;
import org.meditwin.pacs.PacsNodes;
import org.meditwin.pacs.PacsQuery;
import org.meditwin.pacs.RetrieveRequest;
import org.meditwin.pacs.RetrieveResult;
import org.meditwin.pacs.StoreResult;
import org.meditwin.pacs.web.DicomWebClient;

/** What the PACS dialog does, behind an interface so the view model is testable without a PACS. */
public interface PacsService {

  /** How a study is retrieved. */
  enum Method {
    C_GET,
    C_MOVE,
    WADO_RS
  }

  /** A retrieve into a patient's record: the transfer, new archived objects, the archived study. */
  record Retrieved(RetrieveResult result, int archived, Optional<String> archivedStudyId) {}

  List<PacsNode> nodes();

  void save(PacsNode node);

  boolean remove(String name);

  EchoResult echo(PacsNode node);

  List<PacsMatch> find(PacsNode node, PacsQuery query, boolean web, int limit);

  Retrieved retrieve(
      PacsNode node,
      RetrieveRequest request,
      Method method,
      String patientId,
      ProgressListener progress,
      BooleanSupplier cancelled);

  StoreResult send(
      PacsNode node,
      List<DicomSource> sources,
      boolean web,
      ProgressListener progress,
      BooleanSupplier cancelled);

  /** The real service: nodes in the encrypted store, retrieves into the imaging archive. */
  static PacsService of(UserSession session) {
    return new PacsService() {
      @Override
      public List<PacsNode> nodes() {
        return PacsNodes.of(session).list();
      }

      @Override
      public void save(PacsNode node) {
        PacsNodes.of(session).save(node);
      }

      @Override
      public boolean remove(String name) {
        return PacsNodes.of(session).remove(name);
      }

      @Override
      public EchoResult echo(PacsNode node) {
        return DimseClient.of(node).echo();
      }

      @Override
      public List<PacsMatch> find(PacsNode node, PacsQuery query, boolean web, int limit) {
        return web
            ? DicomWebClient.of(node).search(query, limit)
            : DimseClient.of(node).find(query, limit);
      }

      @Override
      public Retrieved retrieve(
          PacsNode node,
          RetrieveRequest request,
          Method method,
          String patientId,
          ProgressListener progress,
          BooleanSupplier cancelled) {
        ImagingArchive archive =
            new ImagingArchive(session.clinicalStore(), DicomReader.standard());
        ArchiveSink sink = ArchiveSink.of(archive, patientId, node);
        RetrieveResult r =
            switch (method) {
              case C_GET -> DimseClient.of(node).get(request, sink, progress, cancelled);
              case C_MOVE -> DimseClient.of(node).move(request, sink, progress, cancelled);
              case WADO_RS -> DicomWebClient.of(node).retrieve(request, sink, progress, cancelled);
            };
        return new Retrieved(
            r, sink.imported(), archive.study(request.studyInstanceUid()).map(ArchivedStudy::id));
      }

      @Override
      public StoreResult send(
          PacsNode node,
          List<DicomSource> sources,
          boolean web,
          ProgressListener progress,
          BooleanSupplier cancelled) {
        return web
            ? DicomWebClient.of(node).store(sources, progress, cancelled)
            : DimseClient.of(node).store(sources, progress, cancelled);
      }
    };
  }
}
