package org.meditwin.app.documents;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import org.meditwin.app.common.PaneContext;
import org.meditwin.documents.DocumentIndexer;
import org.meditwin.documents.DocumentService;
import org.meditwin.inference.engine.DjlEnvironment;
import org.meditwin.inference.registry.ModelRegistry;
import org.meditwin.nlp.ClinicalNlp;
import org.meditwin.search.patient.PatientRecord;
import org.meditwin.search.patient.PatientRecordIndex;
import org.meditwin.search.patient.RecordKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the documents module into the signed-in window: the clinical NLP (installed models, else
 * rules), the patient-record index of the session as the {@link DocumentIndexer}, and the
 * resumption of jobs left by the previous session.
 */
final class DocumentServices {
  private static final Logger LOG = LoggerFactory.getLogger(DocumentServices.class);

  private DocumentServices() {}

  static DocumentService open(PaneContext context) {
    DocumentService.Options options =
        DocumentService.Options.standard(() -> nlp(context.modelsDir()))
            .withIndexer(new RecordIndexer(context));
    DocumentService service = DocumentService.open(context.session(), options);
    context
        .tasks()
        .submit(context.i18n().get("documents.task.resume"), p -> service.resumePending())
        .whenComplete(
            (n, failure) -> {
              if (failure != null) {
                LOG.warn("documents: resuming jobs failed: {}", failure.getClass().getSimpleName());
              }
            });
    return service;
  }

  /** The installed NER heads when they load, else lexicons and rules. */
  static ClinicalNlp nlp(Path modelsDir) {
    try {
      Path cache = DjlEnvironment.defaultCacheDir();
      DjlEnvironment.configureOffline(cache);
      return ClinicalNlp.load(ModelRegistry.open(modelsDir), cache.resolve("encoders"), 1);
    } catch (RuntimeException | LinkageError e) {
      LOG.warn("documents: NLP models unavailable, using rules: {}", e.getClass().getSimpleName());
      return ClinicalNlp.rulesOnly();
    }
  }

  /** Documents as {@link RecordKind#DOCUMENT} records of the session's patient-record index. */
  static final class RecordIndexer implements DocumentIndexer {
    private final PaneContext context;

    RecordIndexer(PaneContext context) {
      this.context = context;
    }

    private PatientRecordIndex index() {
      Optional<PatientRecordIndex> i = context.patientRecords().get();
      // not open yet (it opens in the background after sign-in): the service retries later
      return i.orElseThrow(() -> new IllegalStateException("patient-record index not open"));
    }

    @Override
    public void upsert(
        String documentId, String patientId, String title, String text, LocalDate date) {
      index()
          .upsert(
              new PatientRecord(
                  "document:" + documentId,
                  patientId,
                  RecordKind.DOCUMENT,
                  title,
                  text,
                  date,
                  Optional.empty()));
    }

    @Override
    public void delete(String documentId) {
      context.patientRecords().get().ifPresent(i -> i.delete("document:" + documentId));
    }
  }
}
