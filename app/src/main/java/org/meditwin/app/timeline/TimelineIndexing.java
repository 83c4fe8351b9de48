package org.meditwin.app.timeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.meditwin.core.task.ProgressListener;
import org.meditwin.record.ClinicalEvent;
import org.meditwin.record.EventIndexFeed;
import org.meditwin.record.Laterality;
import org.meditwin.search.patient.PatientRecord;
import org.meditwin.search.patient.PatientRecordIndex;
import org.meditwin.search.patient.RecordKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps timeline events searchable in the session's patient-record index (ADR 0132): drains the
 * record's index outbox ({@link EventIndexFeed}) into the index after every change (timeline pane,
 * sign-in, FHIR import, CLI), and rebuilds one patient's or every patient's events from the record.
 * Record ids are {@code event:<id>} ({@code PaneContext.openRecord} opens them in the timeline).
 *
 * <p>Drains are serialised process-wide, so two drains never interleave an old upsert after a newer
 * delete. Only one process opens a data directory at a time (H2 lock), so this covers every writer.
 */
public final class TimelineIndexing {
  private static final Logger LOG = LoggerFactory.getLogger(TimelineIndexing.class);
  private static final Object DRAIN_LOCK = new Object();

  /** Queued changes applied per index commit. */
  static final int BATCH = 2_000;

  /** Record id prefix of timeline events in the patient-record index. */
  public static final String ID_PREFIX = "event:";

  /** What a drain or rebuild did (counts only, no PHI). */
  public record Report(int indexed, int removed, long millis) {}

  private TimelineIndexing() {}

  /** The patient-record index id of an event. */
  public static String recordId(String eventId) {
    return ID_PREFIX + eventId;
  }

  /**
   * The event as a patient record: its title as the title, and a text that spells out what a
   * clinician would search for (type, code, body part with side, severity, status, value, dates,
   * source).
   */
  public static PatientRecord record(ClinicalEvent e) {
    StringBuilder text = new StringBuilder(e.title());
    text.append(". ").append(words(e.type().name()));
    e.code().ifPresent(c -> text.append(". Code ").append(c));
    e.bodyPart()
        .ifPresent(
            part -> {
              text.append(". ");
              if (e.laterality() != Laterality.NONE) {
                text.append(words(e.laterality().name())).append(' ');
              }
              text.append(part);
            });
    e.severity().ifPresent(s -> text.append(". Severity ").append(s));
    text.append(". Status ").append(words(e.status().name()));
    if (e.value().isPresent()) {
      text.append(". Value ")
          .append(format(e.value().getAsDouble()))
          .append(e.unit().map(u -> " " + u).orElse(""));
    }
    text.append(". Date ").append(e.date());
    e.endDate().ifPresent(d -> text.append(" to ").append(d));
    text.append(". Source ").append(e.provenance().sourceKind());
    return new PatientRecord(
        recordId(e.id()),
        e.patientId(),
        RecordKind.TIMELINE_EVENT,
        e.title(),
        text.toString(),
        e.date(),
        Optional.empty());
  }

  /**
   * Applies every queued event change to {@code index}, in batches of {@value #BATCH}: one index
   * commit per batch, acknowledged in the record only after that commit (a crash re-delivers).
   */
  public static Report drain(
      EventIndexFeed feed, PatientRecordIndex index, ProgressListener progress) {
    Objects.requireNonNull(feed, "feed");
    Objects.requireNonNull(index, "index");
    Objects.requireNonNull(progress, "progress");
    synchronized (DRAIN_LOCK) {
      long t0 = System.nanoTime();
      int indexed = 0;
      int removed = 0;
      int total = feed.backlog();
      int seen = 0;
      while (true) {
        EventIndexFeed.Batch batch = feed.pending(BATCH);
        if (batch.isEmpty()) {
          break;
        }
        apply(index, batch, ProgressListener.NONE);
        feed.acknowledge(batch.lastSeq());
        indexed += batch.upserts().size();
        removed += batch.removals().size();
        seen = Math.min(total, seen + batch.upserts().size() + batch.removals().size());
        progress.progress(seen, Math.max(total, seen), "Indexing timeline events");
      }
      Report r = new Report(indexed, removed, (System.nanoTime() - t0) / 1_000_000);
      if (indexed + removed > 0) {
        LOG.info(
            "timeline index drain: {} indexed, {} removed in {} ms", indexed, removed, r.millis());
      }
      return r;
    }
  }

  /**
   * Drains with the index {@code index} supplies, when it is open; logs (without PHI) and swallows
   * failures: the changes stay queued for the next drain. For background hooks.
   */
  public static void drainQuietly(
      Supplier<EventIndexFeed> feed, Supplier<Optional<PatientRecordIndex>> index) {
    try {
      Optional<PatientRecordIndex> open = index.get();
      if (open.isPresent()) {
        drain(feed.get(), open.get(), ProgressListener.NONE);
      }
    } catch (RuntimeException e) {
      LOG.warn("timeline index drain failed, changes stay queued: {}", e.getClass().getName());
    }
  }

  /**
   * Rebuilds the timeline events of one patient (or of all patients) in {@code index} from the
   * record: replaces them in one index commit (stale records of deleted events or patients go too),
   * then acknowledges the changes the snapshot already reflects.
   */
  public static Report reindex(
      EventIndexFeed feed,
      PatientRecordIndex index,
      Optional<String> patientId,
      ProgressListener progress) {
    Objects.requireNonNull(patientId, "patientId");
    synchronized (DRAIN_LOCK) {
      long t0 = System.nanoTime();
      EventIndexFeed.Batch snapshot = feed.snapshot(patientId);
      List<PatientRecord> records = new ArrayList<>(snapshot.upserts().size());
      for (ClinicalEvent e : snapshot.upserts()) {
        records.add(record(e));
      }
      index.replaceKind(patientId, RecordKind.TIMELINE_EVENT, records, progress);
      if (patientId.isPresent()) {
        feed.acknowledgePatient(patientId.get(), snapshot.lastSeq());
      } else {
        feed.acknowledge(snapshot.lastSeq());
      }
      return new Report(records.size(), 0, (System.nanoTime() - t0) / 1_000_000);
    }
  }

  private static void apply(
      PatientRecordIndex index, EventIndexFeed.Batch batch, ProgressListener progress) {
    List<PatientRecord> records = new ArrayList<>(batch.upserts().size());
    for (ClinicalEvent e : batch.upserts()) {
      records.add(record(e));
    }
    List<String> removals = new ArrayList<>(batch.removals().size());
    for (EventIndexFeed.Removal r : batch.removals()) {
      removals.add(recordId(r.eventId()));
    }
    index.deleteAll(removals);
    index.upsertAll(records, progress);
  }

  private static String words(String enumName) {
    return enumName.toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  private static String format(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15
        ? Long.toString((long) v)
        : String.format(Locale.ROOT, "%.4g", v);
  }
}
