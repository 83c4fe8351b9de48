package org.meditwin.imaging.similar;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.meditwin.core.domain.AuditAction;
import org.meditwin.core.service.ClinicalStore;
import org.meditwin.core.task.ProgressListener;
import org.meditwin.imaging.DicomInfo;
import org.meditwin.imaging.DicomObject;
import org.meditwin.imaging.DicomReadException;
import org.meditwin.imaging.DicomReader;
import org.meditwin.imaging.DicomSource;
import org.meditwin.imaging.Frame;
import org.meditwin.imaging.ImageDescription;
import org.meditwin.imaging.ai.ChestXrayDataset;
import org.meditwin.imaging.ai.ChestXrayModel;
import org.meditwin.imaging.archive.ArchivedInstance;
import org.meditwin.imaging.archive.ArchivedStudy;
import org.meditwin.imaging.archive.ImagingArchive;
import org.meditwin.imaging.render.RenderOptions;
import org.meditwin.imaging.render.RenderedImage;
import org.meditwin.imaging.render.Renderer;
import org.meditwin.search.cases.CaseFilter;
import org.meditwin.search.cases.CaseHit;
import org.meditwin.search.cases.CaseIndex;
import org.meditwin.search.cases.CaseQuery;
import org.meditwin.search.cases.CaseRecord;
import org.meditwin.search.cases.CaseSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Find similar" for images: embeds a frame with the chest model's penultimate layer and searches
 * the case index — the reference library plus, when a patient is given, that patient's own studies
 * (ADR 0130). Builds the reference library at first use ({@link #ensureLibrary}), indexes clinic
 * studies when they are imported or analysed ({@link #indexStudy}) and their signed report text
 * ({@link #indexSignedReport}).
 *
 * <p>Owns the model and the index it is given and closes both. Thread-safe.
 */
public final class SimilarCaseService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SimilarCaseService.class);

  /** Clinic thumbnails: longest side in pixels. */
  static final int THUMBNAIL_SIDE = 96;

  private final ChestXrayModel model;
  private final CaseIndex index;
  private final String libraryVersion;
  private final Optional<ClinicalStore> audit;

  private SimilarCaseService(ChestXrayModel model, CaseIndex index, Optional<ClinicalStore> audit) {
    this.model = Objects.requireNonNull(model, "model");
    this.index = Objects.requireNonNull(index, "index");
    this.audit = audit;
    this.libraryVersion = ReferenceLibrary.version(model);
  }

  /**
   * Reference library only: requests naming a patient are refused (no audit trail). Takes ownership
   * of {@code model} and {@code index}.
   */
  public static SimilarCaseService of(ChestXrayModel model, CaseIndex index) {
    return new SimilarCaseService(model, index, Optional.empty());
  }

  /**
   * With the signed-in session's store: a request for a patient's own studies is audited ({@code
   * PHI_SEARCH} on the patient, detail without PHI). Takes ownership of {@code model} and {@code
   * index}.
   */
  public static SimilarCaseService of(ChestXrayModel model, CaseIndex index, ClinicalStore store) {
    return new SimilarCaseService(model, index, Optional.of(store));
  }

  /** State of the reference library in the index. */
  public record LibraryStatus(int cases, boolean current, Optional<String> version) {}

  public LibraryStatus libraryStatus() {
    Optional<String> v = index.sourceVersion(CaseSource.REFERENCE_LIBRARY);
    return new LibraryStatus(
        index.count(CaseSource.REFERENCE_LIBRARY), v.equals(Optional.of(libraryVersion)), v);
  }

  /** True when the reference library is indexed with the current data and model. */
  public boolean libraryReady() {
    return libraryStatus().current();
  }

  /**
   * Builds the reference library when it is missing or was built with other data or weights (not at
   * every start). Returns true when it is ready; false when cancelled (the previous library, if
   * any, stays).
   */
  public boolean ensureLibrary(ProgressListener progress, BooleanSupplier cancelled) {
    if (libraryReady()) {
      return true;
    }
    return rebuildLibrary(progress, cancelled);
  }

  /** Re-embeds and re-indexes the whole reference library in one commit. */
  public boolean rebuildLibrary(ProgressListener progress, BooleanSupplier cancelled) {
    progress.progress(0, 0, "Reading the reference library");
    List<ChestXrayDataset.Sample> train = ReferenceLibrary.load("train");
    int n = train.size();
    ProgressListener embedding = (d, t, m) -> progress.progress(d, 2L * n, m);
    Optional<List<CaseRecord>> cases = ReferenceLibrary.cases(model, train, embedding, cancelled);
    if (cases.isEmpty()) {
      return false;
    }
    ProgressListener indexing = (d, t, m) -> progress.progress(n + d, 2L * n, m);
    boolean done =
        index.replaceSource(
            CaseSource.REFERENCE_LIBRARY, cases.get(), libraryVersion, indexing, cancelled);
    if (done) {
      LOG.info("similar-case reference library indexed: {} cases", n);
    }
    return done;
  }

  /** Cases similar to the displayed frame, best first; not applicable for non-chest images. */
  public SimilarResult findSimilar(SimilarRequest request) {
    Objects.requireNonNull(request, "request");
    if (!ChestXrayModel.isChestRadiograph(request.info())) {
      return SimilarResult.notApplicable(notApplicableReason(request.info()));
    }
    long t0 = System.nanoTime();
    float[] vector = model.embed(request.image(), request.frame());
    long t1 = System.nanoTime();
    CaseFilter filter =
        request.patientId().isPresent()
            ? CaseFilter.referenceAndPatient(request.patientId().get())
            : CaseFilter.referenceLibraryOnly();
    CaseQuery query = CaseQuery.image(vector, filter, request.k());
    if (request.studyUid().isPresent()) {
      query = query.excluding(Set.of(caseId(request.studyUid().get())));
    }
    if (request.reportText().isPresent()) {
      query = query.withReportText(request.reportText().get());
    }
    if (request.patientId().isPresent() && audit.isEmpty()) {
      throw new IllegalStateException("searching a patient's studies needs a signed-in session");
    }
    List<CaseHit> hits = index.search(query);
    long t2 = System.nanoTime();
    if (request.patientId().isPresent()) {
      long own = hits.stream().filter(h -> h.source() == CaseSource.CLINIC).count();
      String patient = request.patientId().get();
      audit
          .get()
          .write(
              tx -> {
                tx.audit(
                    AuditAction.PHI_SEARCH,
                    "patient",
                    patient,
                    true,
                    "similar cases: " + hits.size() + " hits, " + own + " own studies");
                return null;
              });
    }
    return new SimilarResult(true, Optional.empty(), hits, (t1 - t0) / 1000, (t2 - t1) / 1000);
  }

  static String notApplicableReason(DicomInfo info) {
    String modality = info.modality().isBlank() ? "unknown" : info.modality();
    return "Similar cases are available for chest radiographs (CR, DX or DR) only; this image is "
        + modality
        + (info.bodyPart().isBlank() ? "" : ", " + info.bodyPart().toLowerCase(Locale.ROOT))
        + ".";
  }

  /** Index id of a clinic study. */
  public static String caseId(String studyInstanceUid) {
    return "study:" + studyInstanceUid;
  }

  /**
   * Indexes (or re-indexes) a clinic study from one of its frames: image embedding, the model's
   * label, a thumbnail and {@code impression} (a signed report's text, else the model's
   * impression). Returns false without indexing when the image is not a chest radiograph.
   */
  public boolean indexStudy(
      String patientId,
      String studyInstanceUid,
      Optional<LocalDate> studyDate,
      DicomInfo info,
      ImageDescription image,
      Frame frame,
      Optional<String> impression) {
    Objects.requireNonNull(patientId, "patientId");
    Objects.requireNonNull(studyInstanceUid, "studyInstanceUid");
    if (!ChestXrayModel.isChestRadiograph(info)) {
      return false;
    }
    float[] vector = model.embed(image, frame);
    ChestXrayModel.Analysis analysis = model.analyze(info, image, frame);
    RenderedImage shown =
        Renderer.render(image, frame, 0, RenderOptions.defaults().withOverlays(false));
    index.upsert(
        new CaseRecord(
            caseId(studyInstanceUid),
            CaseSource.CLINIC,
            Optional.of(patientId),
            info.modality(),
            info.bodyPart(),
            analysis.label(),
            impression.filter(t -> !t.isBlank()).orElse(analysis.impression()),
            Optional.of(studyInstanceUid),
            studyDate,
            vector,
            ReferenceLibrary.png(Thumbnails.fit(shown, THUMBNAIL_SIDE))));
    return true;
  }

  /**
   * Indexes an archived study (call after an import or analysis): the first chest-radiograph image
   * of the study (series/instance order) is embedded with the model's label and impression. Returns
   * false when the study is not archived or has no chest radiograph. Reading the objects is audited
   * by the archive.
   */
  public boolean indexArchivedStudy(
      ImagingArchive archive, DicomReader reader, String studyInstanceUid) {
    Objects.requireNonNull(archive, "archive");
    Objects.requireNonNull(reader, "reader");
    Optional<ArchivedStudy> study = archive.study(studyInstanceUid);
    if (study.isEmpty() || !hasRadiographSeries(study.get().modality())) {
      return false; // e.g. a 500-slice CT: no object is read
    }
    for (ArchivedInstance instance : archive.instances(studyInstanceUid)) {
      try {
        DicomSource source = archive.source(instance);
        DicomInfo info = reader.readInfo(source);
        if (info.image().isEmpty() || !ChestXrayModel.isChestRadiograph(info)) {
          continue;
        }
        DicomObject object = reader.open(source);
        ImageDescription image = object.info().image().orElseThrow();
        return indexStudy(
            study.get().patientId(),
            studyInstanceUid,
            dicomDate(study.get().studyDate()),
            object.info(),
            image,
            object.frame(0),
            Optional.empty());
      } catch (DicomReadException e) {
        LOG.warn("similar-case indexing skipped an object: {}", e.reason());
      }
    }
    return false;
  }

  /**
   * Indexes every archived study of a patient that is not indexed yet (a back-fill, e.g. for
   * studies imported before this feature); returns how many were indexed.
   */
  public int indexArchivedPatient(
      ImagingArchive archive,
      DicomReader reader,
      String patientId,
      ProgressListener progress,
      BooleanSupplier cancelled) {
    List<ArchivedStudy> studies = archive.studies(patientId);
    int indexed = 0;
    for (int i = 0; i < studies.size() && !cancelled.getAsBoolean(); i++) {
      String uid = studies.get(i).studyInstanceUid();
      if (index.find(caseId(uid)).isEmpty() && indexArchivedStudy(archive, reader, uid)) {
        indexed++;
      }
      progress.progress(i + 1, studies.size(), "Indexing studies for similar cases");
    }
    return indexed;
  }

  /** Whether the study's modalities ("CT/SR", "CR"…) include a radiograph the model applies to. */
  static boolean hasRadiographSeries(String modalities) {
    for (String m : modalities.toUpperCase(Locale.ROOT).split("[/\\\\,\\s]+")) {
      if (m.equals("CR") || m.equals("DX") || m.equals("DR")) {
        return true;
      }
    }
    return false;
  }

  static Optional<LocalDate> dicomDate(String yyyymmdd) {
    try {
      return yyyymmdd.length() == 8
          ? Optional.of(
              LocalDate.parse(yyyymmdd, java.time.format.DateTimeFormatter.BASIC_ISO_DATE))
          : Optional.empty();
    } catch (java.time.format.DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /**
   * Replaces an indexed clinic study's text with its signed report; false when the study is not
   * indexed (e.g. not a chest radiograph).
   */
  public boolean indexSignedReport(String studyInstanceUid, String reportText) {
    return index.updateReport(caseId(studyInstanceUid), reportText);
  }

  /** Removes a clinic study from the index. */
  public void removeStudy(String studyInstanceUid) {
    index.delete(caseId(studyInstanceUid));
  }

  /** Removes all of a patient's studies (patient purge). */
  public void removePatient(String patientId) {
    index.deletePatient(patientId);
  }

  public CaseIndex index() {
    return index;
  }

  public ChestXrayModel model() {
    return model;
  }

  @Override
  public void close() {
    try {
      index.close();
    } finally {
      model.close();
    }
  }
}
