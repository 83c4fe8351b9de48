package org.meditwin.pacs;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.meditwin.imaging.archive.ImagingArchive;
import org.meditwin.imaging.archive.ImportResult;

/**
 * Retrieved instances go straight into a patient's encrypted imaging archive (origin {@code
 * "pacs:<AE>"}), one audited transaction per instance; nothing touches the disk in plaintext. An
 * instance the archive refuses fails that sub-operation (the PACS is told so).
 */
public final class ArchiveSink implements InstanceSink {
  private final ImagingArchive archive;
  private final String patientId;
  private final String origin;
  private final AtomicInteger imported = new AtomicInteger();
  private final AtomicInteger duplicates = new AtomicInteger();

  private ArchiveSink(ImagingArchive archive, String patientId, String origin) {
    this.archive = Objects.requireNonNull(archive, "archive");
    this.patientId = Objects.requireNonNull(patientId, "patientId");
    this.origin = origin;
  }

  /** Instances retrieved from {@code node} for the patient {@code patientId}. */
  public static ArchiveSink of(ImagingArchive archive, String patientId, PacsNode node) {
    return new ArchiveSink(archive, patientId, "pacs:" + node.calledAe());
  }

  @Override
  public void accept(ReceivedInstance instance) {
    ImportResult r = archive.importBytes(patientId, origin, instance.part10());
    if (!r.problems().isEmpty()) {
      throw new IllegalStateException(
          "the archive refused the object: " + r.problems().getFirst().message());
    }
    imported.addAndGet(r.importedCount());
    duplicates.addAndGet(r.duplicates());
  }

  /** New objects archived so far. */
  public int imported() {
    return imported.get();
  }

  /** Objects that were already in the archive (same SOP Instance UID). */
  public int duplicates() {
    return duplicates.get();
  }
}
