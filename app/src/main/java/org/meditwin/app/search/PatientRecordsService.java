package org.meditwin.app.search;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.meditwin.app.common.PaneContext;
import org.meditwin.core.service.UserSession;
import org.meditwin.search.TextEmbedder;
import org.meditwin.search.patient.PatientIndexes;
import org.meditwin.search.patient.PatientRecordHit;
import org.meditwin.search.patient.PatientRecordIndex;
import org.meditwin.search.patient.RecordKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The patient-record index of one signed-in session ({@code $MEDITWIN_HOME/patient-index},
 * encrypted with the session's derived key), opened in the background after login and closed at
 * sign-out. Panes reach it through {@code PaneContext.patientRecords()}; the global search shows
 * the selected patient's records from it.
 */
public final class PatientRecordsService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PatientRecordsService.class);

  private final Path dataDirectory;
  private final EncoderLoader encoder;
  private volatile Optional<PatientRecordIndex> index = Optional.empty();
  private volatile boolean failed;
  private boolean closed;

  /**
   * @param encoder dense encoder for hybrid record search (the knowledge base's, loaded once);
   *     {@link EncoderLoader#none()} keeps the index keyword-only
   */
  public PatientRecordsService(Path dataDirectory, EncoderLoader encoder) {
    this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory");
    this.encoder = Objects.requireNonNull(encoder, "encoder");
  }

  /**
   * Opens the index; blocking (loads the encoder), for a background thread. A failure leaves the
   * service without an index and is rethrown for the caller to log.
   */
  public void open(UserSession session) {
    try {
      Optional<TextEmbedder> enc = encoder.load();
      PatientRecordIndex opened = PatientIndexes.open(session, dataDirectory, enc);
      synchronized (this) {
        if (closed) {
          opened.close();
          return;
        }
        index = Optional.of(opened);
      }
      LOG.info("patient-record index opened ({})", enc.isPresent() ? "hybrid" : "keyword only");
    } catch (RuntimeException e) {
      failed = true;
      throw e;
    }
  }

  /** The open index; empty while it opens, after a failure and after {@link #close()}. */
  public Optional<PatientRecordIndex> index() {
    return index;
  }

  /** True when opening failed (the global search then says records cannot be searched). */
  public boolean failed() {
    return failed;
  }

  /**
   * The global search's view of the index: empty while it is still opening.
   *
   * @throws IllegalStateException when the index could not be opened
   */
  public Optional<List<PatientRecordHit>> find(String query, String patientId, int limit) {
    if (failed) {
      throw new IllegalStateException("the patient-record index is unavailable");
    }
    return index.map(i -> i.search(query, Optional.of(patientId), Set.of(), limit));
  }

  /** The pane that shows records of {@code kind}. */
  public static PaneContext.Pane paneOf(RecordKind kind) {
    return switch (kind) {
      case NOTE -> PaneContext.Pane.SOAP;
      case DOCUMENT -> PaneContext.Pane.DOCUMENTS;
      case IMAGING_REPORT -> PaneContext.Pane.IMAGING;
      case TIMELINE_EVENT -> PaneContext.Pane.TIMELINE;
    };
  }

  @Override
  public synchronized void close() {
    closed = true;
    Optional<PatientRecordIndex> open = index;
    index = Optional.empty();
    open.ifPresent(
        i -> {
          try {
            i.close();
          } catch (RuntimeException e) {
            LOG.warn("closing the patient-record index failed: {}", e.getClass().getName());
          }
        });
  }
}
