package org.meditwin.pacs;

import java.util.List;
import java.util.function.BooleanSupplier;
import org.meditwin.core.task.ProgressListener;
import org.meditwin.imaging.DicomSource;
import org.meditwin.pacs.dimse.DimseServices;

/**
 * DICOM network services against one {@link PacsNode}: each call opens its own association and
 * releases it. Thread-safe (no shared state between calls). Failures raise {@link PacsException}
 * with a message fit for the user; progress messages and logs never contain PHI.
 */
public interface DimseClient {

  static DimseClient of(PacsNode node) {
    return of(node, DimseOptions.defaults());
  }

  static DimseClient of(PacsNode node, DimseOptions options) {
    return DimseServices.client(node, options);
  }

  /** C-ECHO (Verification). */
  EchoResult echo();

  /**
   * C-FIND at the query's level (Patient Root for PATIENT, Study Root otherwise); at most {@code
   * limit} matches (the query is cancelled beyond).
   */
  List<PacsMatch> find(PacsQuery query, int limit);

  /**
   * C-GET of a study or series: the PACS sends the instances back on the same association; each
   * goes to {@code sink}. Progress counts instances (done, total); {@code cancelled} is polled
   * between instances and sends C-CANCEL.
   */
  RetrieveResult get(
      RetrieveRequest request,
      InstanceSink sink,
      ProgressListener progress,
      BooleanSupplier cancelled);

  /**
   * C-MOVE of a study or series to our own Store SCP, started for the duration of the call on
   * 127.0.0.1 at the node's {@link PacsNode#storeScpPort()} with our calling AE title (the PACS
   * must list that AE with host 127.0.0.1 / the workstation's address and that port).
   */
  RetrieveResult move(
      RetrieveRequest request,
      InstanceSink sink,
      ProgressListener progress,
      BooleanSupplier cancelled);

  /** C-MOVE to another AE known to the PACS (a third node); nothing is received here. */
  RetrieveResult moveTo(
      RetrieveRequest request,
      String destinationAe,
      ProgressListener progress,
      BooleanSupplier cancelled);

  /**
   * C-STORE of DICOM Part 10 objects (files, zip entries or archived instances), one association
   * per batch of presentation contexts. Per-instance failures are reported, not thrown.
   */
  StoreResult store(
      List<DicomSource> sources, ProgressListener progress, BooleanSupplier cancelled);
}
